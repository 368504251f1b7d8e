import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { voiceType } from '../../nodes/Whispir/actions/message/content';
import * as send from '../../nodes/Whispir/actions/message/send.operation';
import * as sendAndWait from '../../nodes/Whispir/actions/message/sendAndWait.operation';

describe('voiceType', () => {
	it('is one line with every teleconference key, values without commas or line breaks', () => {
		expect(voiceType({})).toBe('ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:');
		expect(voiceType({ confCall: '1800 500 536\n', confAccountNo: '12,345', pin: '0000' })).toBe(
			'ConfCall:1800 500 536,ConfAccountNo:12345,ConfPinNo:,ConfModPinNo:,Pin:0000',
		);
	});
});

describe('channels offered', () => {
	const channelValues = (properties: INodeProperties[], operation: string) =>
		properties
			.filter(
				(property) =>
					property.name === 'channels' &&
					property.displayOptions?.show?.operation?.includes(operation),
			)
			.flatMap((property) => (property.options as INodePropertyOptions[]).map((o) => o.value));

	it('Send offers WhatsApp and RCS; Send and Wait for Reply does not (no documented replies)', () => {
		expect(channelValues(send.description, 'send')).toEqual(
			expect.arrayContaining(['email', 'voice', 'whatsapp', 'rcs']),
		);
		const waitChannels = channelValues(sendAndWait.description, 'sendAndWait');
		expect(waitChannels).toEqual(expect.arrayContaining(['email', 'voice']));
		expect(waitChannels).not.toContain('whatsapp');
		expect(waitChannels).not.toContain('rcs');
	});
});
