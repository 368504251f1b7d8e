// Message → Send and Wait for Reply in the in-process harness: what is checked before the execution
// waits. The wait itself, the callback and the reply need n8n's server (its waiting webhooks):
// test/e2e/sendAndWait.ts covers them on both runtimes.
import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const ask = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendAndWait',
	to: '61423456789',
	subject: 'Refund',
	body: 'Approve refund R-42? Reply YES or NO',
	...parameters,
});

describe('Message → Send and Wait for Reply', () => {
	it.each([
		[{ approveWord: ' ' }, 'Approve Word is empty'],
		[{ declineWord: '?!' }, 'Decline Word is empty'],
		[{ approveWord: 'ok', declineWord: 'OK ' }, 'Approve Word and Decline Word are the same'],
		[
			{
				options: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T10:00:00' },
					},
				},
			},
			'Max Date and Time is in the past',
		],
		[
			{
				options: {
					limitWaitTime: { values: { limitType: 'atSpecifiedTime', maxDateAndTime: 'soon' } },
				},
			},
			'Max Date and Time is not a date',
		],
		[
			{
				options: {
					limitWaitTime: {
						values: { limitType: 'afterTimeInterval', resumeAmount: 0, resumeUnit: 'hours' },
					},
				},
			},
			'Limit Wait Time needs an amount above 0',
		],
		// Send's own checks apply: the same recipients and content builders.
		[{ to: '' }, 'To'],
	])(
		'refuses %j before anything reaches Whispir or the execution waits',
		async (parameters, message) => {
			const { error } = await bed.run(WHISPIR, ask(parameters));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toContain(message);
			expect(bed.sandbox.log).toEqual([]);
		},
	);

	it("offers Send's recipients, content and options, minus the callback (the wait makes its own), plus the wait's fields", () => {
		const shown = (name: string) =>
			new Whispir().description.properties.filter(
				(property) =>
					property.name === name &&
					property.displayOptions?.show?.operation?.includes('sendAndWait'),
			);
		for (const name of [
			'to',
			'channels',
			'subject',
			'body',
			'emailBody',
			'voiceBody',
			'responseType',
			'approveWord',
			'declineWord',
		]) {
			expect(shown(name), name).toHaveLength(1);
		}
		const [options] = shown('options');
		const names = (options.options as Array<{ name: string }>).map((option) => option.name);
		expect(names).toEqual(
			expect.arrayContaining(['callbackParameters', 'limitWaitTime', 'nonAnswerHint', 'template']),
		);
		expect(names).not.toContain('callback');
		expect(names).not.toContain('returnStoredMessage');
		expect(shown('approveWord')[0].default).toBe('YES');
		expect(shown('declineWord')[0].default).toBe('NO');
	});
});
