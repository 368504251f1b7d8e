// /__sandbox/…: the test-control API for other processes, e.g. a real n8n run against `npm run sandbox`.
// No auth, JSON in and out, not logged, no latency: it must stay usable while faults are armed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseUrl, readBody } from './io';
import { advanceMessage, markUndeliverable, replyToMessage } from './messaging';
import { retryFailedCalls } from './resources/callbacks';
import { HttpError } from './reply';
import type { SandboxState } from './state';
import type { ConfigPatch, FaultSpec } from './types';

export const CONTROL_PREFIX = '/__sandbox';

type Body = Record<string, unknown>;
type ControlRoute = (st: SandboxState, body: Body, url: URL) => unknown;

const optional = (value: unknown) => (value === undefined ? undefined : String(value));

/**
 * One line per route. A resource's routes (e.g. "POST /messages/reply") call code in its own file
 * (or in messaging.ts), so that the simulation of recipients and deliveries stays beside the resource.
 */
const routes: Record<string, ControlRoute> = {
	'POST /reset': (st) => (st.reset(), { ok: true }),
	'POST /configure': (st, b) => (st.configure(b as ConfigPatch), { ok: true, config: st.config }),
	'POST /key-limit': (st, b) => (st.changeKeyLimit(b.perSecond), { ok: true, config: st.config }),
	'POST /seed': (st, b) => ({
		ids: st.seed(
			String(b.resource ?? ''),
			b.records as object[],
			optional(b.workspaceId),
			optional(b.parentId),
		),
	}),
	'POST /faults': (st, b) => {
		for (const f of Array.isArray(b) ? b : [b]) st.faults.add(f as FaultSpec);
		return { ok: true };
	},
	'GET /log': (st) => ({ requests: st.log }),
	'DELETE /log': (st) => ((st.log.length = 0), { ok: true }),
	'POST /messages/advance': (st, b) => advanceMessage(st, b),
	'POST /messages/reply': (st, b) => replyToMessage(st, b),
	'POST /messages/undeliverable': (st, b) => markUndeliverable(st, b),
	'POST /callbacks/retry': (st, b) => retryFailedCalls(st, optional(b.callbackId)),
	'GET /otp/codes': (st) => ({ codes: st.otp.codes }),
	'POST /otp/expire': (st, b) => (st.otp.expire(String(b.id)), { ok: true }),
	'POST /otp/alias': (st, b) => ((st.otp.hasOtpAlias = b.present !== false), { ok: true }),
	'POST /otp/next-code': (st, b) => ((st.otp.nextCode = optional(b.code)), { ok: true }),
};

function pick(method: string, sub: string): ControlRoute | undefined {
	const key = `${method} ${sub.replace(/\/+$/, '')}`;
	if (Object.prototype.hasOwnProperty.call(routes, key)) return routes[key];
	const state = /^\/state\/([^/]+)$/.exec(sub);
	if (method === 'GET' && state) {
		return (st, _b, url) =>
			st.records(
				decodeURIComponent(state[1]),
				url.searchParams.get('workspaceId') ?? undefined,
				url.searchParams.get('parentId') ?? undefined,
			);
	}
	return undefined;
}

function send(res: ServerResponse, status: number, payload: unknown): void {
	const body = JSON.stringify(payload);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': String(Buffer.byteLength(body)),
	});
	res.end(body);
}

export async function handleControl(
	req: IncomingMessage,
	res: ServerResponse,
	st: SandboxState,
): Promise<void> {
	try {
		const url = parseUrl(req.url);
		const method = (req.method ?? 'GET').toUpperCase();
		const route = pick(method, url.pathname.slice(CONTROL_PREFIX.length));
		const raw = await readBody(req);
		if (!route) throw new HttpError(404, `No control route ${method} ${url.pathname}`);
		let body: Body = {};
		if (raw.trim() !== '') {
			try {
				body = JSON.parse(raw) as Body;
			} catch {
				throw new HttpError(400, 'The control body must be JSON');
			}
		}
		// Routes may be async (a reply reaches callbacks before the control call answers).
		send(res, 200, await route(st, body ?? {}, url));
	} catch (err) {
		const status = err instanceof HttpError ? err.status : 500;
		if (!res.headersSent && !res.destroyed)
			send(res, status, { error: (err as Error)?.message ?? String(err) });
	}
}
