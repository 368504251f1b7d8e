import { describe, expect, it } from 'vitest';

import { RateLimiter, SPREAD, WINDOW_MS, limiterFor } from '../../nodes/Whispir/transport/rateLimiter';

/** A clock the test moves by hand; `wait` moves it by the time asked plus any lateness. */
function fakeTime(lateness: (call: number) => number = () => 0) {
	let now = 0;
	let calls = 0;
	return {
		clock: () => now,
		wait: async (ms: number) => {
			now += ms + lateness(calls++);
		},
		set: (time: number) => {
			now = time;
		},
	};
}

/** Start times of `count` requests that all ask at once. */
async function starts(limiter: RateLimiter, count: number, time = fakeTime()): Promise<number[]> {
	const recorded: number[] = [];
	await Promise.all(
		Array.from({ length: count }, async () => {
			recorded.push((await limiter.take(time.wait, time.clock)).startedAt);
		}),
	);
	return recorded;
}

/** The largest number of starts inside any window of `windowMs`. */
const busiestWindow = (times: number[], windowMs: number) =>
	Math.max(...times.map((time) => times.filter((other) => other >= time && other < time + windowMs).length));

describe('RateLimiter', () => {
	it('spreads a burst up to the rate over part of a window, then starts each further request a window after its counterpart', async () => {
		const gap = WINDOW_MS / 5 / SPREAD;
		const burst = (at: number, size = 5) => Array.from({ length: size }, (_, k) => at + Math.ceil(k * gap));
		expect(await starts(new RateLimiter(5), 12)).toEqual([...burst(0), ...burst(WINDOW_MS), ...burst(2 * WINDOW_MS, 2)]);
	});

	it('records when a request really starts, so a late timer cannot squeeze two windows together', async () => {
		// Every wait ends 200 ms late (a busy event loop): the window must count from the late starts.
		const limiter = new RateLimiter(3);
		const time = fakeTime(() => 200);
		const recorded: number[] = [];
		for (let request = 0; request < 9; request++) {
			const { startedAt } = await limiter.take(time.wait, time.clock);
			expect(startedAt).toBe(time.clock());
			recorded.push(startedAt);
		}
		for (let k = 3; k < 9; k++) expect(recorded[k] - recorded[k - 3]).toBeGreaterThanOrEqual(WINDOW_MS);
	});

	it('never has more than the rate in any window, whatever the arrival pattern', async () => {
		const limiter = new RateLimiter(7);
		const time = fakeTime((call) => (call * 37) % 90);
		const recorded: number[] = [];
		for (let round = 0; round < 40; round++) {
			time.set(Math.max(time.clock(), round * 130));
			recorded.push((await limiter.take(time.wait, time.clock)).startedAt);
		}
		expect(busiestWindow(recorded, WINDOW_MS)).toBeLessThanOrEqual(7);
	});

	it('moves the window along when an answer shows a request reached Whispir late', async () => {
		const limiter = new RateLimiter(2);
		const time = fakeTime();
		const first = await limiter.take(time.wait, time.clock);
		const second = await limiter.take(time.wait, time.clock);
		// The second answer takes 100 ms; the first, held up on its way out, comes back at 160 ms.
		limiter.answered(second, second.startedAt + 100);
		limiter.answered(first, 160);
		// So the first reached Whispir at the latest at 160 - 100 = 60 ms: the third starts a window after that.
		expect((await limiter.take(time.wait, time.clock)).startedAt).toBe(60 + WINDOW_MS);
	});

	it('serves waiters first come, first served', async () => {
		const limiter = new RateLimiter(1);
		const time = fakeTime();
		const order: number[] = [];
		await Promise.all([0, 1, 2, 3].map(async (n) => await limiter.take(time.wait, time.clock).then(() => order.push(n))));
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it('holds every request back while paused', async () => {
		const limiter = new RateLimiter(30);
		limiter.pauseUntil(2000);
		const time = fakeTime();
		time.set(100);
		expect(limiter.waitTime(100)).toBe(1900);
		await limiter.take(time.wait, time.clock);
		expect(time.clock()).toBe(2000);
	});

	it('lets the waiters behind a cancelled one go on', async () => {
		const limiter = new RateLimiter(1);
		const time = fakeTime();
		await limiter.take(time.wait, time.clock);
		const cancelled = limiter.take(async () => {
			throw new Error('cancelled');
		}, time.clock);
		const next = limiter.take(time.wait, time.clock);
		await expect(cancelled).rejects.toThrow('cancelled');
		await next;
		expect(time.clock()).toBe(WINDOW_MS);
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

	it('keeps the window when the rate drops', async () => {
		const limiter = new RateLimiter(10);
		const recorded = (await starts(limiter, 10)).sort((x, y) => x - y);
		limiter.perSecond = 5;
		// Five may be in a window now: the sixth most recent start must be a window old.
		expect(limiter.waitTime(recorded[9])).toBe(recorded[5] + WINDOW_MS - recorded[9]);
	});
});
