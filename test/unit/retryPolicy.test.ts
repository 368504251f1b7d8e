import { describe, expect, it } from 'vitest';

import {
	MAX_FAULT_RETRIES,
	OVER_QPD,
	OVER_QPS,
	RATE_PATIENCE_MS,
	mayHaveActed,
	parseRetryAfter,
	rateRefusalWait,
	retryDelay,
	type AttemptOutcome,
} from '../../nodes/Whispir/transport/retryPolicy';

const noJitter = () => 0;
const status = (statusCode: number, extra: Partial<AttemptOutcome> = {}): AttemptOutcome =>
	({ kind: 'status', statusCode, ...extra }) as AttemptOutcome;

describe('rateRefusalWait', () => {
	const minute = 60_000;
	const qps = status(403, { errorCode: OVER_QPS });

	it('sends a refused request again at once, whatever its method, while the key gets requests through', () => {
		// Refused for 20 minutes, but another request on the key got through a minute ago: keep going.
		expect(
			rateRefusalWait(qps, { now: 20 * minute, refusedSince: 0, lastAcceptedAt: 19 * minute }),
		).toBe(0);
		expect(
			rateRefusalWait(status(429), {
				now: 20 * minute,
				refusedSince: 0,
				lastAcceptedAt: 19 * minute,
			}),
		).toBe(0);
	});

	it('gives up only when nothing on the key got through for the whole patience, not after a number of refusals', () => {
		const patience = RATE_PATIENCE_MS;
		expect(
			rateRefusalWait(qps, {
				now: patience - 1,
				refusedSince: 0,
				lastAcceptedAt: Number.NEGATIVE_INFINITY,
			}),
		).toBe(0);
		expect(
			rateRefusalWait(qps, {
				now: patience,
				refusedSince: 0,
				lastAcceptedAt: Number.NEGATIVE_INFINITY,
			}),
		).toBeUndefined();
		// The key's last success long before this request was refused: patience counts from the refusal.
		expect(rateRefusalWait(qps, { now: patience + 5, refusedSince: 10, lastAcceptedAt: 0 })).toBe(
			0,
		);
	});

	it('honours Retry-After, unless it reaches past the patience', () => {
		const times = { now: 0, refusedSince: 0, lastAcceptedAt: 0 };
		expect(rateRefusalWait(status(429, { retryAfter: '3' }), times)).toBe(3000);
		expect(
			rateRefusalWait(status(429, { retryAfter: String(RATE_PATIENCE_MS / 1000) }), times),
		).toBeUndefined();
	});
});

describe('retryDelay', () => {
	it('leaves rate refusals to rateRefusalWait', () => {
		for (const method of ['GET', 'POST'] as const) {
			expect(retryDelay(method, status(403, { errorCode: OVER_QPS }), 0, noJitter)).toBeUndefined();
			expect(retryDelay(method, status(429), 0, noJitter)).toBeUndefined();
		}
	});

	it('never retries a daily-quota answer or a plain 403', () => {
		expect(retryDelay('GET', status(403, { errorCode: OVER_QPD }), 0)).toBeUndefined();
		expect(retryDelay('GET', status(403), 0)).toBeUndefined();
	});

	it('retries server errors, timeouts and resets only for idempotent methods', () => {
		const faults: AttemptOutcome[] = [
			status(500),
			status(502),
			status(503),
			{ kind: 'network', code: 'ECONNRESET' },
			{ kind: 'network', code: 'ECONNABORTED' },
			{ kind: 'unreadable' },
		];
		for (const fault of faults) {
			expect(retryDelay('GET', fault, 0, noJitter)).toBe(500);
			expect(retryDelay('PUT', fault, 1, noJitter)).toBe(1000);
			expect(retryDelay('DELETE', fault, 2, noJitter)).toBe(2000);
			expect(retryDelay('POST', fault, 0, noJitter)).toBeUndefined();
		}
	});

	it('repeats a POST only when the connection was refused, so nothing was sent', () => {
		expect(retryDelay('POST', { kind: 'network', code: 'ECONNREFUSED' }, 0, noJitter)).toBe(500);
	});

	it('does not retry client errors', () => {
		for (const code of [400, 401, 404, 415, 422])
			expect(retryDelay('GET', status(code), 0)).toBeUndefined();
	});

	it('gives up after the bounded number of retries', () => {
		expect(retryDelay('GET', status(500), MAX_FAULT_RETRIES)).toBeUndefined();
	});

	it('adds jitter below a quarter second', () => {
		expect(retryDelay('GET', status(503), 0, () => 0.999)).toBe(749);
	});
});

describe('mayHaveActed', () => {
	it('says a lost answer may hide a done request, and a refusal or a connection never made did nothing', () => {
		for (const outcome of [
			status(500),
			status(503),
			status(408),
			{ kind: 'unreadable' },
			{ kind: 'network', code: 'ECONNRESET' },
			{ kind: 'network', code: 'ECONNABORTED' },
		] as AttemptOutcome[]) {
			expect(mayHaveActed(outcome)).toBe(true);
		}
		for (const outcome of [
			status(429),
			status(403, { errorCode: OVER_QPS }),
			status(403, { errorCode: OVER_QPD }),
			status(400),
			status(404),
			{ kind: 'network', code: 'ECONNREFUSED' },
			{ kind: 'network', code: 'ENOTFOUND' },
		] as AttemptOutcome[]) {
			expect(mayHaveActed(outcome)).toBe(false);
		}
	});
});

describe('parseRetryAfter', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter('0.5')).toBe(500);
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});
