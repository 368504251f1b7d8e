import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { deliveryKey } from './delivery';

/**
 * What the trigger remembers between deliveries: the deliveries it recently started the workflow for
 * (to run duplicates once) and when it last looked for missed ones (catch-up). Both live in this
 * module, in the memory of the n8n process that receives the deliveries, and are bounded in size and
 * age. Not in the workflow's static data: n8n saves static data reliably when a workflow is activated,
 * not when a delivery changes it, so state that a delivery writes would be lost or go stale there.
 * The price: a restarted process starts with an empty memory, and each n8n process (in queue mode,
 * each webhook processor) has its own.
 */
class BoundedMemory {
	// Insertion order is time order: `remember` re-inserts, so the oldest entry always comes first.
	private readonly entries = new Map<string, number>();

	constructor(
		private readonly maxEntries: number,
		private readonly maxAgeMs: number,
	) {}

	/** When `key` was remembered, unless that is longer ago than the memory's age limit. */
	recall(key: string, now: number): number | undefined {
		const at = this.entries.get(key);
		return at !== undefined && now - at < this.maxAgeMs ? at : undefined;
	}

	remember(key: string, now: number): void {
		this.entries.delete(key);
		this.entries.set(key, now);
		for (const [oldest, at] of this.entries) {
			if (this.entries.size <= this.maxEntries && now - at < this.maxAgeMs) break;
			this.entries.delete(oldest);
		}
	}

	forget(key: string): void {
		this.entries.delete(key);
	}
}

/** Whispir retries a delivery it believes failed for 24 hours (Callback Retries in Whispir's callback docs). */
const DUPLICATE_WINDOW_HOURS = 24;
export const DUPLICATE_WINDOW_DELIVERIES = 10_000;
/** Catch-up looks for missed deliveries at most this often while deliveries arrive. */
const CATCH_UP_INTERVAL_MINUTES = 15;

const HOUR = 60 * 60 * 1000;
// Keys are hashes: a delivery's content can be long, the memory's size must not depend on it.
const handled = new BoundedMemory(DUPLICATE_WINDOW_DELIVERIES, DUPLICATE_WINDOW_HOURS * HOUR);
const catchUps = new BoundedMemory(1_000, (CATCH_UP_INTERVAL_MINUTES * HOUR) / 60);

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/**
 * Whether this process sees the delivery for the first time in the window, and remembers it. The same
 * delivery is the same event (reply or undeliverable) for the same message, from the same sender, on
 * the same channel, with the same content and Whispir timestamp, at the same callback: a copy with or
 * without custom parameters (a call read back by catch-up) counts as the same.
 */
export function firstDelivery(callbackId: string, item: IDataObject, now = Date.now()): boolean {
	const key = hash(`${callbackId}\n${deliveryKey(item)}`);
	if (handled.recall(key, now) !== undefined) return false;
	handled.remember(key, now);
	return true;
}

/**
 * Whether catch-up should look for missed deliveries of this callback now: on the first delivery this
 * process handles, then at most every CATCH_UP_INTERVAL_MINUTES. Claims the check at once, so that
 * concurrent deliveries do not check too.
 */
export function claimCatchUp(callbackId: string, now = Date.now()): boolean {
	if (catchUps.recall(callbackId, now) !== undefined) return false;
	catchUps.remember(callbackId, now);
	return true;
}

/** The next delivery checks again (the check failed, or found more than one check takes). */
export function catchUpDueAgain(callbackId: string): void {
	catchUps.forget(callbackId);
}

/** A callback just created has missed nothing: its first delivery need not look. */
export function nothingMissedYet(callbackId: string, now = Date.now()): void {
	catchUps.remember(callbackId, now);
}
