import { describe, expect, it } from 'vitest';

import type { IDataObject } from 'n8n-workflow';

import {
	TOO_DEEP,
	keyMatches,
	normaliseDelivery,
	readDeliveryBody,
	safeCopy,
} from '../../nodes/WhispirTrigger/delivery';
import {
	DUPLICATE_WINDOW_DELIVERIES,
	firstDelivery,
} from '../../nodes/WhispirTrigger/processMemory';
import { whispirStampToIso } from '../../nodes/WhispirTrigger/whispirTime';

describe('whispirStampToIso', () => {
	it('reads dd/MM/yy HH:mm in the given timezone, daylight saving included', () => {
		expect(whispirStampToIso('09/01/16 13:22', 'Australia/Sydney')).toBe(
			'2016-01-09T02:22:00.000Z',
		); // AEDT +11
		expect(whispirStampToIso('09/07/16 13:22', 'Australia/Sydney')).toBe(
			'2016-07-09T03:22:00.000Z',
		); // AEST +10
		expect(whispirStampToIso('09/01/2016 13:22', 'UTC')).toBe('2016-01-09T13:22:00.000Z');
	});

	it('gives undefined for what is not a Whispir stamp', () => {
		for (const stamp of [
			'',
			'2016-01-09 13:22',
			'31/02/16 10:00',
			'09/01/16 25:00',
			'09/01/16 10:60',
			undefined,
			42,
		]) {
			expect(whispirStampToIso(stamp, 'UTC')).toBeUndefined();
		}
	});
});

describe('keyMatches', () => {
	it('accepts only the exact key', () => {
		expect(keyMatches('abc123', 'abc123')).toBe(true);
		expect(keyMatches('abc123', 'abc124')).toBe(false);
		expect(keyMatches('abc123', 'abc1234')).toBe(false);
		expect(keyMatches('abc123', '')).toBe(false);
		expect(keyMatches('abc123', undefined)).toBe(false);
		expect(keyMatches(undefined, 'abc123')).toBe(false);
	});
});

describe('readDeliveryBody', () => {
	it('takes a JSON object sent as JSON, parsed by n8n or not', () => {
		expect(readDeliveryBody('application/json', { messageid: 'A' }, undefined)).toEqual({
			payload: { messageid: 'A' },
		});
		expect(
			readDeliveryBody('application/json; charset=UTF-8', {}, Buffer.from('{"messageid":"A"}')),
		).toEqual({ payload: { messageid: 'A' } });
		expect(
			readDeliveryBody('application/vnd.whispir.x+json', {}, Buffer.from('{"messageid":"A"}')),
		).toEqual({ payload: { messageid: 'A' } });
	});

	it('refuses what Whispir does not send: XML, forms, multipart, text, no type (415); JSON that is not an object (400)', () => {
		const json = Buffer.from('{"messageid":"A"}');
		expect(readDeliveryBody('application/xml', { anything: 1 }, undefined)).toMatchObject({
			refusal: { status: 415, message: expect.stringMatching(/XML/) },
		});
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain',
			'',
			'application/jsonp',
			'text/json',
		]) {
			expect(readDeliveryBody(type, { messageid: 'A' }, json), type).toMatchObject({
				refusal: { status: 415 },
			});
		}
		expect(readDeliveryBody('application/json', [{ messageid: 'A' }], undefined)).toMatchObject({
			refusal: { status: 400 },
		});
		expect(readDeliveryBody('application/vnd.x+json', {}, Buffer.from('[1,2]'))).toMatchObject({
			refusal: { status: 400 },
		});
		expect(readDeliveryBody('application/vnd.x+json', {}, Buffer.from('"text"'))).toMatchObject({
			refusal: { status: 400 },
		});
		expect(readDeliveryBody('application/json', {}, undefined)).toMatchObject({
			refusal: { status: 400 },
		});
	});
});

describe('normaliseDelivery', () => {
	it('accepts the documented spelling variants and drops prototype keys', () => {
		const payload = JSON.parse(
			'{"messageId":"M1","location":"https://api.au.whispir.com/messages/M1","responseMessage":{"channel":"EMAIL","acknowledged":"09/01/13 13:22","content":"Yes"},"customParameters":{"a":"1","n":7,"__proto__":{"x":1},"nested":{"b":"2"}}}',
		);
		const item = normaliseDelivery(payload, {
			timeZone: 'UTC',
			callbackName: 'cb',
			includeRaw: true,
		});
		expect(item).toMatchObject({
			event: 'reply',
			messageId: 'M1',
			messageUrl: 'https://api.au.whispir.com/messages/M1',
			channel: 'EMAIL',
			acknowledgedAt: '2013-01-09T13:22:00.000Z',
			acknowledged: '09/01/13 13:22',
			customParameters: { a: '1', n: '7', nested: '{"b":"2"}' },
			from: { name: '', mri: '', mobile: '', email: '', voice: '' },
			replayed: false,
		});
		expect(Object.keys(item.customParameters as object)).toEqual(['a', 'n', 'nested']);
		expect(Object.keys((item.raw as { customParameters: object }).customParameters)).not.toContain(
			'__proto__',
		);
		expect(safeCopy([{ constructor: 1, ok: 2 }])).toEqual([{ ok: 2 }]);
	});

	// Whispir's callback schema (Response.channel) lists sms, email, voice and N/A only; it says
	// nothing of WhatsApp or RCS replies. A channel it does not list passes through unchanged.
	it('passes a channel and content the callback schema does not list through unchanged', () => {
		for (const channel of ['WhatsApp', 'RCS', 'whatsapp']) {
			const item = normaliseDelivery(
				{
					messageid: 'M2',
					responseMessage: {
						channel,
						acknowledged: '09/01/13 13:22',
						content: ' Yes-Button-Payload ',
					},
				},
				{ timeZone: 'UTC', callbackName: 'cb', includeRaw: false },
			);
			expect(item).toMatchObject({ event: 'reply', messageId: 'M2', channel });
			expect(item.content).toBe(
				normaliseDelivery(
					{
						messageid: 'M2',
						responseMessage: {
							channel: 'SMS',
							acknowledged: '09/01/13 13:22',
							content: ' Yes-Button-Payload ',
						},
					},
					{ timeZone: 'UTC', callbackName: 'cb', includeRaw: false },
				).content,
			);
		}
	});
});

describe('safeCopy', () => {
	it('cuts data nested deeper than Whispir ever sends, so nothing downstream exhausts the stack', () => {
		const deep = JSON.parse(`${'['.repeat(100_000)}1${']'.repeat(100_000)}`) as unknown;
		const copy = safeCopy({ a: deep });
		const text = JSON.stringify(copy);
		expect(text.startsWith(`{"a":${'['.repeat(31)}"${TOO_DEEP}"`)).toBe(true);
		// Whispir's own shape (three levels) is copied whole.
		expect(safeCopy({ from: { name: 'A' }, customParameters: { x: [{ y: 'z' }] } })).toEqual({
			from: { name: 'A' },
			customParameters: { x: [{ y: 'z' }] },
		});
	});

	it('gives customParameters of a deep delivery as a string, without a stack overflow', () => {
		const payload = JSON.parse(
			`{"customParameters":{"deep":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}`,
		) as IDataObject;
		const item = normaliseDelivery(payload, {
			timeZone: 'UTC',
			callbackName: 'cb',
			includeRaw: true,
		});
		expect((item.customParameters as IDataObject).deep).toMatch(
			/^\{"a":\{"a":.*"\[nested too deeply\]"\}+$/,
		);
		expect(() => JSON.stringify(item)).not.toThrow();
	});
});

describe('firstDelivery (the duplicate window)', () => {
	const delivery = (content: string) => ({
		event: 'reply',
		messageId: 'M1',
		from: {},
		channel: 'SMS',
		content,
		acknowledged: '02/03/26 10:00',
	});

	it('remembers a delivery for 24 hours, per callback', () => {
		const start = Date.UTC(2026, 2, 2);
		expect(firstDelivery('CB1', delivery('a'), start)).toBe(true);
		expect(firstDelivery('CB1', delivery('a'), start + 23 * 3600_000)).toBe(false);
		expect(firstDelivery('CB2', delivery('a'), start + 23 * 3600_000)).toBe(true);
		expect(firstDelivery('CB1', delivery('a'), start + 48 * 3600_000)).toBe(true);
	});

	it('keeps at most the last 10,000 deliveries, so its memory is bounded', () => {
		const start = Date.UTC(2026, 3, 2);
		expect(firstDelivery('CB3', delivery('first'), start)).toBe(true);
		for (let index = 0; index < DUPLICATE_WINDOW_DELIVERIES - 1; index++)
			firstDelivery('CB3', delivery(String(index)), start + 1);
		expect(firstDelivery('CB3', delivery('first'), start + 2)).toBe(false);
		firstDelivery('CB3', delivery('one more'), start + 3);
		firstDelivery('CB3', delivery('and another'), start + 3);
		expect(firstDelivery('CB3', delivery('0'), start + 4)).toBe(true);
	});
});
