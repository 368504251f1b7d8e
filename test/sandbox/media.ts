import { STATUS_CODES } from 'node:http';

import { HttpError } from './reply';
import type { ListPage, Reply, ResourceDef } from './types';
import { entityXml, listXml, parseXmlBody } from './xml';

export type Format = 'json' | 'xml';

export interface Wire {
	status: number;
	headers: Record<string, string>;
	body?: string;
}

const VENDOR = 'application/vnd.whispir.';

/** The one place a full media type is built: application/vnd.whispir.workspace-v1+json. */
export function vendorType(def: ResourceDef, format: Format): string {
	return `${VENDOR}${def.mediaType}+${format}`;
}

const useInstead = (def: ResourceDef) =>
	`use ${vendorType(def, 'json')} or ${vendorType(def, 'xml')}`;

function mediaTypes(header: string): string[] {
	return header
		.split(',')
		.map((t) => t.split(';')[0].trim().toLowerCase())
		.filter(Boolean);
}

function formatOf(type: string, def: ResourceDef): Format | undefined {
	for (const format of ['json', 'xml'] as const) {
		if (type === vendorType(def, format)) return format;
		if (def.otherMediaTypes?.some((name) => type === `${VENDOR}${name}+${format}`)) return format;
		const anyOfItsKind =
			type === `application/${format}` || (type.startsWith(VENDOR) && type.endsWith(`+${format}`));
		if (def.lenientMedia && anyOfItsKind) return format;
	}
	return undefined;
}

/** Whispir answers XML when Accept is absent or a wildcard, and 415 for another resource's type. */
export function negotiate(accept: string | undefined, def: ResourceDef): Format {
	if (accept === undefined || accept.trim() === '') return 'xml';
	for (const type of mediaTypes(accept)) {
		if (type === '*/*') return 'xml';
		const f = formatOf(type, def);
		if (f) return f;
	}
	throw new HttpError(415, `Unsupported Accept "${accept}": ${useInstead(def)}`);
}

export function requestFormat(contentType: string | undefined, def: ResourceDef): Format {
	const type = mediaTypes(contentType ?? '')[0];
	const f = type === undefined ? undefined : formatOf(type, def);
	if (!f)
		throw new HttpError(415, `Unsupported Content-Type "${contentType ?? ''}": ${useInstead(def)}`);
	return f;
}

/** The short name of a vendor media type: application/vnd.whispir.bulkmessage-v1+json → bulkmessage-v1. */
export function mediaTypeName(contentType: string | undefined): string | undefined {
	const type = mediaTypes(contentType ?? '')[0];
	return type?.startsWith(VENDOR)
		? type.slice(VENDOR.length).replace(/\+(json|xml)$/, '')
		: undefined;
}

export function parseBody(raw: string, format: Format): Record<string, unknown> {
	if (raw.trim() === '') throw new HttpError(400, 'The request body is empty');
	if (format === 'xml') {
		const r = parseXmlBody(raw);
		if ('error' in r) throw new HttpError(400, r.error);
		return r.value;
	}
	let value: unknown;
	try {
		value = JSON.parse(raw);
	} catch (err) {
		throw new HttpError(400, `The JSON body could not be parsed: ${(err as Error).message}`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new HttpError(400, 'The JSON body must be an object');
	}
	return value as Record<string, unknown>;
}

function listJson(def: ResourceDef, page: ListPage): Record<string, unknown> {
	if (page.items.length === 0) return { status: page.status };
	const out: Record<string, unknown> = {};
	if (page.status !== undefined) out.status = page.status;
	out[page.key ?? def.listKey] = page.items;
	if (page.link !== undefined) out.link = page.link;
	return out;
}

export function render(reply: Reply, format: Format, def: ResourceDef): Wire {
	const headers: Record<string, string> = { ...reply.headers };
	let body: string | undefined;
	if (reply.entity || reply.list) {
		if (format === 'json') body = JSON.stringify(reply.entity ?? listJson(def, reply.list!));
		else if (reply.entity) body = entityXml(def.itemName, reply.entity);
		else body = listXml(reply.list!.key ?? def.listKey, def.itemName, reply.list!);
		headers['Content-Type'] = vendorType(def, format);
	} else if (reply.text !== undefined) {
		body = reply.text;
		headers['Content-Type'] = 'text/plain; charset=utf-8';
	}
	return { status: reply.status, headers, body };
}

export function textWire(
	status: number,
	body: string,
	headers: Record<string, string> = {},
	type = 'text/plain; charset=utf-8',
): Wire {
	return { status, headers: { ...headers, 'Content-Type': type }, body };
}

/**
 * An API error as Whispir's OpenAPI documents it for every operation's 4xx and 5xx answers: an
 * `ApiError` body (errorText, errorSummary, errorDetail) as `application/json`, the only media
 * type the spec lists for them, whatever the resource's vendor type or the Accept header. The
 * one exception is 413, whose documented body is a bare JSON string (response 413EntityTooLarge).
 */
export function errorWire(
	status: number,
	summary: string,
	headers: Record<string, string> = {},
): Wire {
	const body =
		status === 413
			? summary
			: { errorSummary: summary, errorText: STATUS_CODES[status] ?? 'Error', errorDetail: '' };
	return textWire(status, JSON.stringify(body), headers, 'application/json');
}
