import { HttpError } from '../reply';

type Body = Record<string, unknown>;

export const isObject = (value: unknown): value is Body =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A repeated element as a list: XML gives a single one as the element itself, an empty one as ''. */
export function listOf(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	return Array.isArray(value) ? value : [value];
}

/** Whispir's searches and name checks ignore case (and the spaces around a value). */
export const sameText = (stored: unknown, wanted: string) =>
	String(stored ?? '')
		.trim()
		.toLowerCase() === wanted.trim().toLowerCase();
export const containsText = (stored: unknown, wanted: string) =>
	String(stored ?? '')
		.toLowerCase()
		.includes(wanted.toLowerCase());

function blank(v: unknown): boolean {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** 422 naming every missing field, as Whispir's "offending fields" text does. */
export function requireFields(body: Body, fields: string[]): void {
	const missing = fields.filter((f) => blank(body[f]));
	if (missing.length > 0)
		throw new HttpError(422, missing.map((f) => `${f} is required`).join('; '));
}

/** Optional scalar fields as strings (XML bodies give strings, JSON may give numbers). */
export function strings(body: Body, fields: string[]): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const f of fields) {
		const v = body[f];
		if (v === undefined || v === null) continue;
		if (typeof v === 'object') throw new HttpError(422, `${f} must be a string`);
		out[f] = String(v);
	}
	return out;
}

/** Case-insensitive check against a documented list; answers with the documented spelling. */
export function oneOf(
	field: string,
	value: string | undefined,
	allowed: readonly string[],
): string {
	const hit = allowed.find((a) => a.toLowerCase() === (value ?? '').trim().toLowerCase());
	if (!hit) throw new HttpError(422, `${field} must be one of: ${allowed.join(', ')}`);
	return hit;
}

/** dd/MM/yy HH:mm (UTC), the format of activity times and custom list dates. */
export function shortDate(d = new Date()): string {
	const p = (n: number) => String(n).padStart(2, '0');
	return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Parses dd/MM/yy[yy][ HH:mm] to epoch ms (UTC); undefined if it is not that shape. */
export function parseShortDate(s: string): number | undefined {
	const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(s.trim());
	if (!m) return undefined;
	const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
	const t = Date.UTC(year, Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0));
	return Number.isNaN(t) ? undefined : t;
}
