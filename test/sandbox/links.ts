import { HttpError } from './reply';
import type { Ctx, Link, ListPage, Rec } from './types';

const PAGE_MAX = 20;

/**
 * A link in the configured style. Like Whispir (Whispir's Workspaces docs: https://developers.whispir.com/c2NoOjM4OTQzOTI0-workspace), every link carries
 * the caller's API key as `apikey`, so clients must scrub it before showing anything.
 */
export function linkUri(ctx: Ctx, path: string, query?: Record<string, string>): string {
	const qs = `?${new URLSearchParams({ ...query, apikey: ctx.env.apiKey }).toString()}`;
	return ctx.env.config.linkStyle === 'relative' ? `${path}${qs}` : `${ctx.env.url}${path}${qs}`;
}

export function selfLink(ctx: Ctx, id: string): Link {
	return {
		uri: linkUri(ctx, `${ctx.collectionPath}/${encodeURIComponent(id)}`),
		rel: 'self',
		method: 'GET',
	};
}

/** A record without its internal "_" keys. */
export function publicFields(rec: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(rec).filter(([key]) => !key.startsWith('_')));
}

/** What clients see of a record: the resource's `view`, else the record without "_" keys plus its self link. */
export function view(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown> {
	if (ctx.resource.view) return ctx.resource.view(rec, ctx, mode);
	return { ...publicFields(rec), link: [selfLink(ctx, rec.id)] };
}

function intParam(raw: string | undefined, fallback: number, min: number): number {
	const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
	return Number.isInteger(n) && n >= min ? n : fallback;
}

/** A search's `sortFields=a,b` and `sortOrder=asc|desc` (contacts and users, Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact; Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user). */
export function sortedAsAsked(records: Rec[], query: Record<string, string>): Rec[] {
	const fields = (query.sortFields ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	if (fields.length === 0) return records;
	const direction = query.sortOrder?.toLowerCase() === 'desc' ? -1 : 1;
	return [...records].sort((a, b) => {
		for (const field of fields) {
			const order = String(a[field] ?? '').localeCompare(String(b[field] ?? ''));
			if (order !== 0) return order * direction;
		}
		return 0;
	});
}

/** Whispir's paging: at most 20 per page, "1 to 20 of 873", rel=next/prev links (per the link style). */
export function paginate(ctx: Ctx, records: Rec[]): ListPage {
	const limit = Math.min(intParam(ctx.query.limit, PAGE_MAX, 1), PAGE_MAX);
	const offset = intParam(ctx.query.offset, 0, 0);
	const slice = records.slice(offset, offset + limit);
	if (slice.length === 0) {
		if (ctx.resource.emptyListIs404) throw new HttpError(404, 'No records found');
		return { status: 'No records found', items: [] };
	}
	const items = slice.map((r) => view(r, ctx, 'list'));
	// Whispir's workspaces JSON example has neither status nor page links (Whispir's API docs, Pagination: https://developers.whispir.com; Whispir's Workspaces docs: https://developers.whispir.com/c2NoOjM4OTQzOTI0-workspace).
	if (ctx.env.config.linkStyle === 'none') return { items };
	// Filters stay in the page links so that following "next" keeps the same search.
	const { offset: _o, limit: _l, ...filters } = ctx.query;
	const pageLink = (rel: string, o: number): Link => ({
		uri: linkUri(ctx, ctx.collectionPath, { offset: String(o), limit: String(limit), ...filters }),
		rel,
		method: 'GET',
	});
	const links: Link[] = [];
	if (offset + limit < records.length) links.push(pageLink('next', offset + limit));
	if (offset > 0) links.push(pageLink('prev', Math.max(0, offset - limit)));
	return {
		status: `${offset + 1} to ${offset + slice.length} of ${records.length}`,
		items,
		link: ctx.env.config.linkStyle === 'single' ? links[0] : links,
	};
}
