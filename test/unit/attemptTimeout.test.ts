import type { IHttpRequestOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { withinTimeout } from '../../nodes/Whispir/transport/attemptTimeout';

const request = (): IHttpRequestOptions => ({ url: 'https://example.invalid/', method: 'GET' });

/** Plays n8n's httpRequestWithAuthentication: replaces the signal, then reads it as the HTTP client does. */
function asN8nDoes(options: IHttpRequestOptions, cancel: AbortSignal) {
	options.abortSignal = cancel;
	const seen = { ...options }.abortSignal as AbortSignal;
	return { seen, never: new Promise<never>(() => {}) };
}

describe('withinTimeout', () => {
	it('fails a request still running at the deadline with ETIMEDOUT and aborts it', async () => {
		const options = request();
		let seen: AbortSignal | undefined;
		const attempt = withinTimeout(options, 50, async () => {
			const sent = asN8nDoes(options, new AbortController().signal);
			seen = sent.seen;
			return await sent.never;
		});
		await expect(attempt).rejects.toMatchObject({ code: 'ETIMEDOUT' });
		expect(seen?.aborted).toBe(true);
	});

	it("keeps n8n's cancel signal working: stopping the execution aborts the request", async () => {
		const options = request();
		const cancel = new AbortController();
		let seen: AbortSignal | undefined;
		void withinTimeout(options, 60_000, async () => {
			const sent = asN8nDoes(options, cancel.signal);
			seen = sent.seen;
			return await sent.never;
		}).catch(() => undefined);
		expect(seen?.aborted).toBe(false);
		cancel.abort();
		expect(seen?.aborted).toBe(true);
	});

	it('returns the answer of a request that finishes in time', async () => {
		await expect(
			withinTimeout(request(), 60_000, async () => await Promise.resolve('answer')),
		).resolves.toBe('answer');
	});
});
