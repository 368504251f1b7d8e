import { describe, expect, it } from 'vitest';

import { RateLimiter, WINDOW_MS, limiterFor } from '../../nodes/Whispir/transport/rateLimiter';

/** Start times granted for `count` requests that all ask at `now`. */
function grantedStarts(limiter: RateLimiter, count: number, now = 0): number[] {
	return Array.from({ length: count }, () => now + limiter.reserve(now));
}

describe('RateLimiter', () => {
	it('lets a burst up to the rate start at once, then spaces the rest a window apart', () => {
		const starts = grantedStarts(new RateLimiter(5), 12);
		expect(starts).toEqual([0, 0, 0, 0, 0, WINDOW_MS, WINDOW_MS, WINDOW_MS, WINDOW_MS, WINDOW_MS, 2 * WINDOW_MS, 2 * WINDOW_MS]);
	});

	it('never grants more than the rate within any window', () => {
		const limiter = new RateLimiter(7);
		const starts: number[] = [];
		for (let now = 0; now < 5000; now += 37) starts.push(now + limiter.reserve(now));
		for (const start of starts) {
			expect(starts.filter((other) => other >= start && other < start + WINDOW_MS).length).toBeLessThanOrEqual(7);
		}
	});

	it('holds every request back while paused', () => {
		const limiter = new RateLimiter(30);
		limiter.pauseUntil(2000);
		expect(limiter.reserve(100)).toBe(1900);
	});
});

describe('limiterFor', () => {
	it('shares one limiter per API key, whatever rate each credential gives', () => {
		const a = limiterFor('https://api.au.whispir.com', 'key-1', 10);
		expect(limiterFor('https://api.au.whispir.com', 'key-1', 10)).toBe(a);
		expect(limiterFor('https://api.au.whispir.com', 'key-2', 10)).not.toBe(a);
		// A second credential on the same key with another rate must not get a fresh, empty window.
		expect(limiterFor('https://api.au.whispir.com', 'key-1', 30)).toBe(a);
		expect(a.perSecond).toBe(30);
	});

	it('keeps the window when the rate drops', () => {
		const limiter = new RateLimiter(10);
		grantedStarts(limiter, 10);
		limiter.perSecond = 5;
		expect(limiter.reserve(0)).toBe(WINDOW_MS);
	});
});
