/**
 * Whispir writes dates as `dd/MM/yyyy HH:mm` (message schedules, Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message) or
 * `dd/MM/yyyy HH:mm:ss` (event fields, Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event), and reads them in the Whispir user's profile
 * timezone. n8n gives a date either as an instant (ISO with `Z` or an offset, e.g. from
 * `{{ $now.plus(1, 'hour') }}`) or as a wall-clock time without an offset (the date picker), which
 * means the workflow's timezone. Both are written as the wall-clock time in the workflow's timezone;
 * the field descriptions ask users to keep the two timezones equal.
 */

/** A date and time as a clock shows it (month 1-12). */
export interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
}

/** A wall-clock time in one timezone, and the moment it stands for (e.g. to refuse dates in the past). */
export interface WallClockTime extends WallClock {
	instant: Date;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

// Building a formatter costs far more than using one (the trigger reads a stamp per delivery): one per
// timezone, kept. Only valid IANA names get here (Intl throws on others), so the map stays small.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

function wallClockAt(instant: Date, timeZone: string): WallClock {
	const parts = formatterFor(timeZone).formatToParts(instant);
	const out: Record<string, number> = {};
	for (const part of parts) if (part.type !== 'literal') out[part.type] = Number(part.value);
	return {
		year: out.year,
		month: out.month,
		day: out.day,
		hour: out.hour,
		minute: out.minute,
		second: out.second,
	};
}

/** How far the timezone is ahead of UTC at that moment, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
	const p = wallClockAt(instant, timeZone);
	return (
		Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) -
		(instant.getTime() - instant.getUTCMilliseconds())
	);
}

/** Whether a clock can show this time: no 30 February, no 24:00 or 10:60. */
export function isPossible(time: WallClock): boolean {
	const day = new Date(Date.UTC(time.year, time.month - 1, time.day));
	return (
		day.getUTCMonth() === time.month - 1 &&
		day.getUTCDate() === time.day &&
		time.hour <= 23 &&
		time.minute <= 59 &&
		time.second <= 59
	);
}

/** The moment at which the clock in `timeZone` shows `time`. */
export function instantOf(time: WallClock, timeZone: string): Date {
	const guess = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
	// Two passes settle the hours around a daylight-saving change.
	let instant = guess - offsetAt(new Date(guess), timeZone);
	instant = guess - offsetAt(new Date(instant), timeZone);
	return new Date(instant);
}

/** n8n hands dates over as text, or (from some expressions) as Date or Luxon objects. */
function dateText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	if (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toISO?: unknown }).toISO === 'function'
	) {
		const iso = (value as { toISO(): unknown }).toISO();
		return typeof iso === 'string' ? iso : undefined;
	}
	return undefined;
}

/** A date and time as the clock in `timeZone` shows it; undefined when it cannot be read. */
export function readWallClock(value: unknown, timeZone: string): WallClockTime | undefined {
	const text = dateText(value);
	if (text === undefined) return undefined;
	const wall = WALL_CLOCK.exec(text);
	if (wall && !HAS_OFFSET.test(text)) {
		const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((index) =>
			Number(wall[index] ?? 0),
		);
		const time = { year, month, day, hour, minute, second };
		return isPossible(time) ? { ...time, instant: instantOf(time, timeZone) } : undefined;
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
	const instant = new Date(text);
	if (Number.isNaN(instant.getTime())) return undefined;
	return { ...wallClockAt(instant, timeZone), instant };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Whispir's `dd/MM/yyyy HH:mm`. */
export function whispirMinutes(time: WallClock): string {
	return `${pad(time.day)}/${pad(time.month)}/${time.year} ${pad(time.hour)}:${pad(time.minute)}`;
}

/** Whispir's `dd/MM/yyyy HH:mm:ss`. */
export function whispirSeconds(time: WallClock): string {
	return `${whispirMinutes(time)}:${pad(time.second)}`;
}
