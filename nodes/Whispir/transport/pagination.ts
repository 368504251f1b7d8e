import type { IDataObject } from 'n8n-workflow';

import { idFromUrl } from './responses';

/** Whispir caps every page at 20 items (the `limit` parameter of every list operation, e.g. contactList). */
export const MAX_PAGE_SIZE = 20;

type Link = { rel?: unknown; uri?: unknown };

/** `link` is an array in most answers, a single object in some (contacts, users, XML-born JSON). */
function linksOf(value: unknown): Link[] {
	if (Array.isArray(value))
		return value.filter((link): link is Link => typeof link === 'object' && link !== null);
	if (typeof value === 'object' && value !== null) return [value as Link];
	return [];
}

function linkUri(value: unknown, rel: string): string | undefined {
	const link = linksOf(value).find((candidate) => String(candidate.rel).toLowerCase() === rel);
	return typeof link?.uri === 'string' ? link.uri : undefined;
}

function isNoRecords(page: IDataObject): boolean {
	return (
		typeof page.status === 'string' && /^no (records|messages) found/i.test(page.status.trim())
	);
}

/**
 * The items of one list page. List keys vary by resource (`messagetemplates`, `users` or `Users`…),
 * so the key is matched without case, and an answer holding a single item as an object is a list of one.
 */
export function pageItems(
	page: unknown,
	listKey: string,
	options = { idsFromSelfLinks: true },
): IDataObject[] {
	if (typeof page !== 'object' || page === null || Array.isArray(page)) return [];
	const body = page as IDataObject;
	if (isNoRecords(body)) return [];
	const wanted = listKey.toLowerCase();
	const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === wanted);
	const value = key === undefined ? undefined : body[key];
	const items = Array.isArray(value)
		? value
		: typeof value === 'object' && value !== null
			? [value]
			: [];
	return options.idsFromSelfLinks ? (items as IDataObject[]).map(withId) : (items as IDataObject[]);
}

/**
 * Whether a page reports records (`"1 to 5 of 5"`) but holds no `listKey` list: the answer names its
 * list otherwise, and reading it as empty would lose every record without a word.
 */
export function lacksReportedList(page: unknown, listKey: string): boolean {
	if (typeof page !== 'object' || page === null || Array.isArray(page)) return false;
	const status = parseListStatus((page as IDataObject).status);
	const wanted = listKey.toLowerCase();
	return (
		status !== undefined &&
		status.total > 0 &&
		!Object.keys(page).some((key) => key.toLowerCase() === wanted)
	);
}

/** List items of some resources (resources, scenarios, activities) carry their id only in the self link. */
export function withId(item: IDataObject): IDataObject {
	if (item.id !== undefined) return item;
	const id = idFromUrl(linkUri(item.link, 'self'));
	return id === undefined ? item : { id, ...item };
}

/** `"1 to 20 of 873"` → `{ last: 20, total: 873 }` (trailing spaces happen). */
export function parseListStatus(status: unknown): { last: number; total: number } | undefined {
	if (typeof status !== 'string') return undefined;
	const match = /^\s*\d+\s+to\s+(\d+)\s+of\s+(\d+)\s*$/i.exec(status);
	return match ? { last: Number(match[1]), total: Number(match[2]) } : undefined;
}

/**
 * The offset of the next page, or undefined on the last one. Only the `offset` of a `rel=next` link
 * is used, never its host: some documented links point at internal Whispir hosts, and requests must
 * stay on the credential's base URL. Without a link, the `status` line tells whether more remain;
 * without either (Whispir's workspaces example has neither), a full page means there may be more.
 */
export function nextOffset(
	page: unknown,
	request: { offset: number; pageSize: number },
	itemCount: number,
): number | undefined {
	if (itemCount === 0 || typeof page !== 'object' || page === null) return undefined;
	const body = page as IDataObject;
	const next = linkUri(body.link, 'next');
	if (next !== undefined) {
		const offset = offsetOf(next);
		// A link that does not move forward would loop for ever.
		return offset !== undefined && offset > request.offset ? offset : undefined;
	}
	const status = parseListStatus(body.status);
	if (status)
		return status.last < status.total && status.last > request.offset ? status.last : undefined;
	return itemCount >= request.pageSize ? request.offset + itemCount : undefined;
}

function offsetOf(uri: string): number | undefined {
	try {
		const offset = new URL(uri, 'http://relative.invalid').searchParams.get('offset');
		return offset !== null && /^\d+$/.test(offset) ? Number(offset) : undefined;
	} catch {
		return undefined;
	}
}

/** The pages after the first, when their number is known: page k starts at `(k + 1) × stride`. */
export interface PagePlan {
	/** Items per page, as the first page had them. */
	stride: number;
	/** How many pages after the first. */
	count: number;
	/** Where the last page ends: the list's total, or fewer when a limit asks for fewer. */
	end: number;
}

/**
 * When the first page's status line gives the total (`"1 to 20 of 873"`), the offsets of every
 * other page are known and the pages can be read at the same time. Undefined when the status is
 * missing or does not describe this page, or nothing more is wanted: `next` links are followed then.
 */
export function planPages(
	firstPage: unknown,
	itemCount: number,
	wanted: number,
): PagePlan | undefined {
	if (itemCount === 0 || typeof firstPage !== 'object' || firstPage === null) return undefined;
	const status = parseListStatus((firstPage as IDataObject).status);
	if (!status || status.last !== itemCount) return undefined;
	const end = Math.min(status.total, wanted);
	if (end <= itemCount) return undefined;
	return { stride: itemCount, count: Math.ceil((end - itemCount) / itemCount), end };
}

/** Offset and size of page k of a plan (0 is the second page of the list). */
export function plannedPage(plan: PagePlan, k: number): { offset: number; pageSize: number } {
	const offset = (k + 1) * plan.stride;
	return { offset, pageSize: Math.min(plan.stride, plan.end - offset) };
}
