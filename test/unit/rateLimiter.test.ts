import { describe, expect, it } from 'vitest';

import {
	RateLimiter,
	SPREAD,
	START_RATE,
	WINDOW_MS,
	limiterFor,
} from '../../nodes/Whispir/transport/rateLimiter';

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
	Math.max(
		...times.map(
			(time) => times.filter((other) => other >= time && other < time + windowMs).length,
		),
	);

describe('RateLimiter', () => {
	it('starts a third of the rate in a short burst, the rest at the pace, then each further request a window after its counterpart', async () => {
		// Rate 5: a burst of 2, a quarter of the spacing apart; then one every fifth of a window.
		const firstWindow = [0, WINDOW_MS / 5 / SPREAD, 204, 408, 612];
		const recorded = await starts(new RateLimiter(5), 12);
		expect(recorded.slice(0, 5)).toEqual(firstWindow);
		expect(recorded.slice(5, 10)).toEqual(firstWindow.map((time) => time + WINDOW_MS));
		expect(busiestWindow(recorded, WINDOW_MS)).toBe(5);
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
		for (let k = 3; k < 9; k++)
			expect(recorded[k] - recorded[k - 3]).toBeGreaterThanOrEqual(WINDOW_MS);
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
		// The second answer takes 100 ms; the first, held up on its way out, comes back at 600 ms.
		limiter.answered(second, second.startedAt + 100);
		limiter.answered(first, 600);
		// So the first reached Whispir at the latest at 600 - 100 = 500 ms: the third starts a window after that.
		expect((await limiter.take(time.wait, time.clock)).startedAt).toBe(500 + WINDOW_MS);
	});

	it('serves waiters first come, first served', async () => {
		const limiter = new RateLimiter(1);
		const time = fakeTime();
		const order: number[] = [];
		await Promise.all(
			[0, 1, 2, 3].map(
				async (n) => await limiter.take(time.wait, time.clock).then(() => order.push(n)),
			),
		);
		expect(order).toEqual([0, 1, 2, 3]);
	});

	it("holds every request on the key back for a refusal's Retry-After, and no longer", async () => {
		const limiter = new RateLimiter(30);
		const time = fakeTime();
		const refused = await limiter.take(time.wait, time.clock);
		time.set(100);
		limiter.refused(refused, 100, 1900);
		expect(limiter.waitTime(100)).toBe(1900);
		await limiter.take(time.wait, time.clock);
		expect(time.clock()).toBe(2000);
	});

	it('does not hold the key back for a refusal without Retry-After: the refused request frees its place', async () => {
		const limiter = new RateLimiter(1);
		const time = fakeTime();
		const refused = await limiter.take(time.wait, time.clock);
		time.set(150);
		limiter.refused(refused, 150);
		// Its own pace (now the slowest, since nothing was accepted) is all that holds the next one back.
		expect(limiter.waitTime(150)).toBeLessThanOrEqual(2 * WINDOW_MS);
		expect(limiter.waitTime(150 + 2 * WINDOW_MS)).toBe(0);
	});

	it('lets a waiter still in the queue leave as soon as its execution is stopped, and never start', async () => {
		const limiter = new RateLimiter(1);
		const time = fakeTime();
		await limiter.take(time.wait, time.clock);
		// The first waiter sleeps a window (of another execution); the second is queued behind it.
		let wakeFirst = () => {};
		const first = limiter.take(
			async () => await new Promise<void>((resolve) => (wakeFirst = resolve)),
			time.clock,
		);
		const stop = new AbortController();
		const second = limiter.take(time.wait, time.clock, stop.signal);
		stop.abort();
		await expect(second).rejects.toThrow('stopped');
		time.set(WINDOW_MS);
		wakeFirst();
		await first;
		// Two starts (the first request and `first`), none for the stopped one.
		expect(limiter.waitTime(WINDOW_MS)).toBe(WINDOW_MS);
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
	it('shares one limiter per API key, whatever ceiling each credential gives', () => {
		const a = limiterFor('https://api.au.whispir.com', 'key-1', 10);
		expect(limiterFor('https://api.au.whispir.com', 'key-1', 10)).toBe(a);
		expect(limiterFor('https://api.au.whispir.com', 'key-2', 10)).not.toBe(a);
		// A second credential on the same key with another ceiling must not get a fresh, empty window.
		expect(limiterFor('https://api.au.whispir.com', 'key-1', 60)).toBe(a);
		expect(a.ceiling).toBe(60);
	});

	it("starts at the ceiling, or at Whispir's fastest edition when the ceiling is higher", () => {
		expect(new RateLimiter(5).rate).toBe(5);
		expect(new RateLimiter(60).rate).toBe(START_RATE);
	});

	it('keeps the window when the ceiling drops', async () => {
		const limiter = new RateLimiter(10);
		const recorded = (await starts(limiter, 10)).sort((x, y) => x - y);
		limiter.ceiling = 5;
		expect(limiter.rate).toBe(5);
		// Five may be in a window now: the sixth most recent start must be a window old.
		expect(limiter.waitTime(recorded[9])).toBe(recorded[5] + WINDOW_MS - recorded[9]);
	});
});
