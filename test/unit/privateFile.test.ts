import { describe, expect, it } from 'vitest';

import { rowsToCsv } from '../../nodes/Whispir/actions/privateFile';

describe('rowsToCsv', () => {
	it('makes one column per key, in order of first appearance, and blank cells for missing keys', () => {
		expect(
			rowsToCsv([
				{ name: 'Ann', mobile: '61400000001' },
				{ mobile: '61400000002', due: 12.5 },
			]),
		).toBe('name,mobile,due\r\nAnn,61400000001,\r\n,61400000002,12.5\r\n');
	});

	it('quotes commas, quotes, line breaks and edge spaces as RFC 4180 says', () => {
		const csv = rowsToCsv([{ note: 'a, "b"\nc', pad: ' x ' }]);
		expect(csv).toBe('note,pad\r\n"a, ""b""\nc"," x "\r\n');
	});

	it('writes nested values as JSON text and null as an empty cell', () => {
		expect(rowsToCsv([{ data: { when: '10:00' }, gone: null }])).toBe(
			'data,gone\r\n"{""when"":""10:00""}",\r\n',
		);
	});
});
