import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { CallbackEvent } from '../Whispir/actions/callback/callbackBody';
import { whispirStampToIso } from './whispirTime';

/**
 * What the trigger does with one POST from Whispir: check the key, read the JSON body, and turn
 * Whispir's payload ("Callback Overview" and "Callback Parameters" in Whispir's callback docs) into
 * one flat, predictable item.
 */

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Compares the key Whispir sent with ours in constant time. Both are hashed first, so the buffers
 * compared always have the same length and the comparison reveals nothing about the key's length.
 */
export function keyMatches(expected: string | undefined, given: unknown): boolean {
	if (!expected || typeof given !== 'string' || given === '') return false;
	return timingSafeEqual(digest(given), digest(expected));
}

/** The key from the `X-Whispir-Callback-Key` header, else from the `auth` query parameter. */
export function keyOf(headers: IDataObject, query: IDataObject): unknown {
	const header = headers['x-whispir-callback-key'];
	if (typeof header === 'string' && header !== '') return header;
	return Array.isArray(query.auth) ? query.auth[0] : query.auth;
}

export type DeliveryBody =
	| { payload: IDataObject }
	| { refusal: { status: number; message: string } };

const isPlainObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);

const XML_REFUSAL = {
	status: 415,
	message:
		"This callback sends XML. The Whispir Trigger reads JSON only: set the callback's content type to JSON (Whispir node → Callback → Update → Content Type), or let the trigger create its own callback.",
};
const NOT_JSON_REFUSAL = {
	status: 415,
	message:
		'Whispir Trigger accepts only JSON deliveries (Content-Type: application/json), as Whispir sends them',
};
const NOT_AN_OBJECT_REFUSAL = {
	status: 400,
	message: 'The body is not a JSON object as Whispir sends it',
};

// `application/json`, or a vendor type such as `application/vnd.example+json`; parameters allowed.
const JSON_CONTENT_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The JSON object Whispir posted. A callback sends JSON or XML, as its `contentType` says (the only two
 * choices in Whispir's callback docs and in the OpenAPI `contentType` enum), and the trigger registers
 * JSON; Whispir then posts `Content-Type: application/json`. Anything else (forms, multipart, text)
 * is not from Whispir's callback and is refused, even with the right key. n8n has already parsed
 * `application/json` (answering 422 itself when that fails); other JSON types arrive as raw bytes.
 */
export function readDeliveryBody(
	contentType: string,
	body: unknown,
	rawBody: Buffer | undefined,
): DeliveryBody {
	if (/[/+]xml\b/i.test(contentType)) return { refusal: XML_REFUSAL };
	if (!JSON_CONTENT_TYPE.test(contentType.trim())) return { refusal: NOT_JSON_REFUSAL };
	if (isPlainObject(body) && Object.keys(body).length > 0) return { payload: body };
	if (Array.isArray(body)) return { refusal: NOT_AN_OBJECT_REFUSAL };
	const text = (typeof body === 'string' ? body : (rawBody?.toString('utf8') ?? '')).trim();
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return isPlainObject(parsed) ? { payload: parsed } : { refusal: NOT_AN_OBJECT_REFUSAL };
}

// Keys that would reach an object's prototype if a later step assigned them.
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// Whispir's payloads are three levels deep. Deeper data is not Whispir's: it is cut here, so that copying
// it, and n8n saving it, cannot exhaust the call stack (found by fuzzing: 100,000 nested arrays).
const MAX_DEPTH = 32;
export const TOO_DEEP = '[nested too deeply]';

/**
 * A deep copy of JSON data without keys such as `__proto__`, so nothing downstream can be polluted,
 * and with anything nested deeper than MAX_DEPTH replaced by TOO_DEEP.
 */
export function safeCopy(value: unknown, depth = 0): unknown {
	if (!Array.isArray(value) && !isPlainObject(value)) return value;
	if (depth >= MAX_DEPTH) return TOO_DEEP;
	if (Array.isArray(value)) return value.map((entry) => safeCopy(entry, depth + 1));
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (!UNSAFE_KEYS.has(key))
			copy[key] = safeCopy(entry, depth + 1) as IDataObject[keyof IDataObject];
	}
	return copy;
}

const text = (value: unknown) =>
	typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** The custom parameters as a flat object of strings: the message's callback parameters and Whispir's own. */
function customParameters(value: unknown): IDataObject {
	const parameters: IDataObject = {};
	if (!isPlainObject(value)) return parameters;
	for (const [key, entry] of Object.entries(value)) {
		if (UNSAFE_KEYS.has(key)) continue;
		parameters[key] =
			isPlainObject(entry) || Array.isArray(entry) ? JSON.stringify(safeCopy(entry)) : text(entry);
	}
	return parameters;
}

export interface NormaliseOptions {
	timeZone: string;
	callbackName: string;
	includeRaw: boolean;
	/** Set for deliveries read back from Whispir's failed calls (catch-up); the call's ID. */
	replayedCallId?: string;
}

/** The event a payload reports: Whispir sets `undeliverable` or `acknowledged`, never both. */
export function eventOf(payload: IDataObject): CallbackEvent {
	const message = isPlainObject(payload.responseMessage) ? payload.responseMessage : {};
	return message.undeliverable !== undefined && message.acknowledged === undefined
		? 'undeliverable'
		: 'reply';
}

/**
 * What tells two deliveries apart, without what only some copies carry (custom parameters, call ID):
 * a failed call that Whispir delivers again is the same delivery as that call.
 */
export function deliveryKey(item: IDataObject): string {
	const stamp = item.event === 'reply' ? item.acknowledged : item.undeliverable;
	return JSON.stringify([item.event, item.messageId, item.from, item.channel, item.content, stamp]);
}

/** One output item. Field names vary in Whispir's docs (`messageid`/`messageId`, `messagelocation`/`location`). */
export function normaliseDelivery(payload: IDataObject, options: NormaliseOptions): IDataObject {
	const message = isPlainObject(payload.responseMessage) ? payload.responseMessage : {};
	const from = isPlainObject(payload.from) ? payload.from : {};
	const event = eventOf(payload);
	const stamp = text(message[event === 'reply' ? 'acknowledged' : 'undeliverable']);
	const item: IDataObject = {
		event,
		messageId: text(payload.messageid ?? payload.messageId),
		messageUrl: text(payload.messagelocation ?? payload.messageLocation ?? payload.location),
		from: {
			name: text(from.name),
			mri: text(from.mri),
			mobile: text(from.mobile),
			email: text(from.email),
			voice: text(from.voice),
		},
		channel: text(message.channel),
		content: text(message.content),
	};
	const iso = whispirStampToIso(stamp, options.timeZone) ?? null;
	if (event === 'reply') Object.assign(item, { acknowledgedAt: iso, acknowledged: stamp });
	else Object.assign(item, { undeliverableAt: iso, undeliverable: stamp });
	item.customParameters = customParameters(payload.customParameters);
	item.callbackName = options.callbackName;
	item.replayed = options.replayedCallId !== undefined;
	if (options.replayedCallId !== undefined) item.callId = options.replayedCallId;
	if (options.includeRaw) item.raw = safeCopy(payload) as IDataObject;
	return item;
}
