// The calls of a callback (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback, Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback): every delivery attempt, listed
// with an optional status filter, and marked SUCCESS or FAILED in bulk with a PUT that repeats `id`
// (`/callbacks/{cbid}/calls?id=A&id=B`). Deliveries are stored by ./callbacks.ts.
import { paginate, publicFields } from '../links';
import { empty, HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { find } from './crud';
import { oneOf } from './validate';

const STATUSES = ['SUCCESS', 'FAILED'];

/** As the JSON example (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback): the update link is relative and carries no API key. */
function callView(rec: Rec, ctx: Ctx): Record<string, unknown> {
	return {
		...publicFields(rec),
		link: [
			{
				rel: 'updateCall',
				uri: `${ctx.collectionPath}/${encodeURIComponent(rec.id)}`,
				method: 'PUT',
			},
		],
	};
}

function newStatus(ctx: Ctx): string {
	return oneOf('status', String(ctx.body.status ?? ''), STATUSES);
}

function setStatus(ctx: Ctx, ids: string[], status: string): void {
	const calls = ids.map((id) => {
		const call = ctx.env.store.get('calls', id, ctx.scope);
		if (!call) throw new HttpError(404, `call ${id} not found`);
		return call;
	});
	for (const call of calls) ctx.env.store.put('calls', ctx.scope, { ...call, status });
}

export const calls: ResourceDef = {
	name: 'calls',
	mediaType: 'api-call-v1',
	listKey: 'calls',
	itemName: 'call',
	scope: 'company',
	parent: 'callbacks',
	view: callView,
	collection: {
		GET: {
			handle(ctx) {
				const wanted =
					ctx.query.status === undefined ? undefined : oneOf('status', ctx.query.status, STATUSES);
				const records = ctx.env.store
					.list('calls', ctx.scope)
					.filter((c) => wanted === undefined || c.status === wanted);
				return { status: 200, list: paginate(ctx, records) };
			},
		},
		PUT: {
			handle(ctx) {
				const ids = ctx.queryAll?.getAll('id').filter((id) => id.trim() !== '') ?? [];
				if (ids.length === 0)
					throw new HttpError(400, 'id is required: /callbacks/{id}/calls?id=ID1&id=ID2');
				setStatus(ctx, ids, newStatus(ctx));
				return empty(204);
			},
		},
	},
	item: {
		GET: { handle: (ctx) => ({ status: 200, entity: callView(find(ctx), ctx) }) },
		// The path form of each call's `updateCall` link.
		PUT: {
			handle(ctx) {
				setStatus(ctx, [find(ctx).id], newStatus(ctx));
				return empty(204);
			},
		},
	},
};
