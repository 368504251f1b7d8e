import type { IHttpRequestMethods } from 'n8n-workflow';

export const OVER_QPS = 'ERR_403_DEVELOPER_OVER_QPS';
export const OVER_QPD = 'ERR_403_DEVELOPER_OVER_QPD';

/** What one attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
	| { kind: 'status'; statusCode: number; errorCode?: string; retryAfter?: string }
	/** A 2xx whose body is not the JSON asked for (an HTML error page, a cut-off body). */
	| { kind: 'unreadable' }
	/** No answer: `code` is the socket or timeout error code (ECONNRESET, ECONNABORTED, …). */
	| { kind: 'network'; code: string };

export const MAX_RATE_LIMIT_RETRIES = 6;
export const MAX_FAULT_RETRIES = 3;
/** No request waits longer than this in total before giving up. */
export const MAX_TOTAL_WAIT_MS = 60_000;

// Codes that prove the request never left this machine, so even a POST can be sent again.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const IDEMPOTENT_METHODS = new Set<string>(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isOverRateLimit(outcome: AttemptOutcome): boolean {
	return (
		outcome.kind === 'status' &&
		(outcome.statusCode === 429 || (outcome.statusCode === 403 && outcome.errorCode === OVER_QPS))
	);
}

/**
 * How long to wait before trying again, or undefined when the attempt must not be repeated.
 *
 * Rate-limit answers are rejections at Whispir's gateway, so any method may be repeated.
 * Server errors, broken connections and unreadable bodies may come after Whispir acted, so
 * only idempotent methods are repeated: a POST (a message send!) is never sent twice.
 */
export function retryDelay(
	method: IHttpRequestMethods,
	outcome: AttemptOutcome,
	retriesSoFar: number,
	random: () => number = Math.random,
): number | undefined {
	if (isOverRateLimit(outcome)) {
		if (retriesSoFar >= MAX_RATE_LIMIT_RETRIES) return undefined;
		const retryAfter = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter) : undefined;
		if (retryAfter !== undefined) return retryAfter;
		// Whispir's window is one second: wait at least that long, then back off, with jitter
		// so that parallel executions do not come back in step.
		return Math.min(8_000, 1_000 * 2 ** retriesSoFar) + Math.floor(random() * 250);
	}

	if (retriesSoFar >= MAX_FAULT_RETRIES) return undefined;
	const transient =
		outcome.kind === 'network' ||
		outcome.kind === 'unreadable' ||
		outcome.statusCode >= 500 ||
		outcome.statusCode === 408;
	if (!transient) return undefined;
	if (!IDEMPOTENT_METHODS.has(method.toUpperCase()) && mayHaveActed(outcome)) return undefined;

	const retryAfter = outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter) : undefined;
	return retryAfter ?? 500 * 2 ** retriesSoFar + Math.floor(random() * 250);
}

/**
 * Whether Whispir may have carried out a request that failed this way: the answer was lost, not
 * necessarily the request. Rate-limit refusals, client errors and connections never made did nothing.
 */
export function mayHaveActed(outcome: AttemptOutcome): boolean {
	if (outcome.kind === 'network') return !NOT_SENT_CODES.has(outcome.code);
	if (outcome.kind === 'unreadable') return true;
	return outcome.statusCode >= 500 || outcome.statusCode === 408;
}

/** Retry-After is either seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}
