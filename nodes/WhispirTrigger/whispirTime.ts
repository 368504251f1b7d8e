/**
 * Whispir stamps replies and undeliverables as `dd/MM/yy HH:mm` (API doc L5500, L6060) in the
 * account's timezone, without saying which. The trigger reads them in the workflow's timezone
 * (Workflow Settings → Timezone), which should be set to the Whispir account's.
 */

const WHISPIR_STAMP = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** How far the wall clock in `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/** `09/01/16 13:22` in `timeZone` → `2016-01-09T02:22:00.000Z` (for Australia/Sydney); undefined if unreadable. */
export function whispirStampToIso(stamp: unknown, timeZone: string): string | undefined {
	if (typeof stamp !== 'string') return undefined;
	const match = WHISPIR_STAMP.exec(stamp.trim());
	if (!match) return undefined;
	const [day, month, year, hour, minute, second] = match.slice(1).map((value) => Number(value ?? 0));
	const fullYear = match[3].length === 2 ? 2000 + year : year;
	const wall = Date.UTC(fullYear, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1 || hour > 23) return undefined;
	// Twice, so that a stamp just after a daylight-saving change gets that day's offset.
	const first = wall - offsetAt(timeZone, wall);
	return new Date(wall - offsetAt(timeZone, first)).toISOString();
}
