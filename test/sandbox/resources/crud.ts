// The operations most Whispir resources share. A resource file picks the ones it supports.
import { paginate, view } from '../links';
import { HttpError, empty } from '../reply';
import { newId } from '../store';
import type { Ctx, Operation, Rec, Reply, ResourceDef, Scope } from '../types';

type Query = Record<string, string>;

/** Records the request can see: its scope, or every workspace for company-wide unprefixed reads. */
export function visible(ctx: Ctx): Rec[] {
	const all = ctx.resource.companyWide && !ctx.prefixed;
	return ctx.env.store.list(ctx.resource.name, all ? undefined : ctx.scope);
}

export function find(ctx: Ctx): Rec {
	const all = ctx.resource.companyWide && !ctx.prefixed;
	const rec = ctx.env.store.get(ctx.resource.name, ctx.id ?? '', all ? undefined : ctx.scope);
	if (!rec) throw new HttpError(404, `${ctx.resource.itemName} ${ctx.id ?? ''} not found`);
	return rec;
}

/** Applies the resource's defaults and stores the record; used by POST and by seeding. */
export function insert(def: ResourceDef, scope: Scope, input: Record<string, unknown>): Rec {
	const data = def.prepare ? def.prepare(input, scope) : input;
	const id = typeof data.id === 'string' && data.id !== '' ? data.id : newId();
	return scope.env.store.put(def.name, scope.scope, { ...data, id });
}

/** Whispir puts the new URL, API key included, into Location. */
export function location(ctx: Ctx, id: string): string {
	return `${ctx.env.url}${ctx.collectionPath}/${encodeURIComponent(id)}?apikey=${encodeURIComponent(ctx.env.apiKey)}`;
}

export function listOp(opts: { filter?: (rec: Rec, q: Query) => boolean; newestFirst?: boolean } = {}): Operation {
	return {
		handle(ctx) {
			let recs = visible(ctx);
			if (opts.filter) recs = recs.filter((r) => opts.filter!(r, ctx.query));
			if (opts.newestFirst) recs = recs.reverse();
			return { status: 200, list: paginate(ctx, recs) };
		},
	};
}

export function getOp(): Operation {
	return { handle: (ctx) => ({ status: 200, entity: view(find(ctx), ctx, 'item') }) };
}

export interface CreateOptions {
	/** Returns the fields to store, or throws HttpError(422) naming the offending field. */
	validate(body: Record<string, unknown>, ctx: Ctx): Record<string, unknown>;
	/** Whispir answers some creates with the entity, most with Location only. */
	withBody?: boolean;
	status?: number;
}

export function createOp(opts: CreateOptions): Operation {
	return {
		handle(ctx): Reply {
			const rec = insert(ctx.resource, ctx, opts.validate(ctx.body, ctx));
			const headers = { Location: location(ctx, rec.id) };
			const status = opts.status ?? 201;
			return opts.withBody ? { status, headers, entity: view(rec, ctx, 'item') } : empty(status, headers);
		},
	};
}
