import { describe, expect, it } from 'vitest';

import { isEmail, phoneDigits } from '../../nodes/Whispir/actions/validation';

describe('isEmail', () => {
	it.each(['jane@example.com', ' ops.team+pager@mail.example.co.uk '])('accepts %s', (value) => {
		expect(isEmail(value)).toBe(true);
	});
	it.each(['jane', 'jane@', 'jane@example', 'a b@example.com', 'a@b.com;c@d.com'])('refuses %s', (value) => {
		expect(isEmail(value)).toBe(false);
	});
});

describe('phoneDigits', () => {
	it('keeps the digits Whispir wants, country code first, no +', () => {
		expect(phoneDigits('+61 (423) 456-789')).toBe('61423456789');
		expect(phoneDigits('61423456789')).toBe('61423456789');
	});
	it.each(['0412 abc', '12345', '1234567890123456', 'jane@example.com', ''])('refuses %s', (value) => {
		expect(phoneDigits(value)).toBeUndefined();
	});
});
