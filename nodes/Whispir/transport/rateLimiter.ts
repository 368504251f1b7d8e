import { createHash } from 'crypto';

/**
 * Whispir counts requests per API key in a sliding window of one second ("API Rate Limits",
 * https://developers.whispir.com/), from the moment each request reaches its gateway. A limiter lets a
 * request start only when no window of WINDOW_MS holds `rate` arrivals already.
 *
 * When a request reaches Whispir is not known here, only bounded: not before it started, and, once
 * answered, not later than the answer minus the quickest round trip seen on this key. A request
 * held up on its way out (its start prepared alongside many others, a busy event loop, a slow
 * connection) is answered late by as much, so the window moves with it and the request one window
 * later cannot land inside the same second at Whispir.
 * The few milliseconds over a second cover the gap between that estimate and the true arrival.
 */
export const WINDOW_MS = 1020;

/** Requests started in one burst are at least this share of the rate's spacing apart, not in one instant. */
export const SPREAD = 4;

/**
 * Where the pace starts, unless the credential's ceiling is lower: Whispir's fastest edition
 * (Enterprise, 30 per second). Above it the limiter climbs only while Whispir accepts everything.
 */
export const START_RATE = 30;

/**
 * The ceiling of the credential's Automatic choice: more than three times Whispir's fastest edition, so
 * that only what Whispir grants sets the pace, yet bounded should a proxy never refuse anything.
 */
export const AUTOMATIC_CEILING = 100;

/** The slowest pace: one request every two seconds, when Whispir refuses everything on the key. */
export const MIN_RATE = 0.5;

/** A refusal cuts the pace to this share of itself (the first one: of what Whispir granted). */
export const BACK_OFF = 0.9;

/** A refusal soon after a cut shows the cut was not enough (the limit dropped): the pace drops to this share. */
export const BACK_OFF_AGAIN = 0.7;

/** Requests per second the pace climbs by, each window, in the careful windows after a cut. */
export const CLIMB_STEP = 0.5;

/** Windows after a cut in which the pace climbs by CLIMB_STEP; after them each step doubles. */
export const CAREFUL_WINDOWS = 6;

/** One request's place in the window. */
export interface Start {
	/** When it started (ms epoch). */
	readonly startedAt: number;
	/** When its answer came back, once it has. */
	answeredAt?: number;
}

/**
 * The pace of one API key in this n8n process: how fast requests may start, learned from Whispir's answers.
 *
 * The credential's Rate Limit is a ceiling, not a promise: the key may be shared with other apps,
 * workflows and n8n workers, none of which this process can see, and Whispir may lower its limit. So the
 * pace follows TCP's congestion control: AIMD (additive increase, multiplicative decrease), the one scheme
 * under which processes that cannot talk to each other drift to equal shares, since every cut takes more
 * from the faster one while both climb alike. Tuned for a one-second window instead of a round trip:
 * - a refusal (403 over QPS, 429) cuts the pace to BACK_OFF of itself, once per refusal episode
 *   (refusals of requests sent before the cut belong to it). The key's first refusal cuts to BACK_OFF of
 *   what Whispir accepted from this process in the second before it (but not below half the pace), so an
 *   over-set ceiling is corrected by one cut, not ten. A refusal of a request sent just after a cut means
 *   the limit dropped: BACK_OFF_AGAIN;
 * - every window in which the pace held requests back and nothing was refused, it climbs by CLIMB_STEP;
 *   after CAREFUL_WINDOWS such windows (at once, before any refusal) each step doubles, like BIC/CUBIC's
 *   probing, so a limit that was raised, a neighbour that left or a ceiling above 30 is reached in seconds.
 * A refused request did nothing at Whispir and is not counted in the window: it is sent again in turn.
 */
export class RateLimiter {
	/**
	 * Starts, oldest first: the `rate - 1` most recent, and older ones that may still have reached
	 * Whispir less than a window ago.
	 */
	private starts: Start[] = [];

	/** Start times of requests Whispir accepted lately, to measure what it granted. */
	private accepted: number[] = [];

	/** The quickest time from start to answer seen so far on this key. */
	private quickestRoundTrip = Number.POSITIVE_INFINITY;

	/** Waiters in the order they asked: only the first one watches the clock. */
	private queue: Promise<unknown> = Promise.resolve();

	/** Until when a Retry-After from Whispir holds everybody back (ms epoch). */
	private pausedUntil = 0;

	/** Requests that may start in a burst, and when that was last counted. */
	private tokens: number;
	private tokensCountedAt = Number.NEGATIVE_INFINITY;

	private currentRate: number;
	private lastChangeAt = Number.NEGATIVE_INFINITY;
	private lastCutAt = Number.NEGATIVE_INFINITY;
	/** Whether a request had to wait for its turn since the pace last changed: only a full pace climbs. */
	private heldBack = false;
	/** Climbing steps since the last cut. */
	private steps = 0;

	/** When Whispir last accepted a request on this key (not a rate refusal), ms epoch. */
	lastAcceptedAt = Number.NEGATIVE_INFINITY;

	constructor(private ceilingValue: number) {
		this.currentRate = Math.min(ceilingValue, START_RATE);
		this.tokens = this.burst();
	}

	/** The most requests per second the credential allows. */
	get ceiling(): number {
		return this.ceilingValue;
	}

	set ceiling(value: number) {
		this.ceilingValue = value;
		this.currentRate = Math.min(this.currentRate, value);
	}

	/** The pace now, in requests per second (per window). */
	get rate(): number {
		return this.currentRate;
	}

	/** The time between two requests at the pace now (ms). */
	get spacing(): number {
		return WINDOW_MS / this.currentRate;
	}

	/** A third of a window's requests may start at once; the rest follow at the pace. */
	private burst(): number {
		return Math.max(1, Math.ceil(this.currentRate / 3));
	}

	private tokensAt(now: number): number {
		const refilled = this.tokens + ((now - this.tokensCountedAt) * this.currentRate) / WINDOW_MS;
		return Math.min(this.burst(), refilled);
	}

	/**
	 * When a request is taken to have reached Whispir. Once answered: the latest it can have arrived,
	 * its answer minus the quickest round trip known now (which only gets quicker, so the estimate only
	 * grows). Still unanswered: its start, the earliest; one unanswered after a whole window drops out
	 * of the count, a small risk taken knowingly, since a refusal is sent again.
	 */
	private arrivalOf(start: Start): number {
		if (start.answeredAt === undefined) return start.startedAt;
		return Math.max(start.startedAt, start.answeredAt - this.quickestRoundTrip);
	}

	/**
	 * How long a request asking at `now` must wait before it may start (0: at once). With the last
	 * `rate - 1` requests in the window, every older one must have arrived a window ago.
	 */
	waitTime(now = Date.now()): number {
		const perWindow = Math.max(1, Math.floor(this.currentRate));
		const recentCount = Math.min(this.starts.length, perWindow - 1);
		const recent = this.starts.slice(this.starts.length - recentCount);
		const older = this.starts
			.slice(0, this.starts.length - recentCount)
			.filter((start) => this.arrivalOf(start) + WINDOW_MS > now);
		this.starts = [...older, ...recent];
		const previousStart = this.starts.at(-1)?.startedAt ?? Number.NEGATIVE_INFINITY;
		const tokens = this.tokensAt(now);
		const allowedAt = Math.max(
			this.pausedUntil,
			...older.map((start) => this.arrivalOf(start) + WINDOW_MS),
			previousStart + WINDOW_MS / this.currentRate / SPREAD,
			tokens >= 1 ? now : now + ((1 - tokens) * WINDOW_MS) / this.currentRate,
		);
		// Less than a millisecond is no wait: a timer cannot be that precise.
		return allowedAt - now >= 1 ? Math.ceil(allowedAt - now) : 0;
	}

	/**
	 * Waits until a request may start, first come first served, and records the moment it really
	 * starts: the time is read after the wait, so a timer that fires late moves the window along.
	 * `wait` sleeps (and rejects when the execution is stopped); a rejected waiter leaves the queue
	 * without holding up the ones behind it. A waiter whose `signal` aborts while it is still queued
	 * leaves at once and never starts. Pass the start to `answered` or `refused` when the answer comes.
	 */
	async take(
		wait: (ms: number) => Promise<void>,
		clock: () => number = Date.now,
		signal?: AbortSignal,
	): Promise<Start> {
		const turn = this.queue.then(async () => {
			if (signal?.aborted) throw new Error('The request was stopped before its turn');
			for (let ms = this.waitTime(clock()); ms > 0; ms = this.waitTime(clock())) {
				this.heldBack = true;
				await wait(ms);
			}
			const startedAt = clock();
			this.tokens = this.tokensAt(startedAt) - 1;
			this.tokensCountedAt = startedAt;
			const start: Start = { startedAt };
			this.starts.push(start);
			return start;
		});
		this.queue = turn.catch(() => undefined);
		if (!signal) return await turn;
		let onAbort = () => {};
		const stopped = new Promise<never>((_, reject) => {
			onAbort = () => reject(new Error('The request was stopped before its turn'));
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			return await Promise.race([turn, stopped]);
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	}

	/** Whispir let the request started at `start` through (whatever it answered): it may count it, and the pace may climb. */
	answered(start: Start, now = Date.now()): void {
		start.answeredAt = now;
		this.quickestRoundTrip = Math.min(this.quickestRoundTrip, now - start.startedAt);
		this.lastAcceptedAt = now;
		this.accepted.push(start.startedAt);
		while (this.accepted.length > 0 && this.accepted[0] < now - 2 * WINDOW_MS)
			this.accepted.shift();
		this.climb(now);
	}

	/**
	 * Whispir refused the request started at `start` as over the key's rate: it does not count, and the
	 * pace is cut, unless the request left before the last cut. `retryAfterMs`
	 * (Whispir's Retry-After) holds every request on the key back for that long.
	 */
	refused(start: Start, now = Date.now(), retryAfterMs?: number): void {
		this.starts = this.starts.filter((other) => other !== start);
		if (retryAfterMs !== undefined)
			this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
		if (start.startedAt < this.lastCutAt) return;
		const granted = this.accepted.filter(
			(startedAt) => startedAt > start.startedAt - WINDOW_MS && startedAt <= start.startedAt,
		).length;
		const cutAgain = now - this.lastCutAt < WINDOW_MS / 2;
		this.currentRate = Math.max(
			MIN_RATE,
			(cutAgain ? BACK_OFF_AGAIN : BACK_OFF) * this.basisOfCut(granted),
		);
		this.lastCutAt = now;
		this.lastChangeAt = now;
		this.heldBack = false;
		this.steps = 0;
	}

	/**
	 * What a cut takes its share of: the pace, except at the key's first refusal, which measures what
	 * Whispir granted in the second before it. Not later ones: a process refused while another probes
	 * would measure its loss and cut twice, and lose its share for good. Never less than half the pace,
	 * since a process that joined a busy key measures little, and must keep enough pace to win its share.
	 */
	private basisOfCut(granted: number): number {
		if (this.lastCutAt !== Number.NEGATIVE_INFINITY) return this.currentRate;
		return Math.max(Math.min(this.currentRate, granted), this.currentRate / 2);
	}

	/** Once per window in which the pace held requests back: CLIMB_STEP more, later twice the step before. */
	private climb(now: number): void {
		if (
			now - this.lastChangeAt < WINDOW_MS ||
			!this.heldBack ||
			this.currentRate >= this.ceilingValue
		)
			return;
		this.lastChangeAt = now;
		this.heldBack = false;
		// Until Whispir first refuses, nothing is known to be near: the steps double from the start.
		const careful = this.lastCutAt === Number.NEGATIVE_INFINITY ? 0 : CAREFUL_WINDOWS;
		const step = this.steps < careful ? CLIMB_STEP : CLIMB_STEP * 2 ** (this.steps - careful + 1);
		this.steps++;
		this.currentRate = Math.min(this.ceilingValue, this.currentRate + step);
	}
}

// One limiter per API key for the whole n8n process, shared by every execution.
const limiters = new Map<string, RateLimiter>();

export function limiterFor(baseUrl: string, apiKey: string, ceiling: number): RateLimiter {
	// The map key is a hash, so the API key itself is not kept around in plain text.
	const key = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(ceiling);
		limiters.set(key, limiter);
	}
	// Credentials sharing a key but not its ceiling: the latest setting wins, what was learned stays.
	limiter.ceiling = ceiling;
	return limiter;
}
