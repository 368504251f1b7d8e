import type { RateLimit } from './types';

/**
 * Whispir's per-key quota at its gateway: a strict sliding window of one second (QPS) and a
 * daily counter (QPD, UTC day). Only accepted requests count, so a client that keeps hammering
 * while refused does not push its own window further out.
 */
export class KeyQuota {
	private readonly windows = new Map<string, number[]>();
	private readonly days = new Map<string, { day: string; count: number }>();

	/** Counts a request of `key` unless it is over a limit, which it names. */
	take(key: string, limit: RateLimit | null, now = Date.now()): 'ok' | 'QPS' | 'QPD' {
		if (!limit) return 'ok';
		const perSecond = limit.perSecond;
		let window: number[] | undefined;
		if (perSecond !== undefined) {
			window = this.windows.get(key) ?? [];
			this.windows.set(key, window);
			// The window never holds more than perSecond stamps, so this loop is bounded.
			while (window.length > 0 && window[0] <= now - 1000) window.shift();
			if (window.length >= perSecond) return 'QPS';
		}
		const today = new Date(now).toISOString().slice(0, 10);
		let day = this.days.get(key);
		if (!day || day.day !== today) {
			day = { day: today, count: 0 };
			this.days.set(key, day);
		}
		if (limit.perDay !== undefined && day.count >= limit.perDay) return 'QPD';
		window?.push(now);
		day.count++;
		return 'ok';
	}

	clear(): void {
		this.windows.clear();
		this.days.clear();
	}
}
