import { createHash } from 'crypto';

/**
 * Whispir counts requests per API key per second (API doc, "API Rate Limits"). A limiter grants
 * start times so that no window of WINDOW_MS holds more than `perSecond` starts.
 *
 * The window is a little longer than a second: a request that leaves a few milliseconds late
 * (event-loop jitter, a busy network) must not land inside the previous second at Whispir.
 */
export const WINDOW_MS = 1050;

export class RateLimiter {
	/** Start times granted most recently, oldest first; never more than `perSecond` of them. */
	private readonly starts: number[] = [];

	/** Until when a rate-limit answer from Whispir holds everybody back (ms epoch). */
	pausedUntil = 0;

	constructor(public perSecond: number) {}

	/** Reserves the next free start time and returns how long to wait for it, in ms. */
	reserve(now = Date.now()): number {
		let start = Math.max(now, this.pausedUntil, this.starts[this.starts.length - 1] ?? 0);
		if (this.starts.length >= this.perSecond) {
			start = Math.max(start, this.starts[this.starts.length - this.perSecond] + WINDOW_MS);
		}
		this.starts.push(start);
		while (this.starts.length > this.perSecond) this.starts.shift();
		return start - now;
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
