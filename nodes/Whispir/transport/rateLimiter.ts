import { createHash } from 'crypto';

/**
 * Whispir counts requests per API key in a sliding window of one second (Whispir's API docs,
 * "API Rate Limits": https://developers.whispir.com), from the moment each request reaches its gateway. A limiter lets a request start only
 * when no window of WINDOW_MS holds `perSecond` arrivals already.
 *
 * When a request reaches Whispir is not known here, only bounded: not before it started, and, once
 * answered, not later than the answer minus the quickest round trip seen on this key. A request
 * held up on its way out (its start prepared alongside many others, a busy event loop, a slow
 * connection) is answered late by as much, so the window moves with it and the request one window
 * later cannot land inside the same second at Whispir.
 * The few milliseconds over a second cover the gap between that estimate and the true arrival.
 */
export const WINDOW_MS = 1020;

/**
 * A burst is spread over a quarter of the window rather than started in one instant: requests
 * started together are prepared together, and the last of them would leave late by the time the
 * others took.
 */
export const SPREAD = 4;

/** One request's place in the window. */
export interface Start {
	/** When it started (ms epoch). */
	readonly startedAt: number;
	/** When its answer came back, once it has. */
	answeredAt?: number;
}

export class RateLimiter {
	/**
	 * Starts, oldest first: the `perSecond - 1` most recent, and older ones that may still have reached
	 * Whispir less than a window ago.
	 */
	private starts: Start[] = [];

	/** The quickest time from start to answer seen so far on this key. */
	private quickestRoundTrip = Number.POSITIVE_INFINITY;

	/** Waiters in the order they asked: only the first one watches the clock. */
	private queue: Promise<unknown> = Promise.resolve();

	/** Until when a rate-limit answer from Whispir holds everybody back (ms epoch). */
	private pausedUntil = 0;

	constructor(public perSecond: number) {}

	/**
	 * When a request is taken to have reached Whispir. Once answered: the latest it can have arrived,
	 * its answer minus the quickest round trip known now (which only gets quicker, so the estimate only
	 * grows). Still unanswered: its start, the earliest; one unanswered after a whole window drops out
	 * of the count, a small risk taken knowingly, since a rate-limit answer is waited out and retried.
	 */
	private arrivalOf(start: Start): number {
		if (start.answeredAt === undefined) return start.startedAt;
		return Math.max(start.startedAt, start.answeredAt - this.quickestRoundTrip);
	}

	/**
	 * How long a request asking at `now` must wait before it may start (0: at once). With the last
	 * `perSecond - 1` requests in the window, every older one must have arrived a window ago.
	 */
	waitTime(now = Date.now()): number {
		// Counted from the rate as it is now: credentials sharing the key may have changed it.
		const recentCount = Math.min(this.starts.length, Math.max(0, this.perSecond - 1));
		const recent = this.starts.slice(this.starts.length - recentCount);
		const older = this.starts
			.slice(0, this.starts.length - recentCount)
			.filter((start) => this.arrivalOf(start) + WINDOW_MS > now);
		this.starts = [...older, ...recent];
		const previousStart = recent.at(-1)?.startedAt ?? Number.NEGATIVE_INFINITY;
		const allowedAt = Math.max(
			this.pausedUntil,
			...older.map((start) => this.arrivalOf(start) + WINDOW_MS),
			previousStart + WINDOW_MS / this.perSecond / SPREAD,
		);
		// Less than a millisecond is no wait: a timer cannot be that precise.
		return allowedAt - now >= 1 ? Math.ceil(allowedAt - now) : 0;
	}

	/**
	 * Waits until a request may start, first come first served, and records the moment it really
	 * starts: the time is read after the wait, so a timer that fires late moves the window along.
	 * `wait` sleeps (and rejects when the execution is cancelled); a rejected waiter leaves the
	 * queue without holding up the ones behind it. Pass the start to `answered` when the answer comes.
	 */
	async take(wait: (ms: number) => Promise<void>, clock: () => number = Date.now): Promise<Start> {
		const turn = this.queue.then(async () => {
			for (let ms = this.waitTime(clock()); ms > 0; ms = this.waitTime(clock())) await wait(ms);
			const start: Start = { startedAt: clock() };
			this.starts.push(start);
			return start;
		});
		this.queue = turn.catch(() => undefined);
		return await turn;
	}

	/** Whispir answered the request started at `start`: when it arrived is now bounded from above. */
	answered(start: Start, now = Date.now()): void {
		start.answeredAt = now;
		this.quickestRoundTrip = Math.min(this.quickestRoundTrip, now - start.startedAt);
	}

	/** Whispir said "too many": nobody on this key starts again before `until`. */
	pauseUntil(until: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, until);
	}
}

// One limiter per API key for the whole n8n process, shared by every execution.
const limiters = new Map<string, RateLimiter>();

export function limiterFor(baseUrl: string, apiKey: string, perSecond: number): RateLimiter {
	// The map key is a hash, so the API key itself is not kept around in plain text.
	const key = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perSecond);
		limiters.set(key, limiter);
	}
	// Credentials sharing a key but not its rate: the latest setting wins, the history stays.
	limiter.perSecond = perSecond;
	return limiter;
}
