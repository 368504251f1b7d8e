import { instantOf, isPossible } from '../Whispir/actions/dates';

/**
 * Whispir stamps replies and undeliverables as `dd/MM/yy HH:mm` (Whispir's callback docs) in the
 * account's timezone, without saying which. The trigger reads them in the workflow's timezone
 * (Workflow Settings → Timezone), which should be set to the Whispir account's.
 */

// A four-digit year and seconds are accepted too, in case Whispir writes them.
const WHISPIR_STAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `09/01/16 13:22` in `timeZone` → `2016-01-09T02:22:00.000Z` (for Australia/Sydney); undefined if unreadable. */
export function whispirStampToIso(stamp: unknown, timeZone: string): string | undefined {
	if (typeof stamp !== 'string') return undefined;
	const match = WHISPIR_STAMP.exec(stamp.trim());
	if (!match) return undefined;
	const [day, month, year, hour, minute, second] = match
		.slice(1)
		.map((value) => Number(value ?? 0));
	const time = {
		year: match[3].length === 2 ? 2000 + year : year,
		month,
		day,
		hour,
		minute,
		second,
	};
	return isPossible(time) ? instantOf(time, timeZone).toISOString() : undefined;
}
