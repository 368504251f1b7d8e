import { describe, expect, it } from 'vitest';

import {
	errorText,
	headerValue,
	idFromUrl,
	readableError,
	withoutApiKeyParameter,
} from '../../nodes/Whispir/transport/responses';

describe('headerValue', () => {
	it('matches header names without regard to case', () => {
		expect(headerValue({ location: 'a' }, 'Location')).toBe('a');
		expect(headerValue({ LOCATION: 'b' }, 'location')).toBe('b');
		expect(headerValue({ 'Set-Cookie': ['c', 'd'] }, 'set-cookie')).toBe('c');
		expect(headerValue({}, 'location')).toBeUndefined();
		expect(headerValue(undefined, 'location')).toBeUndefined();
	});
});

describe('withoutApiKeyParameter', () => {
	it('removes the apikey parameter wherever it stands in a URL', () => {
		expect(withoutApiKeyParameter('https://h/messages/1?apikey=SECRET')).toBe(
			'https://h/messages/1',
		);
		expect(withoutApiKeyParameter('https://h/m?apikey=SECRET&view=summary')).toBe(
			'https://h/m?view=summary',
		);
		expect(withoutApiKeyParameter('https://h/m?view=summary&apikey=SECRET')).toBe(
			'https://h/m?view=summary',
		);
		expect(withoutApiKeyParameter('https://h/m?a=1&apiKey=SECRET&b=2')).toBe('https://h/m?a=1&b=2');
	});

	it('works inside JSON and XML text', () => {
		const json = '{"uri":"https://h/w/1?apikey=SECRET","rel":"self"}';
		expect(withoutApiKeyParameter(json)).toBe('{"uri":"https://h/w/1","rel":"self"}');
		expect(withoutApiKeyParameter('<link uri="https://h/w?apikey=SECRET"/>')).toBe(
			'<link uri="https://h/w"/>',
		);
	});
});

describe('idFromUrl', () => {
	it('takes the last path segment', () => {
		expect(idFromUrl('https://api.au.whispir.com/workspaces/AB12/messages/CD34?apikey=x')).toBe(
			'CD34',
		);
		expect(idFromUrl('/workspaces/AB12/')).toBe('AB12');
		expect(idFromUrl(undefined)).toBeUndefined();
		expect(idFromUrl('https://')).toBeUndefined();
	});
});

describe('errorText', () => {
	it('turns HTML bodies into short plain text', () => {
		expect(errorText('<h1>Developer Inactive</h1>')).toBe('Developer Inactive');
		expect(errorText('{"errorSummary":"bad"}')).toBe('{"errorSummary":"bad"}');
		expect(errorText('x'.repeat(600)).length).toBe(501);
		expect(errorText('')).toBe('');
	});
});

describe('readableError', () => {
	it("puts Whispir's documented ApiError into one sentence: text, summary, (detail)", () => {
		expect(
			readableError(
				JSON.stringify({
					errorSummary: 'Your request was malformed and could not be processed by the server.',
					errorText: 'Bad Request',
					errorDetail: 'java.io.EOFException: No content to map to Object due to end of input',
				}),
			),
		).toBe(
			'Bad Request: Your request was malformed and could not be processed by the server. (java.io.EOFException: No content to map to Object due to end of input)',
		);
		expect(readableError('{"errorSummary":"","errorText":"Forbidden","errorDetail":""}')).toBe(
			'Forbidden',
		);
	});

	it("reads Whispir's older errors that carry only some of the fields", () => {
		expect(readableError('{"errorSummary":"bad"}')).toBe('bad');
		expect(readableError('{"errorText":"Not Found","errorDetail":"no such id"}')).toBe(
			'Not Found (no such id)',
		);
	});

	it('reads the ApiErrorNextGen of newer services: message (detail)', () => {
		expect(
			readableError(
				'{"status":400,"message":"Client specified an invalid argument","detail":"codeLength must be <= 15"}',
			),
		).toBe('Client specified an invalid argument (codeLength must be <= 15)');
	});

	it('leaves every other body as it was', () => {
		for (const body of [
			'<h1>Developer Inactive</h1>',
			'Service Unavailable',
			'{"status":"1 to 20 of 873"}',
			'[1,2]',
			'{"errorText":""}',
			'{"workspaces":[{"id"',
		])
			expect(readableError(body)).toBe(body);
	});
});
