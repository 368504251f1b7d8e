import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());

describe('Whispir API credential test', () => {
	it('passes with the right username, password and key', async () => {
		const result = await bed.harness.testCredential('whispirApi', bed.credentials.whispirApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: '/workspaces',
			accept: 'application/vnd.whispir.workspace-v1+json',
			status: 200,
		});
	});

	// n8n 2.8 drops an HTTP error's cause before its credential tester reads it, so the tester
	// never reaches a credential's responseCode rules and shows its own text per status instead.
	// n8n 2.40's n8n-workflow keeps the cause, so there the rules' own messages show (checked by
	// hand in a real n8n 2.40.7; the end-to-end tier is to automate it).
	it('tells a wrong password apart from a wrong API key', async () => {
		const wrongPassword = await bed.harness.testCredential('whispirApi', {
			...bed.credentials.whispirApi,
			password: 'not-the-password',
		});
		const wrongKey = await bed.harness.testCredential('whispirApi', {
			...bed.credentials.whispirApi,
			apiKey: 'not-the-key',
		});
		expect(wrongPassword).toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
		expect(wrongKey).toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});
		expect(bed.sandbox.log.slice(-2).map((request) => request.status)).toEqual([401, 403]);
	});

	it('accepts a Base URL with a trailing slash', async () => {
		const result = await bed.harness.testCredential('whispirApi', {
			...bed.credentials.whispirApi,
			baseUrl: `${bed.sandbox.url}/`,
		});
		expect(result.status).toBe('OK');
	});
});
