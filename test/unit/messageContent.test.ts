import { describe, expect, it } from 'vitest';

import { voiceType } from '../../nodes/Whispir/actions/message/content';

describe('voiceType', () => {
	it('is one line with every teleconference key, values without commas or line breaks', () => {
		expect(voiceType({})).toBe('ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:');
		expect(voiceType({ confCall: '1800 500 536\n', confAccountNo: '12,345', pin: '0000' })).toBe(
			'ConfCall:1800 500 536,ConfAccountNo:12345,ConfPinNo:,ConfModPinNo:,Pin:0000',
		);
	});
});
