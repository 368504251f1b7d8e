import type { IncomingMessage } from 'node:http';
import { HttpError } from './reply';

// Large enough for Whispir's 10 MB resource uploads once base64-encoded.
const BODY_LIMIT = 20 * 1024 * 1024;

export function sleep(ms: number): Promise<void> {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The whole request body as text; an oversized body is drained and answered with 413. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let ended = false;
		req.on('data', (c: Buffer) => {
			size += c.length;
			if (size <= limit) chunks.push(c);
		});
		req.on('end', () => {
			ended = true;
			if (size > limit) reject(new HttpError(413, `HTTP content length exceeded ${limit} bytes.`));
			else resolve(Buffer.concat(chunks).toString('utf8'));
		});
		req.on('error', reject);
		req.on('close', () => {
			if (!ended)
				reject(new Error('The client closed the connection before the body was complete'));
		});
	});
}

/** The query without duplicates (first value wins) and, optionally, without the API key. */
export function queryRecord(params: URLSearchParams, dropApiKey: boolean): Record<string, string> {
	const m = new Map<string, string>();
	for (const [k, v] of params) {
		if (dropApiKey && k.toLowerCase() === 'apikey') continue;
		if (!m.has(k)) m.set(k, v);
	}
	// fromEntries defines own properties, so a "__proto__" parameter stays a plain key.
	return Object.fromEntries(m);
}

export function parseUrl(raw: string | undefined): URL {
	const path = raw && raw.startsWith('/') ? raw : `/${raw ?? ''}`;
	return new URL(`http://sandbox.invalid${path}`);
}
