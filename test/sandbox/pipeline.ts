// One API request, in Whispir's order: gateway checks, injected fault, body, routing,
// media types, handler, rendering; every outcome is logged, none may crash the server.
import {
	STATUS_CODES,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import { checkApiKey, checkBasic, checkRate } from './gateway';
import { parseUrl, queryRecord, readBody, sleep } from './io';
import {
	mediaTypeName,
	negotiate,
	parseBody,
	render,
	requestFormat,
	errorWire,
	vendorType,
	type Wire,
} from './media';
import { OTP_PREFIX, serveOtp } from './otp';
import { HttpError } from './reply';
import { resolve } from './router';
import type { SandboxState } from './state';
import type { Ctx, FaultSpec, LoggedRequest, Method } from './types';

/** Writes the answer once, after the configured latency, and records it in the log. */
class Answer {
	private done = false;

	constructor(
		private readonly res: ServerResponse,
		private readonly entry: LoggedRequest,
		private readonly st: SandboxState,
	) {}

	private async finish(status: number, errorCode?: string): Promise<boolean> {
		if (this.done) return false;
		this.done = true;
		this.entry.status = status;
		if (errorCode) this.entry.errorCode = errorCode;
		this.st.log.push(this.entry);
		await sleep(this.st.config.latencyMs);
		return !this.res.destroyed && !this.res.headersSent;
	}

	async send(w: Wire): Promise<void> {
		const header = (name: string) =>
			Object.entries(w.headers).find(([k]) => k.toLowerCase() === name)?.[1];
		const body = w.body ?? '';
		const contentType = header('content-type');
		// Whispir's links carry `apikey=`: the log keeps answers without the key.
		const unkeyed = (text: string | undefined) =>
			text?.split(this.st.credentials.apiKey).join('REDACTED');
		this.entry.answer = {
			contentType,
			location: unkeyed(header('location')),
			body: loggableBody(unkeyed(body) ?? '', contentType),
		};
		if (!(await this.finish(w.status, header('x-error-code')))) return;
		const headers: Record<string, string> = { ...w.headers };
		// RFC 9110: no Content-Length on 204/304.
		if (w.status !== 204 && w.status !== 304)
			headers['Content-Length'] = String(Buffer.byteLength(body));
		try {
			this.res.writeHead(w.status, headers);
			this.res.end(body);
		} catch (err) {
			// e.g. a fault header with a forbidden character: still answer, never hang.
			this.entry.status = 500;
			const msg = `Internal sandbox error: ${(err as Error).message}`;
			this.res.writeHead(500, {
				'Content-Type': 'text/plain; charset=utf-8',
				'Content-Length': String(Buffer.byteLength(msg)),
			});
			this.res.end(msg);
		}
	}

	/**
	 * Writes the answer straight onto the socket, cut short: the head and half the body (half the head
	 * when there is no body), then the connection closes. An answer dropped on its way, by a proxy or
	 * load balancer, after Whispir did the work.
	 */
	async cutMidBody(w: Wire): Promise<void> {
		if (!(await this.finish(w.status))) return;
		const { bytes, headLength } = rawAnswer(w);
		const cut =
			bytes.length > headLength
				? headLength + Math.floor((bytes.length - headLength) / 2)
				: Math.floor(headLength / 2);
		const socket = this.res.socket;
		socket?.write(bytes.subarray(0, cut), () => socket.destroy());
	}

	/**
	 * Writes the head at once, then the body one byte every `dripMs` (the head itself when there is no
	 * body): a connection that never goes silent for long, so only a bound on the whole answer stops it.
	 */
	async drip(w: Wire, dripMs: number): Promise<void> {
		if (!(await this.finish(w.status))) return;
		const { bytes, headLength } = rawAnswer(w);
		const socket = this.res.socket;
		if (!socket) return;
		let sent = bytes.length > headLength ? headLength : 0;
		this.entry.closedByClient = false;
		socket.once('close', () => (this.entry.closedByClient = sent < bytes.length));
		socket.write(bytes.subarray(0, sent));
		while (sent < bytes.length && !socket.destroyed) {
			await sleep(dripMs);
			if (!socket.destroyed) socket.write(bytes.subarray(sent, ++sent));
		}
		socket.end();
	}

	/** Drops the connection without an answer (TCP RST where Node supports it). */
	async reset(): Promise<void> {
		await this.finish(0);
		const s = this.res.socket;
		if (s && !s.destroyed)
			typeof s.resetAndDestroy === 'function' ? s.resetAndDestroy() : s.destroy();
	}
}

/** An answer as the bytes on the wire, for the faults that write it themselves. */
function rawAnswer(w: Wire): { bytes: Buffer; headLength: number } {
	const body = Buffer.from(w.status === 204 || w.status === 304 ? '' : (w.body ?? ''));
	const headers = {
		...w.headers,
		...(body.length > 0 || w.status !== 204 ? { 'Content-Length': String(body.length) } : {}),
		Connection: 'close',
	};
	const head = Buffer.from(
		`HTTP/1.1 ${w.status} ${STATUS_CODES[w.status] ?? ''}\r\n${Object.entries(headers)
			.map(([name, value]) => `${name}: ${value}\r\n`)
			.join('')}\r\n`,
	);
	return { bytes: Buffer.concat([head, body]), headLength: head.length };
}

function loggableBody(raw: string, contentType: string | undefined): unknown {
	if (raw === '') return undefined;
	if (contentType?.toLowerCase().includes('json')) {
		try {
			return JSON.parse(raw);
		} catch {
			return raw;
		}
	}
	return raw;
}

function faultWire(
	f: FaultSpec,
	pathname: string,
	request: { headers: IncomingHttpHeaders; body: string },
	st: SandboxState,
): Wire | undefined {
	const { headers: requestHeaders, body: requestBody } = request;
	// The fault's own headers win, Content-Type included.
	const wire = (status: number, body: string, type: string): Wire => {
		const headers = { ...f.headers };
		if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
			headers['Content-Type'] = type;
		return { status, headers, body };
	};
	if (f.type === 'status') {
		const status = f.status ?? 500;
		return wire(
			status,
			f.body ?? `${status} ${STATUS_CODES[status] ?? ''}`.trim(),
			'text/plain; charset=utf-8',
		);
	}
	if (f.type === 'html-200') {
		return wire(
			200,
			f.body ?? '<html><body>Service Unavailable</body></html>',
			'text/html; charset=utf-8',
		);
	}
	if (f.type === 'echo-headers') {
		// A server or proxy that writes the request into its error page: headers (Authorization included) and body.
		const echoed = Object.entries(requestHeaders)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([name, value]) => `${name}: ${String(value)}`);
		const page = `<h1>${f.status ?? 400} ${STATUS_CODES[f.status ?? 400] ?? ''}</h1><pre>${echoed.join('\n')}\n\n${requestBody}</pre>`;
		return wire(f.status ?? 400, f.body ?? page, 'text/html; charset=utf-8');
	}
	if (f.type === 'malformed-json') {
		let type = 'application/json';
		let key = 'items';
		try {
			const def = resolve(pathname, st).resource;
			type = vendorType(def, 'json');
			key = def.listKey;
		} catch {
			// unknown path: a generic JSON type will do
		}
		// Cut off mid-string, like a proxy that dropped the rest of the stream.
		return wire(200, f.body ?? `{"status":"1 to 20 of 873","${key}":[{"id":"BB9ECBE5BA7`, type);
	}
	return undefined;
}

const WITH_BODY = ['POST', 'PUT', 'PATCH'];

async function serve(
	method: string,
	url: URL,
	raw: string,
	headers: IncomingHttpHeaders,
	st: SandboxState,
): Promise<Wire> {
	try {
		if (url.pathname.startsWith(OTP_PREFIX))
			return serveOtp(st, method, url.pathname, raw, headers['content-type']);
		const route = resolve(url.pathname, st);
		const def = route.resource;
		const ops = (route.kind === 'collection' ? def.collection : def.item) ?? {};
		const op = ops[method as Method];
		if (!op || !Object.prototype.hasOwnProperty.call(ops, method)) {
			throw new HttpError(405, `Method ${method} is not allowed on ${url.pathname}`, {
				Allow: Object.keys(ops).join(', '),
			});
		}
		const format = negotiate(headers.accept, def);
		// Whispir runs a scenario with a POST that has neither body nor Content-Type (scenarioRunCreate).
		const bodiless = raw === '' && headers['content-type'] === undefined;
		const body =
			WITH_BODY.includes(method) && !bodiless
				? parseBody(raw, requestFormat(headers['content-type'], def))
				: {};
		const mediaType = WITH_BODY.includes(method)
			? mediaTypeName(headers['content-type'])
			: undefined;
		const ctx: Ctx = {
			...route,
			env: st,
			method,
			path: url.pathname,
			query: queryRecord(url.searchParams, true),
			body,
			mediaType,
			queryAll: url.searchParams,
		};
		return render(await op.handle(ctx), format, def);
	} catch (err) {
		if (err instanceof HttpError) return errorWire(err.status, err.message, err.headers);
		throw err;
	}
}

export async function handleApi(
	req: IncomingMessage,
	res: ServerResponse,
	st: SandboxState,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const entry: LoggedRequest = {
		seq: ++st.seq,
		time: Date.now(),
		method,
		path: req.url ?? '',
		query: {},
		status: 0,
	};
	const answer = new Answer(res, entry, st);
	try {
		const url = parseUrl(req.url);
		entry.path = url.pathname;
		entry.query = queryRecord(url.searchParams, true);
		if (req.headers.accept !== undefined) entry.accept = req.headers.accept;
		if (req.headers['content-type'] !== undefined) entry.contentType = req.headers['content-type'];

		const refused = checkApiKey(req, url.searchParams, st) ?? checkRate(st) ?? checkBasic(req, st);
		if (refused) return await answer.send(refused);

		const fault = st.faults.take(method, url.pathname, url.searchParams);
		if (fault) entry.fault = fault.type;
		if (fault?.type === 'reset-before-body') return await answer.reset();
		const raw = await readBody(req);
		entry.body = loggableBody(raw, entry.contentType);
		if (fault?.type === 'reset-after-body') return await answer.reset();
		const faulted =
			fault && faultWire(fault, url.pathname, { headers: req.headers, body: raw }, st);
		if (faulted) return await answer.send(faulted);
		if (fault?.type === 'delay') await sleep(fault.delayMs ?? 0);

		const wire = await serve(method, url, raw, req.headers, st);
		if (fault?.type === 'reset-after-processing') return await answer.reset();
		if (fault?.type === 'cut-mid-body') return await answer.cutMidBody(wire);
		if (fault?.type === 'drip-body') return await answer.drip(wire, fault.dripMs ?? 1000);
		await answer.send(wire);
	} catch (err) {
		const status = err instanceof HttpError ? err.status : 500;
		const msg =
			err instanceof HttpError
				? err.message
				: `Internal sandbox error: ${(err as Error)?.message ?? String(err)}`;
		await answer.send(errorWire(status, msg));
	}
}
