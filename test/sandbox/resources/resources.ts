// Whispir "resources": files stored for bulk messages and contact imports (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource).
// The file travels base64-encoded in `derefUri`; GET answers metadata only, never the content.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { paginate, selfLink } from '../links';
import { HttpError } from '../reply';
import type { Ctx, Env, Link, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, getOp, replaceOp } from './crud';
import { containsText, oneOf, requireFields, strings } from './validate';

const MAX_BYTES = 10 * 1024 * 1024;
const SCOPES = ['public', 'private'] as const;
/** "Private files are restricted to CSV, JSON, and XML" (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource) and the 422 table (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource). */
const PRIVATE_TYPES = ['text/csv', 'application/json', 'application/xml'];

type Row = Record<string, string>;

/** "sorted by most recently updated" (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource): every create and replace takes the next number. */
let updateCounter = 0;

// ---------- file parsing ----------

/** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes. Throws on a broken quote. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let fieldStarted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c !== '"') field += c;
			else if (text[i + 1] === '"') {
				field += '"';
				i++;
			} else {
				quoted = false;
				const next = text[i + 1];
				if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
					throw new Error(`unexpected character after a closing quote on line ${rows.length + 1}`);
				}
			}
		} else if (c === '"') {
			if (fieldStarted)
				throw new Error(`a quote inside an unquoted field on line ${rows.length + 1}`);
			quoted = true;
			fieldStarted = true;
		} else if (c === ',') {
			row.push(field);
			field = '';
			fieldStarted = false;
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			fieldStarted = false;
		} else {
			field += c;
			fieldStarted = true;
		}
	}
	if (quoted) throw new Error('a quoted field is never closed');
	if (fieldStarted || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	// Blank lines carry no record.
	return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

function csvRows(text: string): Row[] {
	const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
	if (!header) throw new Error('the file is empty');
	return records.map((fields, i) => {
		if (fields.length !== header.length) {
			throw new Error(`line ${i + 2} has ${fields.length} fields, the header has ${header.length}`);
		}
		return Object.fromEntries(header.map((h, j) => [h.trim(), fields[j]]));
	});
}

/** Nested objects become dotted keys, as the docs' `@@MsgData.POBDetail.DateAndTime@@` tags read them. */
function flatten(value: unknown, prefix: string, out: Row): Row {
	if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
		for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	} else if (prefix) {
		out[prefix] =
			value === null || value === undefined
				? ''
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value);
	}
	return out;
}

/** An array of records, or an object whose only array property holds them (`{ "contacts": [...] }`). */
function recordArray(data: unknown): unknown[] {
	if (Array.isArray(data)) return data;
	if (data !== null && typeof data === 'object') {
		const arrays = Object.values(data).filter(Array.isArray);
		if (arrays.length === 1) return arrays[0];
	}
	throw new Error('expected an array of records, or an object with a single array of records');
}

function objectRows(data: unknown): Row[] {
	return recordArray(data).map((r, i) => {
		if (r === null || typeof r !== 'object' || Array.isArray(r))
			throw new Error(`record ${i + 1} is not an object`);
		return flatten(r, '', {});
	});
}

const xmlParser = new XMLParser({
	ignoreAttributes: true,
	removeNSPrefix: true,
	parseTagValue: false,
	trimValues: true,
});

/** `<recipients><recipient>…</recipient>…</recipients>` as in the docs' example (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource). */
function xmlRows(text: string): Row[] {
	const doc = xmlParser.parse(text) as Record<string, unknown>;
	const rootKey = Object.keys(doc).find((k) => !k.startsWith('?'));
	const root = rootKey ? doc[rootKey] : undefined;
	if (root === null || typeof root !== 'object') return [];
	const children = Object.values(root);
	if (children.length !== 1) throw new Error('expected one repeated record element under the root');
	const records = Array.isArray(children[0]) ? children[0] : [children[0]];
	return objectRows(records);
}

function decodeRows(mimeType: string, base64: string): Row[] {
	const text = Buffer.from(base64, 'base64').toString('utf8');
	if (mimeType === 'text/csv') return csvRows(text);
	if (mimeType === 'application/json') return objectRows(JSON.parse(text));
	if (mimeType === 'application/xml') return xmlRows(text);
	throw new Error(`a ${mimeType} file holds no records`);
}

/** Whispir refuses malformed CSV, JSON and XML with 422 (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource), whatever the scope. */
function checkWellFormed(mimeType: string, base64: string): void {
	const text = Buffer.from(base64, 'base64').toString('utf8');
	try {
		if (mimeType === 'text/csv') csvRows(text);
		else if (mimeType === 'application/json') JSON.parse(text);
		else if (mimeType === 'application/xml') {
			const valid = XMLValidator.validate(text);
			if (valid !== true) throw new Error(valid.err.msg);
		}
	} catch (err) {
		throw new HttpError(
			422,
			`An error occurred when processing entity in the request: malformed ${mimeType} file (${(err as Error).message})`,
		);
	}
}

/**
 * The records of a stored CSV, JSON or XML resource, one string map per row: CSV header → keys,
 * JSON/XML nested objects → dotted keys. For the bulk-message and contact-import handlers.
 * 404 when the resource does not exist in that scope, 422 when its content holds no records.
 */
export function readResourceRows(env: Env, scope: string, resourceId: string): Row[] {
	const rec = env.store.get(resourceFiles.name, resourceId, scope);
	if (!rec) throw new HttpError(404, `resource ${resourceId} not found`);
	try {
		return decodeRows(String(rec.mimeType), String(rec.derefUri ?? ''));
	} catch (err) {
		throw new HttpError(
			422,
			`resource ${resourceId} (${String(rec.name)}) could not be read: ${(err as Error).message}`,
		);
	}
}

// ---------- the API ----------

/** All four fields are mandatory on POST and PUT (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource). */
function validate(body: Record<string, unknown>): Record<string, unknown> {
	requireFields(body, ['name', 'scope', 'mimeType', 'derefUri']);
	const s = strings(body, ['name', 'scope', 'mimeType', 'derefUri']);
	const scope = oneOf('scope', s.scope, SCOPES).toLowerCase();
	const mimeType = s.mimeType!.trim().toLowerCase();
	const base64 = s.derefUri!.replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new HttpError(422, 'derefUri must be base64');
	if (Buffer.byteLength(base64, 'base64') > MAX_BYTES) {
		throw new HttpError(
			422,
			'The POST request entity exceeds allowed size: a resource may be at most 10 MiB',
		);
	}
	if (scope === 'private' && !PRIVATE_TYPES.includes(mimeType)) {
		throw new HttpError(
			422,
			`The requested content type is not supported by the API: private resources must be one of ${PRIVATE_TYPES.join(', ')}`,
		);
	}
	checkWellFormed(mimeType, base64);
	return { name: s.name!.trim(), scope, mimeType, derefUri: base64, _updated: ++updateCounter };
}

function publicUrl(ctx: Ctx, rec: Rec): string {
	return `${ctx.env.url}/public/resources/${rec.id}/${encodeURIComponent(String(rec.name))}`;
}

/** Metadata only; no `id` in list items (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource), the id is in the self link. */
function resourceView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown> {
	const self = selfLink(ctx, rec.id);
	const links: Array<Link & { type?: string }> = [self];
	if (mode === 'item') {
		links.push({
			uri: self.uri,
			rel: 'updateResource',
			method: 'PUT',
			type: 'application/vnd.whispir.resource-v1+json,application/vnd.whispir.resource-v1+xml',
		});
		links.push({ uri: self.uri, rel: 'deleteResource', method: 'DELETE' });
	}
	return {
		name: rec.name,
		scope: rec.scope,
		mimeType: rec.mimeType,
		...(rec.scope === 'public' ? { url: publicUrl(ctx, rec) } : {}),
		link: links,
	};
}

function listFilter(rec: Rec, q: Record<string, string>): boolean {
	if (q.scope && String(rec.scope) !== q.scope.toLowerCase()) return false;
	if (q.name && !containsText(rec.name, q.name)) return false;
	return true;
}

export const resourceFiles: ResourceDef = {
	name: 'resources',
	mediaType: 'resource-v1',
	listKey: 'resources',
	itemName: 'resource',
	scope: 'workspace',
	// Seeded records get the same normalisation as POSTed ones.
	prepare: (input) => ({ ...input, ...validate(input) }),
	view: resourceView,
	collection: {
		GET: {
			handle(ctx) {
				const recs = ctx.env.store
					.list(ctx.resource.name, ctx.scope)
					.filter((r) => listFilter(r, ctx.query))
					.sort((a, b) => Number(b._updated) - Number(a._updated));
				return { status: 200, list: paginate(ctx, recs) };
			},
		},
		// `prepare` (run by createOp's insert, and by seeding) does the validation.
		POST: createOp(),
	},
	item: { GET: getOp(), PUT: replaceOp({ validate }), DELETE: deleteOp() },
};
