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

export const MAX_FAULT_RETRIES = 3;
/** No request waits longer than this in total for faults to pass before giving up. */
export const MAX_TOTAL_WAIT_MS = 60_000;
/**
 * A request refused for rate is sent again until no request on its key has got through for this
 * long: while others get through, the key is only busy, and the pace (rateLimiter.ts) finds its share.
 */
export const RATE_PATIENCE_MS = 3 * 60_000;

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
 * How long a request refused for rate waits before it queues for its turn again (0: at once, the pace
 * decides), or undefined when it must give up: nothing on the key got through for RATE_PATIENCE_MS, or
 * Whispir's Retry-After reaches past that.
 *
 * Any method may be sent again, a message send included: Whispir's gateway refuses such a request before
 * doing anything with it. Its developer documentation (https://developers.whispir.com/, "API Rate
 * Limits" and "HTTP Response Codes") lists 403 ERR_403_DEVELOPER_OVER_QPS and 429 among the
 * unsuccessful response codes, returned when the calls exceed the key's quota, whereas a message
 * accepted for processing is a 202.
 */
export function rateRefusalWait(
	outcome: AttemptOutcome,
	{
		now,
		refusedSince,
		lastAcceptedAt,
	}: { now: number; refusedSince: number; lastAcceptedAt: number },
): number | undefined {
	const retryAfter =
		outcome.kind === 'status' ? parseRetryAfter(outcome.retryAfter, now) : undefined;
	const wait = retryAfter ?? 0;
	const stuckSince = Math.max(refusedSince, lastAcceptedAt);
	return now + wait - stuckSince >= RATE_PATIENCE_MS ? undefined : wait;
}

/**
 * How long to wait before trying again after a fault (not a rate refusal: see rateRefusalWait), or
 * undefined when the attempt must not be repeated.
 *
 * Server errors, broken connections and unreadable bodies may come after Whispir acted, so
 * only idempotent methods are repeated: a POST (a message send!) is never sent twice.
 */
export function retryDelay(
	method: IHttpRequestMethods,
	outcome: AttemptOutcome,
	retriesSoFar: number,
	random: () => number = Math.random,
): number | undefined {
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
