// The operations most Whispir resources share. A resource file picks the ones it supports.
import { paginate, view } from '../links';
import { HttpError, empty } from '../reply';
import { newId } from '../store';
import type { Ctx, Operation, Rec, Reply, ResourceDef, Scope } from '../types';
import { sameText } from './validate';

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
export function location(ctx: Ctx, id: string): string {
	return `${ctx.env.url}${ctx.collectionPath}/${encodeURIComponent(id)}?apikey=${encodeURIComponent(ctx.env.apiKey)}`;
}

export function listOp(
	opts: { filter?: (rec: Rec, q: Query) => boolean; newestFirst?: boolean } = {},
): Operation {
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

/** Returns the fields to store, or throws HttpError(422) naming the offending field. */
type Validate = (body: Record<string, unknown>, ctx: Ctx, current?: Rec) => Record<string, unknown>;

interface CreateOptions {
	/** Leave it out when the resource's `prepare` validates, so that seeds are checked too. */
	validate?: Validate;
	/** Also answer with the created entity (contacts, devices, users, apps, scenarios, events do). */
	withBody?: boolean;
}

/** 201 with a Location header, as Whispir creates answer; some resources add the entity. */
export function createOp(opts: CreateOptions = {}): Operation {
	return {
		handle(ctx): Reply {
			const rec = insert(
				ctx.resource,
				ctx,
				opts.validate ? opts.validate(ctx.body, ctx) : ctx.body,
			);
			const headers = { Location: location(ctx, rec.id) };
			return opts.withBody
				? { status: 201, headers, entity: view(rec, ctx, 'item') }
				: empty(201, headers);
		},
	};
}

/**
 * PUT as Whispir does it for most resources: the body **replaces** the record, so a field left out
 * is erased (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact). `keep` lists fields that survive anyway (e.g. a user's password).
 */
export function replaceOp(opts: { validate: Validate; keep?: string[] }): Operation {
	return {
		handle(ctx): Reply {
			const current = find(ctx);
			const kept: Record<string, unknown> = {};
			for (const key of Object.keys(current))
				if (key.startsWith('_') || opts.keep?.includes(key)) kept[key] = current[key];
			const next = { ...kept, ...opts.validate(ctx.body, ctx, current), id: current.id };
			ctx.env.store.put(ctx.resource.name, ctx.scope, next);
			return empty(204);
		},
	};
}

/** Whether another record of the request's scope already has this name (case ignored). */
export function nameTaken(ctx: Ctx, field: string, name: string): boolean {
	return ctx.env.store
		.list(ctx.resource.name, ctx.scope)
		.some((r) => r.id !== ctx.id && sameText(r[field], name));
}

export function deleteOp(): Operation {
	return {
		handle(ctx): Reply {
			find(ctx);
			ctx.env.store.remove(ctx.resource.name, ctx.id ?? '');
			return empty(204);
		},
	};
}
