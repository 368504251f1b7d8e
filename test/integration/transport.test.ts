import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { leaveOutOfContract } from '../contract/record';
import { PROBE, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const probe = (parameters: INodeParameters, options: Parameters<WhispirTestBed['run']>[2] = {}) =>
	bed.run(PROBE, parameters, options);
const requestsTo = (path: string) => bed.sandbox.log.filter((request) => request.path === path);

describe('pagination', () => {
	it('follows next links in every style Whispir uses', async () => {
		bed.sandbox.seed(
			'workspaces',
			Array.from({ length: 49 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
		);
		// 'none': pages with neither links nor status, as in Whispir's workspaces example.
		for (const linkStyle of ['absolute', 'relative', 'single', 'none'] as const) {
			bed.sandbox.configure({ linkStyle });
			const { items, error } = await probe({ path: '/workspaces', listKey: 'workspaces' });
			expect(error).toBeUndefined();
			expect(
				new Set((items[0].json.items as Array<{ id: string }>).map((item) => item.id)).size,
			).toBe(50);
		}
	});

	it('reads the 404 that activities answer for "no data" as an empty list', async () => {
		const { items } = await probe({
			path: '/activities',
			mediaType: 'activity-v1',
			listKey: 'activities',
			notFoundIsEmpty: true,
		});
		expect(items[0].json.items).toEqual([]);
		expect(requestsTo('/activities')[0].status).toBe(404);
	});

	it('reads Whispir\'s 200 "No records found" page as an empty list', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 200,
			headers: { 'Content-Type': 'application/vnd.whispir.workspace-v1+json' },
			body: '{"status":"No records found"}',
		});
		const { items, error } = await probe({ path: '/workspaces', listKey: 'workspaces' });
		expect(error).toBeUndefined();
		expect(items[0].json.items).toEqual([]);
		expect(requestsTo('/workspaces')).toHaveLength(1);
	});

	it('nests workspace-scoped paths under /workspaces/{id}', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Scoped', status: 'A' }]);
		bed.sandbox.seed(
			'activities',
			[{ module: 'Message', action: 'Send', status: 'Successful', description: 'x' }],
			workspaceId,
		);
		const { items } = await probe({
			path: '/activities',
			mediaType: 'activity-v1',
			listKey: 'activities',
			workspaceId,
		});
		expect((items[0].json.items as unknown[]).length).toBe(1);
		expect(bed.sandbox.log.at(-1)?.path).toBe(`/workspaces/${workspaceId}/activities`);
	});
});

describe('created resources', () => {
	it('reads the plain-text 202 a send answers, and its Location', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 202,
			headers: {
				'Content-Type': 'text/plain',
				Location: `${bed.sandbox.url}/messages/ABCDEF0123456789?apikey=${bed.sandbox.credentials.apiKey}`,
			},
			body: 'Your request has been accepted for processing.',
		});
		const { items, error } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: activity,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			statusCode: 202,
			body: 'Your request has been accepted for processing.',
			location: `${bed.sandbox.url}/messages/ABCDEF0123456789`,
		});
	});

	it('takes the id from Location and drops the API key Whispir puts in it', async () => {
		const { items } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: { module: 'Message', action: 'Send', status: 'Successful', description: 'n8n' },
		});
		expect(items[0].json.statusCode).toBe(201);
		expect(items[0].json.location).toMatch(
			new RegExp(`^${bed.sandbox.url}/activities/[0-9A-F]{16}$`),
		);
	});
});

describe('errors say what to fix', () => {
	const cases: Array<[string, () => void, INodeParameters, RegExp, RegExp]> = [
		[
			'a wrong media type (our bug)',
			() => {},
			{ mediaType: 'message-v1' },
			/refused the media type/,
			/bug in the Whispir node/,
		],
		[
			'a permission 403',
			() =>
				bed.sandbox.injectFault({
					type: 'status',
					status: 403,
					body: 'Access denied to this resource',
				}),
			{},
			/refused this request for your user/,
			/lacks the permission for GET \/workspaces.*Access denied to this resource/,
		],
		[
			'a daily quota',
			() => bed.sandbox.configure({ rateLimit: { perDay: 0 } }),
			{},
			/daily request quota/,
			/ERR_403_DEVELOPER_OVER_QPD/,
		],
	];
	for (const [name, arrange, parameters, message, description] of cases) {
		it(name, async () => {
			arrange();
			const { error } = await probe({ path: '/workspaces', ...parameters });
			// The wrong media type is on purpose: Whispir's spec has no say in it.
			if (parameters.mediaType) leaveOutOfContract(bed.sandbox);
			expect(error?.constructor.name).toBe('NodeApiError');
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(description);
		});
	}

	it('a wrong password or a wrong key', async () => {
		for (const [field, expected] of [
			['password', /username or password/],
			['apiKey', /rejected the API key/],
		] as const) {
			const { error } = await bed.harness.runNode({
				nodeType: PROBE,
				parameters: { path: '/workspaces' },
				credentials: {
					whispirApi: { ...bed.credentials.whispirApi, [field]: 'wrong-secret-value' },
				},
			});
			expect(error?.message).toMatch(expected);
		}
	});

	it('a Custom URL credential without a Base URL, before any request', async () => {
		const { error } = await bed.harness.runNode({
			nodeType: PROBE,
			parameters: { path: '/workspaces' },
			credentials: { whispirApi: { ...bed.credentials.whispirApi, baseUrl: ' ' } },
		});
		expect(error?.message).toBe('The Whispir credential has no valid Base URL');
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('never shows the password or the API key, even when Whispir echoes them', async () => {
		const { password, apiKey } = bed.sandbox.credentials;
		bed.sandbox.injectFault({
			type: 'status',
			status: 400,
			body: `Rejected user:${password} key=${apiKey} apikey=${apiKey}`,
		});
		const { error } = await probe({ path: '/workspaces' });
		const shown = JSON.stringify({ message: error?.message, description: error?.description });
		expect(shown).toContain('Rejected user:***');
		expect(shown).not.toContain(password);
		expect(shown).not.toContain(apiKey);
	});

	it('a daily quota fails at once, with one request', async () => {
		bed.sandbox.configure({ rateLimit: { perDay: 0 } });
		const { error } = await probe({ path: '/workspaces' });
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toBe('The Whispir API key has used up its daily request quota');
		expect(requestsTo('/workspaces')).toHaveLength(1);
	});
});

describe('retries', () => {
	it('waits out a 403 over-QPS answer and succeeds', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 403,
			headers: {
				'X-Error-Code': 'ERR_403_DEVELOPER_OVER_QPS',
				'X-Error-Detail': 'Account Over Queries Per Second Limit',
			},
		});
		const { items, error } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: activity,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.statusCode).toBe(201);
		expect(requestsTo('/activities').map((request) => request.status)).toEqual([403, 201]);
	});

	it('keeps sending a refused request, however many refusals, as long as Whispir is answering', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '0' },
			times: 8,
		});
		const { error } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: activity,
		});
		expect(error).toBeUndefined();
		expect(requestsTo('/activities').map((request) => request.status)).toEqual([
			...Array(8).fill(429),
			201,
		]);
		expect(await bed.sandbox.state('activities')).toHaveLength(1);
	});

	it('honours Retry-After on a 429', async () => {
		bed.sandbox.injectFault({ type: 'status', status: 429, headers: { 'Retry-After': '1' } });
		const started = Date.now();
		const { error } = await probe({ path: '/workspaces' });
		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(requestsTo('/workspaces').map((request) => request.status)).toEqual([429, 200]);
	});

	it('repeats a GET after server errors and a connection reset', async () => {
		bed.sandbox.injectFault({ type: 'status', status: 502 });
		bed.sandbox.injectFault({ type: 'reset-before-body' });
		bed.sandbox.injectFault({ type: 'html-200' });
		const { items, error } = await probe({ path: '/workspaces', listKey: 'workspaces' });
		expect(error).toBeUndefined();
		expect((items[0].json.items as unknown[]).length).toBe(1);
		expect(requestsTo('/workspaces')).toHaveLength(4);
	});

	it('never repeats a POST that got a 500: one request, and an error that says so', async () => {
		bed.sandbox.injectFault({ type: 'status', status: 500, method: 'POST' });
		const { error } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: activity,
		});
		expect(error?.message).toBe(
			'Whispir had a server error (500); the record may have been created',
		);
		expect(error?.description).toMatch(/not repeated because Whispir may already have acted on it/);
		expect(requestsTo('/activities')).toHaveLength(1);
	});

	it('never repeats a POST whose connection broke after Whispir processed it', async () => {
		bed.sandbox.injectFault({ type: 'reset-after-processing', method: 'POST' });
		const { error } = await probe({
			method: 'POST',
			path: '/activities',
			mediaType: 'activity-v1',
			body: activity,
		});
		expect(error?.message).toBe(
			'The connection to Whispir failed; the record may have been created',
		);
		expect(requestsTo('/activities')).toHaveLength(1);
		expect(await bed.sandbox.state('activities')).toHaveLength(1);
	});
});

const activity = {
	module: 'Message',
	action: 'Send',
	status: 'Successful',
	description: 'from n8n',
};

describe('pacing', () => {
	/** Asserts that no 1-second window of the sandbox's log holds more than `perSecond` requests. */
	function expectAtMostPerSecond(perSecond: number) {
		const times = requestsTo('/workspaces').map((request) => request.time);
		for (const time of times) {
			expect(
				times.filter((other) => other >= time && other < time + 1000).length,
			).toBeLessThanOrEqual(perSecond);
		}
	}

	it('keeps a burst from several items and parallel requests under 5 per second, with no rate-limit answer', async () => {
		bed.sandbox.configure({ rateLimit: { perSecond: 5 } });
		const { items, error } = await probe(
			{ path: '/workspaces', parallel: 4 },
			{ items: [{ json: {} }, { json: {} }, { json: {} }], requestsPerSecond: 5 },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(12);
		expect(requestsTo('/workspaces').map((request) => request.status)).toEqual(Array(12).fill(200));
		expectAtMostPerSecond(5);
	});

	it('shares the limit between executions running at the same time', async () => {
		bed.sandbox.configure({ rateLimit: { perSecond: 5 } });
		const runs = await Promise.all(
			[0, 1].map(
				async () => await probe({ path: '/workspaces', parallel: 4 }, { requestsPerSecond: 5 }),
			),
		);
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
		expect(requestsTo('/workspaces').map((request) => request.status)).toEqual(Array(8).fill(200));
		expectAtMostPerSecond(5);
	});
});
