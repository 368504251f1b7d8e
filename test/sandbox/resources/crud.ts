// The operations most Whispir resources share. A resource file picks the ones it supports.
import { paginate, view } from '../links';
import { HttpError, empty } from '../reply';
import { newId } from '../store';
import type { Ctx, Operation, Rec, Reply, ResourceDef, Scope } from '../types';

type Query = Record<string, string>;

/** The scope a request reads: its own, or every workspace (undefined) for company-wide unprefixed reads. */
function readScope(ctx: Ctx): string | undefined {
	return ctx.resource.companyWide && !ctx.prefixed ? undefined : ctx.scope;
}

export function find(ctx: Ctx): Rec {
	const rec = ctx.env.store.get(ctx.resource.name, ctx.id ?? '', readScope(ctx));
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
function location(ctx: Ctx, id: string): string {
	return `${ctx.env.url}${ctx.collectionPath}/${encodeURIComponent(id)}?apikey=${encodeURIComponent(ctx.env.apiKey)}`;
}

export function listOp(opts: { filter?: (rec: Rec, q: Query) => boolean; newestFirst?: boolean } = {}): Operation {
	return {
		handle(ctx) {
			let recs = ctx.env.store.list(ctx.resource.name, readScope(ctx));
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
}

/** 201 with only a Location header, as most Whispir creates answer. */
export function createOp(opts: CreateOptions): Operation {
	return {
		handle(ctx): Reply {
			const rec = insert(ctx.resource, ctx, opts.validate(ctx.body, ctx));
			return empty(201, { Location: location(ctx, rec.id) });
		},
	};
}
