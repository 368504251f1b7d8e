// API callbacks (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback; Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback), performed for real:
// creating one GETs its URL first (only a 200 lets the creation through), and a reply or an
// undeliverable of a message sent with `callbackId` = the callback's NAME is POSTed to that URL,
// with the key in the X-Whispir-Callback-Key header or the `auth` query parameter. Each delivery
// is kept as a call (./calls.ts); FAILED ones are delivered again by `retryFailedCalls` when the
// callback has retries on (Whispir retries by itself after ~5 minutes; here a control route does).
// The docs show only POST and GET; PUT (full replace) and DELETE behave as the other resources.
import { publicFields, selfLink } from '../links';
import { HttpError } from '../reply';
import { childScope } from '../router';
import { newId } from '../store';
import type { Ctx, Env, MessageEvent, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, find, getOp, listOp, nameTaken, replaceOp } from './crud';
import { isObject, oneOf, requireFields, sameText, shortDate, strings } from './validate';

type Body = Record<string, unknown>;

const EVENT_KINDS = ['reply', 'undeliverable'] as const;
const PROBE_TIMEOUT_MS = 5_000;
const DELIVERY_TIMEOUT_MS = 10_000;

/** The documented fields, checked; `retriesEnabled` is a "Boolean" the examples send as the string "true". */
function validate(body: Body, ctx: Ctx): Body {
	requireFields(body, ['name', 'url']);
	const s = strings(body, ['name', 'url', 'contentType', 'removeHTML', 'email']);
	const name = s.name!.trim();
	const url = s.url!.trim();
	if (!/^https?:\/\/[^/]/i.test(url))
		throw new HttpError(400, 'Malformed Request: url must be an http(s) address');
	if (!isObject(body.auth))
		throw new HttpError(400, 'Malformed Request: auth {type, key} is required');
	const auth = {
		type: oneOf('auth.type', String(body.auth.type ?? ''), ['querystring', 'httpheader']),
		key: String(body.auth.key ?? ''),
	};
	if (auth.key.trim() === '') throw new HttpError(400, 'Malformed Request: auth.key is required');
	const events = isObject(body.callbacks) ? body.callbacks : {};
	const callbacks: Record<string, string> = {};
	for (const kind of EVENT_KINDS) {
		callbacks[kind] = oneOf(`callbacks.${kind}`, String(events[kind] ?? 'disabled'), [
			'enabled',
			'disabled',
		]);
	}
	const retries = String(body.retriesEnabled ?? 'true').toLowerCase();
	if (retries !== 'true' && retries !== 'false')
		throw new HttpError(400, 'Malformed Request: retriesEnabled must be true or false');

	// "A callback with the same name already exists in the Whispir under your account" (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback).
	if (nameTaken(ctx, 'name', name))
		throw new HttpError(400, `Malformed Request: a callback named "${name}" already exists`);
	return {
		name,
		url,
		auth,
		contentType: oneOf('contentType', s.contentType ?? 'json', ['json', 'xml']),
		removeHTML: oneOf('removeHTML', s.removeHTML ?? 'disabled', ['enabled', 'disabled']),
		retriesEnabled: retries,
		email: s.email ?? '',
		callbacks,
	};
}

/** Where a delivery (or the probe) goes: with `?auth=` for querystring callbacks. */
function target(callback: Body): { url: string; headers: Record<string, string> } {
	const auth = callback.auth as { type: string; key: string };
	const url = String(callback.url);
	if (auth.type === 'querystring') {
		const separator = url.includes('?') ? '&' : '?';
		return { url: `${url}${separator}auth=${encodeURIComponent(auth.key)}`, headers: {} };
	}
	return { url, headers: { 'X-Whispir-Callback-Key': auth.key } };
}

/** "During the callback creation, Whispir shall make a GET request … should be 200" (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback). */
async function probe(callback: Body): Promise<void> {
	const { url, headers } = target(callback);
	let status: number;
	try {
		const response = await fetch(url, {
			method: 'GET',
			headers,
			signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
		});
		status = response.status;
		await response.arrayBuffer();
	} catch (error) {
		throw new HttpError(
			400,
			`Malformed Request: the callback URL could not be reached (${(error as Error).message})`,
		);
	}
	if (status !== 200)
		throw new HttpError(
			400,
			`Malformed Request: the callback URL answered the GET with ${status}, not 200`,
		);
}

const create = createOp({ validate });
const replace = replaceOp({ validate });
const remove = deleteOp();

// ---------- deliveries ----------

function escapeXml(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The XML form of a delivery (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback): `<ns2:deliveryResponse>`, parameters as entries. */
function deliveryXml(payload: Body): string {
	const element = (name: string, value: unknown): string => {
		if (isObject(value)) {
			const inner = Object.entries(value)
				.map(([key, v]) => element(key, v))
				.join('');
			return `<${name}>${inner}</${name}>`;
		}
		return `<${name}>${escapeXml(String(value ?? ''))}</${name}>`;
	};
	const { customParameters, ...rest } = payload;
	const entries = Object.entries(isObject(customParameters) ? customParameters : {})
		.map(
			([key, value]) =>
				`<entry><key>${escapeXml(key)}</key><value>${escapeXml(String(value))}</value></entry>`,
		)
		.join('');
	const body = Object.entries(rest)
		.map(([key, value]) => element(key, value))
		.join('');
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		`<ns2:deliveryResponse xmlns:ns2="http://schemas.api.whispir.com">${body}<customParameters>${entries}</customParameters></ns2:deliveryResponse>`
	);
}

function stripHtml(text: string): string {
	return text.replace(/<[^>]*>/g, '').trim();
}

/** The payload Whispir POSTs (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback): callbackParameters come back in customParameters. */
function deliveryPayload(callback: Rec, event: MessageEvent): Body {
	const own = isObject(event.message.callbackParameters) ? event.message.callbackParameters : {};
	const content = callback.removeHTML === 'enabled' ? stripHtml(event.content) : event.content;
	const stamp = event.kind === 'reply' ? 'acknowledged' : 'undeliverable';
	return {
		messageid: event.message.id,
		messagelocation: event.messageLocation,
		from: { ...event.from },
		responseMessage: { channel: event.channel, [stamp]: event.at, content },
		customParameters: { ...event.extraParameters, ...own },
	};
}

interface Attempt {
	statusCode: number;
	statusMessage: string;
}

async function post(callback: Rec, payload: Body): Promise<Attempt> {
	const { url, headers } = target(callback);
	const json = callback.contentType !== 'xml';
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { ...headers, 'Content-Type': json ? 'application/json' : 'application/xml' },
			body: json ? JSON.stringify(payload) : deliveryXml(payload),
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		await response.arrayBuffer();
		return { statusCode: response.status, statusMessage: response.statusText };
	} catch (error) {
		return { statusCode: 0, statusMessage: `Connection failed: ${(error as Error).message}` };
	}
}

function callResult(callback: Rec, attempt: Attempt): Body {
	return {
		status: attempt.statusCode >= 200 && attempt.statusCode < 300 ? 'SUCCESS' : 'FAILED',
		callback: {
			id: callback.id,
			name: callback.name,
			url: callback.url,
			attemptedDate: shortDate(),
			statusCode: attempt.statusCode,
			statusMessage: attempt.statusMessage,
		},
	};
}

/** Delivers a message event to the callback named in the message, if that event is enabled on it. */
async function deliver(event: MessageEvent, env: Env): Promise<void> {
	const name = String(event.message.callbackId ?? '').trim();
	if (name === '') return;
	const callback = env.store.list('callbacks', '').find((cb) => sameText(cb.name, name));
	const events = callback && isObject(callback.callbacks) ? callback.callbacks : {};
	if (!callback || events[event.kind] !== 'enabled') return;
	const payload = deliveryPayload(callback, event);
	const attempt = await post(callback, payload);
	env.store.put('calls', childScope('', callback.id), {
		id: newId(),
		messageId: payload.messageid,
		messageLocation: payload.messagelocation,
		from: payload.from,
		responseMessage: payload.responseMessage,
		...callResult(callback, attempt),
		_payload: payload,
	});
}

/** Delivers the FAILED calls of callbacks with retries on again (Whispir does so after ~5 min, for 24 h). */
export async function retryFailedCalls(
	env: Env,
	callbackId?: string,
): Promise<{ retried: number; succeeded: number }> {
	let retried = 0;
	let succeeded = 0;
	for (const callback of env.store.list('callbacks', '')) {
		if (
			callback.retriesEnabled !== 'true' ||
			(callbackId !== undefined && callback.id !== callbackId)
		)
			continue;
		const scope = childScope('', callback.id);
		for (const call of env.store.list('calls', scope).filter((c) => c.status === 'FAILED')) {
			const result = callResult(callback, await post(callback, call._payload as Body));
			env.store.put('calls', scope, { ...call, ...result });
			retried++;
			if (result.status === 'SUCCESS') succeeded++;
		}
	}
	return { retried, succeeded };
}

/** The list answer (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback) has only id, name, url and the self link. */
function callbackView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Body {
	const { id, name, url } = rec;
	const fields = mode === 'list' ? { id, name, url } : publicFields(rec);
	return { ...fields, link: [selfLink(ctx, id)] };
}

export const callbacks: ResourceDef = {
	name: 'callbacks',
	mediaType: 'api-callback-v1',
	listKey: 'callbacks',
	itemName: 'callback',
	scope: 'company',
	view: callbackView,
	collection: {
		GET: listOp(),
		POST: {
			async handle(ctx) {
				await probe(validate(ctx.body, ctx));
				return create.handle(ctx);
			},
		},
	},
	item: {
		GET: getOp(),
		// PUT replaces the callback; a new URL is probed again, as on creation.
		PUT: {
			async handle(ctx) {
				const current = find(ctx);
				const next = validate(ctx.body, ctx);
				if (next.url !== current.url) await probe(next);
				return replace.handle(ctx);
			},
		},
		DELETE: {
			handle(ctx) {
				const scope = childScope('', find(ctx).id);
				for (const call of ctx.env.store.list('calls', scope))
					ctx.env.store.remove('calls', call.id);
				return remove.handle(ctx);
			},
		},
	},
	onMessageEvent: deliver,
};
