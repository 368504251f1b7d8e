import { describe, expect, it } from 'vitest';

import { voiceType } from '../../nodes/Whispir/actions/message/content';
import { toWhispirSchedule } from '../../nodes/Whispir/actions/message/schedule';

describe('toWhispirSchedule', () => {
	it('keeps a wall-clock time (the date picker) as it is, and finds its instant in the timezone', () => {
		const sydney = toWhispirSchedule('2026-02-14T15:55:00', 'Australia/Sydney');
		expect(sydney?.whispir).toBe('14/02/2026 15:55');
		// Sydney is UTC+11 in February (daylight saving).
		expect(sydney?.instant.toISOString()).toBe('2026-02-14T04:55:00.000Z');
		expect(toWhispirSchedule('2026-07-01 08:05', 'Australia/Sydney')?.instant.toISOString()).toBe('2026-06-30T22:05:00.000Z');
	});

	it('writes an instant with an offset in the workflow timezone', () => {
		expect(toWhispirSchedule('2026-02-14T04:55:00Z', 'Australia/Sydney')?.whispir).toBe('14/02/2026 15:55');
		expect(toWhispirSchedule('2026-02-14T15:55:00+11:00', 'Europe/London')?.whispir).toBe('14/02/2026 04:55');
		expect(toWhispirSchedule(new Date('2026-12-31T23:59:00Z'), 'UTC')?.whispir).toBe('31/12/2026 23:59');
		expect(toWhispirSchedule({ toISO: () => '2026-03-01T09:00:00.000+01:00' }, 'Europe/Berlin')?.whispir).toBe('01/03/2026 09:00');
	});

	it('refuses what is not a date and time', () => {
		for (const value of ['', 'tomorrow', '2026-02-30T10:00', '14/02/2026 15:55', 42, undefined]) {
			expect(toWhispirSchedule(value, 'UTC')).toBeUndefined();
		}
	});
});

describe('voiceType', () => {
	it('is one line with every teleconference key, values without commas or line breaks', () => {
		expect(voiceType({})).toBe('ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:');
		expect(voiceType({ confCall: '1800 500 536\n', confAccountNo: '12,345', pin: '0000' })).toBe(
			'ConfCall:1800 500 536,ConfAccountNo:12345,ConfPinNo:,ConfModPinNo:,Pin:0000',
		);
	});
});
