/**
 * Whispir schedules a message with `scheduleDate` as `dd/MM/yyyy HH:mm` (API doc L1876-1990) and
 * reads it in the sending Whispir user's profile timezone. n8n gives a date either as an instant
 * (ISO with `Z` or an offset, e.g. from `{{ $now.plus(1, 'hour') }}`) or as a wall-clock time
 * without an offset (the date picker), which means the workflow's timezone. Both are written as
 * the wall-clock time in the workflow's timezone; the field description asks users to keep the
 * two timezones equal.
 */

export interface ScheduleTime {
	/** Whispir's `dd/MM/yyyy HH:mm`, in the given timezone. */
	whispir: string;
	/** The moment it stands for, to refuse dates in the past. */
	instant: Date;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

function wallClockParts(instant: Date, timeZone: string): Record<string, number> {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(instant);
	const out: Record<string, number> = {};
	for (const part of parts) if (part.type !== 'literal') out[part.type] = Number(part.value);
	return out;
}

/** How far the timezone is ahead of UTC at that moment, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
	const p = wallClockParts(instant, timeZone);
	return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (instant.getTime() - instant.getUTCMilliseconds());
}

const pad = (n: number) => String(n).padStart(2, '0');

function format(p: Record<string, number>): string {
	return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A date and time as Whispir's schedule wants it; undefined when it cannot be read. */
export function toWhispirSchedule(value: unknown, timeZone: string): ScheduleTime | undefined {
	const text = dateText(value);
	if (text === undefined) return undefined;
	const wall = WALL_CLOCK.exec(text);
	if (wall && !HAS_OFFSET.test(text)) {
		const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((index) => Number(wall[index] ?? 0));
		const guess = Date.UTC(year, month - 1, day, hour, minute);
		const check = new Date(guess);
		if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return undefined;
		// The instant whose wall-clock time in the zone is the one given (two passes settle DST edges).
		let instant = guess - offsetAt(new Date(guess), timeZone);
		instant = guess - offsetAt(new Date(instant), timeZone);
		return { whispir: format({ year, month, day, hour, minute }), instant: new Date(instant) };
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
	const instant = new Date(text);
	if (Number.isNaN(instant.getTime())) return undefined;
	return { whispir: format(wallClockParts(instant, timeZone)), instant };
}

/** n8n hands dates over as text, or (from some expressions) as Date or Luxon objects. */
function dateText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (typeof value === 'object' && value !== null && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO(): unknown }).toISO();
		return typeof iso === 'string' ? iso : undefined;
	}
	return undefined;
}
