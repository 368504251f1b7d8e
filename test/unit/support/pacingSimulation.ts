// A Whispir key's gateway and the processes sharing it, on a simulated clock: the pacing controller's
// unit tests run seconds of traffic in milliseconds and count outcomes, never wall-clock time.
import { RateLimiter } from '../../../nodes/Whispir/transport/rateLimiter';

/** Timers on a simulated clock; `run` fires them in time order until none is left. */
class SimulatedClock {
	now = 0;
	private timers: Array<{ at: number; fire: () => void }> = [];

	sleep = async (ms: number) =>
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.now + Math.max(0, ms), fire: resolve });
		});

	async run(done: () => boolean, maxMs: number): Promise<void> {
		// Bounded: the loop stops at maxMs of simulated time however the controller behaves.
		for (let idle = 0; !done(); ) {
			// Let every promise continuation run before the clock moves on.
			await new Promise((resolve) => setImmediate(resolve));
			if (this.timers.length === 0) {
				if (++idle > 100) throw new Error('Simulation stuck: nothing waits on the clock');
				continue;
			}
			idle = 0;
			this.timers.sort((a, b) => a.at - b.at);
			const next = this.timers.shift()!;
			if (next.at > maxMs) throw new Error(`Simulation still running after ${maxMs} ms`);
			this.now = Math.max(this.now, next.at);
			next.fire();
		}
	}
}

/** Whispir's gateway for one key: a sliding one-second window; only accepted requests count. */
class Gateway {
	private window: number[] = [];

	constructor(public limit: (now: number) => number) {}

	admit(now: number): boolean {
		while (this.window.length > 0 && this.window[0] <= now - 1000) this.window.shift();
		if (this.window.length >= this.limit(now)) return false;
		this.window.push(now);
		return true;
	}
}

export interface ProcessResult {
	/** Simulated ms from the process's start to its last answer. */
	finishedAt: number;
	accepted: number;
	refused: number;
	/** The limiter's pace when the process finished. */
	finalRate: number;
	/** Every pace the limiter had after an answer. */
	rates: number[];
	/** Arrival times of this process's accepted requests. */
	acceptedAt: number[];
	/** Start times of every request sent, refused ones included. */
	sentAt: number[];
}

export interface SimulationOptions {
	/** The gateway's per-second limit, by simulated time. */
	limit: (now: number) => number;
	/** Per process: its credential's ceiling and how many requests it sends. */
	processes: Array<{ ceiling: number; requests: number; startsAt?: number }>;
	latencyMs?: number;
	/** Up to this many ms added to each answer's latency, from a fixed pseudo-random sequence. */
	jitterMs?: number;
	/** Simulated time after which the run is a failure (a bound, whatever the controller does). */
	maxMs?: number;
}

/** Runs the processes against one gateway until every request was accepted; returns what each saw. */
export async function simulate(options: SimulationOptions): Promise<ProcessResult[]> {
	const clock = new SimulatedClock();
	const gateway = new Gateway(options.limit);
	const latency = options.latencyMs ?? 150;
	// Park and Miller's minimal standard generator: the same "random" jitter in every run of a test.
	let seed = 12345;
	const jitter = () => {
		seed = (seed * 48271) % 2147483647;
		return ((options.jitterMs ?? 0) * seed) / 2147483647;
	};
	let running = options.processes.length;
	const results = options.processes.map(async ({ ceiling, requests, startsAt = 0 }) => {
		await clock.sleep(startsAt);
		const limiter = new RateLimiter(ceiling);
		const result: ProcessResult = {
			finishedAt: 0,
			accepted: 0,
			refused: 0,
			finalRate: 0,
			rates: [],
			acceptedAt: [],
			sentAt: [],
		};
		let next = 0;
		const send = async () => {
			for (;;) {
				const start = await limiter.take(clock.sleep, () => clock.now);
				result.sentAt.push(start.startedAt);
				const admitted = gateway.admit(clock.now);
				await clock.sleep(latency + jitter());
				if (admitted) {
					limiter.answered(start, clock.now);
					result.accepted++;
					result.acceptedAt.push(start.startedAt);
				} else {
					limiter.refused(start, clock.now);
					result.refused++;
				}
				result.rates.push(limiter.rate);
				if (admitted) return;
			}
		};
		const worker = async () => {
			while (next < requests) {
				next++;
				await send();
			}
		};
		await Promise.all(Array.from({ length: Math.min(100, Math.ceil(2 * ceiling)) }, worker));
		result.finishedAt = clock.now - startsAt;
		result.finalRate = limiter.rate;
		running--;
		return result;
	});
	await clock.run(() => running === 0, options.maxMs ?? 600_000);
	return await Promise.all(results);
}
