import { describe, expect, it } from 'vitest';

import { readWallClock, whispirMinutes, whispirSeconds } from '../../nodes/Whispir/actions/dates';

const read = (value: unknown, timeZone: string) => {
	const time = readWallClock(value, timeZone);
	return (
		time && {
			minutes: whispirMinutes(time),
			seconds: whispirSeconds(time),
			instant: time.instant.toISOString(),
		}
	);
};

describe('readWallClock', () => {
	it('keeps a wall-clock time (the date picker) as it is, seconds included, and finds its instant in the timezone', () => {
		// Sydney is UTC+11 in February (daylight saving).
		expect(read('2026-02-14T15:55:42', 'Australia/Sydney')).toEqual({
			minutes: '14/02/2026 15:55',
			seconds: '14/02/2026 15:55:42',
			instant: '2026-02-14T04:55:42.000Z',
		});
		expect(read('2026-07-01 08:05', 'Australia/Sydney')).toEqual({
			minutes: '01/07/2026 08:05',
			seconds: '01/07/2026 08:05:00',
			instant: '2026-06-30T22:05:00.000Z',
		});
		expect(read('2015-09-11T17:41:37.900', 'UTC')?.seconds).toBe('11/09/2015 17:41:37');
	});

	it('writes an instant with an offset as the clock in the workflow timezone shows it', () => {
		expect(read('2026-02-14T04:55:09Z', 'Australia/Sydney')?.seconds).toBe('14/02/2026 15:55:09');
		expect(read('2026-02-14T15:55:00+11:00', 'Europe/London')?.seconds).toBe('14/02/2026 04:55:00');
		expect(read(new Date('2026-12-31T23:59:58Z'), 'UTC')?.seconds).toBe('31/12/2026 23:59:58');
		expect(read({ toISO: () => '2026-03-01T09:00:30.000+01:00' }, 'Europe/Berlin')?.seconds).toBe(
			'01/03/2026 09:00:30',
		);
	});

	it('refuses what is not a date and time', () => {
		for (const value of [
			'',
			'tomorrow',
			'2026-02-30T10:00',
			'2026-02-14T10:00:60',
			'14/02/2026 15:55',
			42,
			undefined,
		]) {
			expect(readWallClock(value, 'UTC')).toBeUndefined();
		}
	});
});
