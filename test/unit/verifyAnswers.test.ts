import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { readCheckAnswer } from '../../nodes/Whispir/actions/verify/checkAnswer';
import { secretScrubbers } from '../../nodes/Whispir/transport/connection';
import { readAnswer } from '../../nodes/Whispir/transport/responses';

const INVALID = 'Client specified an invalid argument, request body or query param';

describe('readCheckAnswer (verifyCodeCreate)', () => {
	it('counts only an explicit verified or approved status as verified', () => {
		expect(readCheckAnswer(200, { status: 'verified' })).toEqual({ verified: true });
		expect(readCheckAnswer(200, { status: 'APPROVED' })).toEqual({ verified: true });
		// The spec's own example answer: still pending, so the code did not match.
		expect(readCheckAnswer(200, { status: 'pending' })).toEqual({
			verified: false,
			reason: 'wrongCode',
		});
		expect(readCheckAnswer(200, {})).toEqual({ verified: false, reason: 'wrongCode' });
		expect(readCheckAnswer(200, { status: 'expired' })).toEqual({
			verified: false,
			reason: 'expired',
		});
		expect(readCheckAnswer(200, { status: 'max_attempts_reached' })).toEqual({
			verified: false,
			reason: 'tooManyAttempts',
		});
		// Not a status we can read: neither verified nor taken for a wrong code.
		expect(readCheckAnswer(200, { status: 'canceled' })).toEqual({
			verified: false,
			reason: 'unrecognisedStatus',
		});
	});

	it('reads 400s about the code as answers, and leaves other 400s as failures', () => {
		const said = (detail: string) =>
			readCheckAnswer(400, { status: 400, message: INVALID, detail });
		expect(said('The code has expired')).toEqual({ verified: false, reason: 'expired' });
		expect(said('Too many attempts')).toEqual({ verified: false, reason: 'tooManyAttempts' });
		expect(said('Invalid code')).toEqual({ verified: false, reason: 'wrongCode' });
		expect(said('The OTP does not match')).toEqual({ verified: false, reason: 'wrongCode' });
		expect(said('Error in parameter "code", must be a string.')).toBeUndefined();
		expect(said('The authenticationId is no longer valid')).toBeUndefined();
		expect(said('The access token has expired')).toBeUndefined();
		expect(said('Maximum verification attempts reached')).toEqual({
			verified: false,
			reason: 'tooManyAttempts',
		});
	});

	it("reads the spec's 404 example as notFound, and no other status as an answer", () => {
		const detail = 'OTP Record FgOzgoe6YAEaWPDW1PDKi associated with +6390756529232 does not exist';
		expect(readCheckAnswer(404, { status: 404, detail })).toEqual({
			verified: false,
			reason: 'notFound',
		});
		expect(readCheckAnswer(404, { status: 404, detail: 'Not found: /otp/x' })).toBeUndefined();
		expect(readCheckAnswer(401, { detail: 'The code has expired' })).toBeUndefined();
	});
});

describe('readAnswer with isAnswer', () => {
	const scrubbers = secretScrubbers({ apiKey: 'k-123456', username: 'u', password: 'p-123456' });
	const read = (statusCode: number, headers: Record<string, string> = {}) =>
		readAnswer(
			{
				statusCode,
				headers: { 'Content-Type': 'application/json', ...headers },
				body: JSON.stringify({ status: statusCode, detail: 'The code has expired' }),
			} as IN8nHttpFullResponse,
			{ isAnswer: () => true },
			scrubbers,
		);

	it('returns a client error the operation reads as an answer', () => {
		expect(read(400)).toMatchObject({
			response: { statusCode: 400, body: { detail: 'The code has expired' } },
		});
	});

	it('never turns a rate refusal or a server error into an answer', () => {
		expect(read(429)).toHaveProperty('failure');
		expect(read(403, { 'X-Error-Code': 'ERR_403_DEVELOPER_OVER_QPS' })).toHaveProperty('failure');
		expect(read(500)).toHaveProperty('failure');
	});
});
