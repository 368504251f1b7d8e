import { describe, expect, it } from 'vitest';

import type { IExecuteFunctions } from 'n8n-workflow';

import { assertIdSegment, isEmail, phoneDigits } from '../../nodes/Whispir/actions/validation';

describe('isEmail', () => {
	it.each(['jane@example.com', ' ops.team+pager@mail.example.co.uk '])('accepts %s', (value) => {
		expect(isEmail(value)).toBe(true);
	});
	it.each(['jane', 'jane@', 'jane@example', 'a b@example.com', 'a@b.com;c@d.com'])(
		'refuses %s',
		(value) => {
			expect(isEmail(value)).toBe(false);
		},
	);
});

describe('phoneDigits', () => {
	it('keeps the digits Whispir wants, country code first, no +', () => {
		expect(phoneDigits('+61 (423) 456-789')).toBe('61423456789');
		expect(phoneDigits('61423456789')).toBe('61423456789');
	});
	it.each(['0412 abc', '12345', '1234567890123456', 'jane@example.com', ''])(
		'refuses %s',
		(value) => {
			expect(phoneDigits(value)).toBeUndefined();
		},
	);
});

describe('assertIdSegment', () => {
	const context = {
		getNode: () => ({
			name: 'Whispir',
			type: 'n8n-nodes-whispir.whispir',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			id: '1',
		}),
	} as unknown as IExecuteFunctions;

	it.each(['CB4558257DCB9F2B', '...', '.hidden', 'a.b', 'a b', '12345'])(
		'lets %s through (encodeURIComponent keeps it one path segment)',
		(id) => {
			expect(assertIdSegment(context, id, 0, 'User')).toBe(id);
		},
	);

	it.each(['.', '..', ' . ', '', '   '])(
		'refuses "%s", which the HTTP client would resolve as a path step, naming field and item',
		(id) => {
			expect(() => assertIdSegment(context, id, 3, 'User')).toThrow(
				`"User" in item 3 is not an ID: "${id}"`,
			);
		},
	);

	// A proxy or server in between may decode them into a path step or a separator.
	it.each(['a/b', 'a?b', 'a#b', 'a\\b', '%2e', '%2F', '%252e', '50%'])('refuses %s', (id) => {
		expect(() => assertIdSegment(context, id, 0, 'User')).toThrow('is not an ID');
	});
});
