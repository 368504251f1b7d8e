import type { IN8nHttpFullResponse } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { secretScrubbers } from '../../nodes/Whispir/transport/connection';
import { readAnswer } from '../../nodes/Whispir/transport/responses';

const scrubbers = secretScrubbers({
	apiKey: 'the-api-key-123',
	username: 'the.user',
	password: 'the-password-456',
});
const answer = (
	statusCode: number,
	body: string,
	headers: Record<string, string> = {},
	notFoundIsEmpty = false,
) =>
	readAnswer({ statusCode, headers, body } as IN8nHttpFullResponse, { notFoundIsEmpty }, scrubbers);

describe('readAnswer', () => {
	it('keeps the 202 plain text of a send, with or without a content type, and the id address', () => {
		const location = 'https://api.au.whispir.com/messages/ABC?apikey=the-api-key-123';
		for (const headers of [{ 'Content-Type': 'text/plain' }, {}] as Array<Record<string, string>>) {
			expect(
				answer(202, 'Your request has been accepted for processing.', {
					...headers,
					Location: location,
				}),
			).toEqual({
				response: expect.objectContaining({
					statusCode: 202,
					body: 'Your request has been accepted for processing.',
					location: 'https://api.au.whispir.com/messages/ABC',
				}),
			});
		}
	});

	it('never calls a 2xx that names the new resource a failure, whatever its body', () => {
		const result = answer(202, 'accepted', {
			'content-type': 'application/vnd.whispir.message-v1+json',
			location: '/messages/ABC',
		});
		expect(result).toMatchObject({
			response: { statusCode: 202, body: 'accepted', location: '/messages/ABC' },
		});
	});

	it('calls an HTML page or cut-off JSON in a 200 unreadable, so a read can be retried', () => {
		expect(
			answer(200, '<html>Service Unavailable</html>', { 'Content-Type': 'text/html' }),
		).toEqual({
			failure: { kind: 'unreadable' },
			whispirText: 'Service Unavailable',
		});
		expect(
			answer(200, '{"workspaces":[{"id"', {
				'Content-Type': 'application/vnd.whispir.workspace-v1+json',
			}),
		).toMatchObject({
			failure: { kind: 'unreadable' },
		});
	});

	it("shows Whispir's JSON error in words, capped, with every secret still removed", () => {
		const body = JSON.stringify({
			errorText: 'Bad Request',
			errorSummary: 'Key the-api-key-123 and the.user:the-password-456 were refused',
			errorDetail: `at https://h/messages?apikey=KEY ${'x'.repeat(600)}`,
		});
		// A JSON escape hides the key from a scrubber that sees only the raw text.
		const result = answer(400, body.replace('KEY', '\\u0074he-api-key-123'), {
			'Content-Type': 'application/json',
		});
		const { whispirText } = result as { whispirText: string };
		expect(whispirText).toMatch(
			/^Bad Request: Key \S+ and \S+ were refused \(at https:\/\/h\/messages\S* x/,
		);
		expect(whispirText).not.toMatch(/the-api-key-123|the-password-456|apikey=/);
		expect(whispirText.length).toBe(501);
	});

	it("removes the API key from successful bodies but leaves the user's data alone", () => {
		const body = JSON.stringify({
			projectName: 'the-password-456 team',
			link: [{ uri: 'https://h/workspaces/1?apikey=the-api-key-123', rel: 'self' }],
		});
		const result = answer(200, body, {
			'Content-Type': 'application/vnd.whispir.workspace-v1+json',
		});
		expect(result).toMatchObject({
			response: {
				body: {
					projectName: 'the-password-456 team',
					link: [{ uri: 'https://h/workspaces/1', rel: 'self' }],
				},
			},
		});
	});

	it('removes both secrets from error texts', () => {
		const result = answer(400, 'Bad auth the-password-456 for key the-api-key-123', {
			'X-Error-Code': 'E1',
		});
		expect(result).toEqual({
			failure: { kind: 'status', statusCode: 400, errorCode: 'E1', retryAfter: undefined },
			whispirText: 'Bad auth *** for key ***',
		});
	});

	it('reads a 404 as empty only when asked to', () => {
		expect(answer(404, 'No records found', {}, true)).toMatchObject({
			response: { statusCode: 404, body: undefined },
		});
		expect(answer(404, 'No records found')).toMatchObject({
			failure: { kind: 'status', statusCode: 404 },
		});
	});
});

describe("Whispir's rate-limit refusals", () => {
	const codeOf = (statusCode: number, body: string, headers: Record<string, string> = {}) => {
		const attempt = answer(statusCode, body, headers);
		return 'failure' in attempt && attempt.failure.kind === 'status'
			? attempt.failure.errorCode
			: 'no failure';
	};

	it('are read from X-Error-Code first', () => {
		expect(codeOf(403, '', { 'X-Error-Code': 'ERR_403_DEVELOPER_OVER_QPD' })).toBe(
			'ERR_403_DEVELOPER_OVER_QPD',
		);
	});

	it.each([
		['<h1>Developer Over Qps</h1>', {}, 'ERR_403_DEVELOPER_OVER_QPS'],
		['<html><body><h1>developer over QPS</h1></body></html>', {}, 'ERR_403_DEVELOPER_OVER_QPS'],
		[
			'',
			{ 'X-Error-Detail': 'Account Over Queries Per Second Limit' },
			'ERR_403_DEVELOPER_OVER_QPS',
		],
		['<h1>Developer Over Rate</h1>', {}, 'ERR_403_DEVELOPER_OVER_QPD'],
		['', { 'X-Error-Detail': 'Account Over Queries Per Day Limit' }, 'ERR_403_DEVELOPER_OVER_QPD'],
	])('are recognised in words without the header: %s %o', (body, headers, code) => {
		expect(codeOf(403, body, headers)).toBe(code);
	});

	it('are not guessed from other answers', () => {
		expect(codeOf(403, '<h1>Developer Inactive</h1>')).toBeUndefined();
		expect(codeOf(400, 'Developer Over Qps')).toBeUndefined();
	});
});
