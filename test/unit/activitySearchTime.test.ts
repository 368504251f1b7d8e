import { describe, expect, it } from 'vitest';

import { whispirSearchTime } from '../../nodes/Whispir/actions/activity/searchTime';

describe('whispirSearchTime', () => {
	it('writes n8n date-time text as dd/mm/yyyy hh:mm, keeping the wall-clock time', () => {
		expect(whispirSearchTime('2024-03-05T09:30:00')).toBe('05/03/2024 09:30');
		expect(whispirSearchTime('2024-03-05T09:30:59.123+10:00')).toBe('05/03/2024 09:30');
		expect(whispirSearchTime('2024-12-31 23:59')).toBe('31/12/2024 23:59');
		expect(whispirSearchTime('2024-03-05')).toBe('05/03/2024 00:00');
	});

	it("accepts Whispir's own form and refuses anything else", () => {
		expect(whispirSearchTime('01/01/2015 00:00')).toBe('01/01/2015 00:00');
		expect(whispirSearchTime('01/01/2015')).toBe('01/01/2015 00:00');
		expect(whispirSearchTime('yesterday')).toBeUndefined();
		expect(whispirSearchTime('5/3/24')).toBeUndefined();
	});
});
