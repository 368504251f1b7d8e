import { idLocator } from '../common.descriptions';

/** The message an operation reads: picked from the recent messages (by subject) or given by ID. */
export const messageLocator = idLocator({
	name: 'messageId',
	displayName: 'Message',
	searchListMethod: 'searchMessages',
	description: 'The sent message: pick one of the last 7 days, or give the ID that Send returned',
});

/** Whispir's epoch-seconds (or milliseconds) strings as ISO dates; anything else unchanged. */
export function isoTime<T>(value: T): T | string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^\d{9,13}$/.test(text)) return value;
	const ms = text.length >= 12 ? Number(text) : Number(text) * 1000;
	return new Date(ms).toISOString();
}
