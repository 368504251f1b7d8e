// The pacing controller (transport/rateLimiter.ts) against a simulated Whispir gateway: a sliding
// one-second window per key, 150 ms answers. Simulated time, so the assertions are counts and outcomes.
import { describe, expect, it } from 'vitest';

import { AUTOMATIC_CEILING, WINDOW_MS } from '../../nodes/Whispir/transport/rateLimiter';
import { simulate, type ProcessResult } from './support/pacingSimulation';

const refusedShare = (...processes: ProcessResult[]) =>
	processes.reduce((sum, p) => sum + p.refused, 0) /
	processes.reduce((sum, p) => sum + p.sentAt.length, 0);

/** The most requests sent in any window of `windowMs`. */
const busiestWindow = (times: number[], windowMs: number) => {
	const sorted = [...times].sort((a, b) => a - b);
	let busiest = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= windowMs) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return busiest;
};

describe('pacing controller', () => {
	it('converges on the rate the gateway grants when the ceiling is set twice too high', async () => {
		const [run] = await simulate({
			limit: () => 30,
			jitterMs: 30,
			processes: [{ ceiling: 60, requests: 500 }],
		});
		expect(run.accepted).toBe(500);
		// One episode of refusals finds the limit; a probe now and then costs a refusal or two.
		expect(refusedShare(run)).toBeLessThan(0.02);
		expect(run.rates.at(-1)).toBeGreaterThanOrEqual(25);
		expect(run.rates.at(-1)).toBeLessThanOrEqual(32);
		// 500 requests at 30 per second take 16.7 s at best.
		expect(run.finishedAt / (500 / 30) / 1000).toBeLessThan(1.15);
	});

	it("finds a key's rate by itself (Automatic), below or above the edition it starts at", async () => {
		for (const limit of [10, 45]) {
			const [run] = await simulate({
				limit: () => limit,
				jitterMs: 30,
				processes: [{ ceiling: AUTOMATIC_CEILING, requests: 40 * limit }],
			});
			expect(run.accepted).toBe(40 * limit);
			expect(run.finishedAt / 40 / 1000).toBeLessThan(1.2);
			expect(refusedShare(run)).toBeLessThan(0.08);
		}
	});

	it('lets two processes on one key, that know nothing of each other, share it fairly', async () => {
		const [a, b] = await simulate({
			limit: () => 30,
			jitterMs: 60,
			processes: [
				{ ceiling: 30, requests: 300 },
				{ ceiling: 30, requests: 300, startsAt: 20 },
			],
		});
		expect(a.accepted + b.accepted).toBe(600);
		expect(
			Math.max(a.finishedAt, b.finishedAt) / Math.min(a.finishedAt, b.finishedAt),
		).toBeLessThan(1.25);
		// Together: 600 requests at 30 per second take 20 s at best.
		expect(Math.max(a.finishedAt, b.finishedAt + 20) / 20_000).toBeLessThan(1.15);
		expect(refusedShare(a, b)).toBeLessThan(0.05);
	});

	it('drops to a limit that falls from 30 to 10 within seconds, and climbs back when it returns', async () => {
		const limit = (now: number) => (now >= 3000 && now < 8000 ? 10 : 30);
		const [run] = await simulate({
			limit,
			jitterMs: 30,
			processes: [{ ceiling: 30, requests: 300 }],
		});
		expect(run.accepted).toBe(300);
		expect(refusedShare(run)).toBeLessThan(0.1);
		const sentBetween = (from: number, to: number) =>
			run.sentAt.filter((time) => time >= from && time < to).length;
		// Two seconds after the drop, the pace is the new limit's, not the old one's.
		expect(sentBetween(5000, 8000)).toBeLessThanOrEqual(3 * 11);
		// And after the limit returns it is found again: the last 3 s before the end run well above 10 per second.
		expect(sentBetween(run.finishedAt - 3000, run.finishedAt) / 3).toBeGreaterThan(18);
	});

	it('never sends more than the ceiling in any window, and never paces above it, when the gateway would take more', async () => {
		for (const ceiling of [5, 10, 30]) {
			const [run] = await simulate({
				limit: () => 1000,
				processes: [{ ceiling, requests: 8 * ceiling }],
			});
			expect(run.refused).toBe(0);
			expect(Math.max(...run.rates)).toBeLessThanOrEqual(ceiling);
			expect(busiestWindow(run.sentAt, WINDOW_MS)).toBeLessThanOrEqual(ceiling);
		}
		// Above Whispir's fastest edition it probes upwards, but not past the ceiling.
		const [probing] = await simulate({
			limit: () => 1000,
			processes: [{ ceiling: 60, requests: 600 }],
		});
		expect(Math.max(...probing.rates)).toBe(60);
		expect(busiestWindow(probing.sentAt, WINDOW_MS)).toBeLessThanOrEqual(60);
	});
});
