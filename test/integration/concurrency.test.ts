import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

/** One Send per item, its text naming the item, so every answer can be traced back to its item. */
const sendEach = (count: number, phone: (index: number) => string = () => '61423456789') => ({
	parameters: {
		resource: 'message',
		operation: 'send',
		to: '={{ $json.phone }}',
		subject: 'Load',
		body: '={{ $json.text }}',
	},
	items: Array.from({ length: count }, (_, index) => ({
		json: { phone: phone(index), text: `item ${index}` },
	})),
});

const posts = () =>
	bed.sandbox.log.filter((request) => request.method === 'POST' && request.path === '/messages');
const textOf = (request: { body?: unknown }) => (request.body as { body: string }).body;

/** The most requests the sandbox saw start inside any one-second window (its own clock, its own log). */
function busiestSecond(times: number[]): number {
	return Math.max(
		0,
		...times.map((time) => times.filter((other) => other >= time && other < time + 1000).length),
	);
}

/** Checks that every output item carries the message its own input item sent, paired with that item. */
async function expectEachItemGotItsOwnMessage(
	items: Array<{ json: Record<string, unknown>; pairedItem?: unknown }>,
	{ except }: { except?: number } = {},
) {
	const stored = await bed.sandbox.state('messages');
	const textById = new Map(stored.map((message) => [message.id, String(message.body)]));
	// One output item per send: an empty output would pass the loop below.
	expect(items).toHaveLength(posts().length);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (index !== except) expect(textById.get(String(item.json.id))).toBe(`item ${index}`);
	});
}

describe('pacing', () => {
	it('sends never more than the credential rate in any one-second window, with no rate-limit answer', async () => {
		bed.sandbox.configure({ rateLimit: { perSecond: 10 }, latencyMs: 40 });
		const { parameters, items: input } = sendEach(35);
		const { items, error } = await bed.run(WHISPIR, parameters, {
			items: input,
			requestsPerSecond: 10,
		});

		expect(error).toBeUndefined();
		expect(posts().map((request) => request.status)).toEqual(Array(35).fill(202));
		expect(busiestSecond(posts().map((request) => request.time))).toBeLessThanOrEqual(10);
		await expectEachItemGotItsOwnMessage(items);
	});

	it('reads the pages of Return All concurrently within the same limit', async () => {
		bed.sandbox.seed(
			'workspaces',
			Array.from({ length: 230 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
		);
		bed.sandbox.configure({ rateLimit: { perSecond: 5 }, latencyMs: 300 });
		const { items, error } = await bed.run(
			WHISPIR,
			{ resource: 'workspace', operation: 'getAll', returnAll: true },
			{ requestsPerSecond: 5 },
		);

		expect(error).toBeUndefined();
		const pages = bed.sandbox.log
			.filter((request) => request.path === '/workspaces')
			.sort((x, y) => x.seq - y.seq);
		expect(pages.map((request) => request.status)).toEqual(Array(12).fill(200));
		expect(busiestSecond(pages.map((request) => request.time))).toBeLessThanOrEqual(5);
		// Concurrent: pages reached the sandbox before the page before them was answered (300 ms later).
		expect(pages.slice(1).some((page, k) => page.time - pages[k].time < 300)).toBe(true);
		expect(items.map((item) => item.json.projectName)).toEqual(
			(await bed.sandbox.state('workspaces')).map((workspace) => workspace.projectName),
		);
	});
});

describe('order and pairing', () => {
	it('outputs items in input order, each with its own answer, when answers come back out of order', async () => {
		// Each request waits less than the one before it: the last one sent is answered first. The steps are
		// wider than the spacing of the pace's first burst (a third of 30 per second, 8.5 ms apart).
		for (let index = 0; index < 12; index++) {
			bed.sandbox.injectFault({ type: 'delay', method: 'POST', delayMs: (12 - index) * 60 });
		}
		const { parameters, items: input } = sendEach(12);
		const { items, error } = await bed.run(WHISPIR, parameters, { items: input });

		expect(error).toBeUndefined();
		// The log is in the order answers were made: proof that they really came back out of order.
		const answered = posts().map((request) => request.seq);
		expect(answered).not.toEqual([...answered].sort((a, b) => a - b));
		await expectEachItemGotItsOwnMessage(items);
	});

	it('Return All gives the same records in the same order as following next links', async () => {
		bed.sandbox.seed(
			'workspaces',
			Array.from({ length: 97 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
		);
		for (let index = 0; index < 5; index++) {
			bed.sandbox.injectFault({
				type: 'delay',
				method: 'GET',
				path: '/workspaces',
				delayMs: (5 - index) * 40,
			});
		}
		const concurrent = await bed.run(WHISPIR, {
			resource: 'workspace',
			operation: 'getAll',
			returnAll: true,
		});
		const concurrentPages = bed.sandbox.log.length;
		// 'none': pages without status or links, read one after the other.
		bed.sandbox.configure({ linkStyle: 'none' });
		const sequential = await bed.run(WHISPIR, {
			resource: 'workspace',
			operation: 'getAll',
			returnAll: true,
		});

		expect(concurrentPages).toBe(5);
		expect(concurrent.items.map((item) => item.json)).toEqual(
			sequential.items.map((item) => item.json),
		);
		// 97 and the company's own workspace.
		expect(concurrent.items).toHaveLength(98);
	});

	it('Return All off: reads only the pages the limit needs', async () => {
		bed.sandbox.seed(
			'workspaces',
			Array.from({ length: 97 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
		);
		const { items } = await bed.run(WHISPIR, {
			resource: 'workspace',
			operation: 'getAll',
			returnAll: false,
			limit: 45,
		});
		const stored = await bed.sandbox.state('workspaces');
		expect(items.map((item) => item.json.id)).toEqual(
			stored.slice(0, 45).map((workspace) => workspace.id),
		);
		expect(bed.sandbox.log.map((request) => [request.query.offset, request.query.limit])).toEqual([
			['0', '20'],
			['20', '20'],
			['40', '5'],
		]);
	});
});

describe('failures', () => {
	it('Continue On Fail: one failed send neither stops nor repeats the others', async () => {
		bed.sandbox.injectFault({ type: 'status', status: 500, method: 'POST', path: '/messages' });
		const { parameters, items: input } = sendEach(20);
		const { items, error } = await bed.run(WHISPIR, parameters, {
			items: input,
			continueOnFail: true,
		});

		expect(error).toBeUndefined();
		// Twenty POSTs, the failed one not repeated, and nineteen messages stored.
		expect(posts()).toHaveLength(20);
		expect(await bed.sandbox.state('messages')).toHaveLength(19);
		const failedText = textOf(posts().find((request) => request.status === 500)!);
		const failedIndex = Number(failedText.replace('item ', ''));
		expect(items).toHaveLength(20);
		expect(items[failedIndex].json.error).toMatch(/server error \(500\)/);
		await expectEachItemGotItsOwnMessage(items, { except: failedIndex });
	});

	it('without Continue On Fail: stops at the failed item, starts nothing more, and names what was already sent', async () => {
		// Rate 5: ten items run at once. Item 3 has no recipient, refused before any request.
		const { parameters, items: input } = sendEach(40, (index) =>
			index === 3 ? '' : '61423456789',
		);
		const { error } = await bed.run(WHISPIR, parameters, { items: input, requestsPerSecond: 5 });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(/item 3/);
		const sent = posts().map((request) => Number(textOf(request).replace('item ', '')));
		// The items already running finish; nothing after them starts.
		expect(sent.sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
		expect(error?.description).toMatch(
			/stopped at item 3, but items 0 to 2 and 6 item\(s\) after it \(4, 5, 6, 7, 8, 9\) had already succeeded/,
		);
	});

	it('without Continue On Fail: an API failure is thrown for the lowest failed item', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 500,
			method: 'POST',
			path: '/messages',
			times: 2,
		});
		const { parameters, items: input } = sendEach(6);
		const { error } = await bed.run(WHISPIR, parameters, { items: input });

		expect(error).toBeInstanceOf(NodeApiError);
		const failed = posts()
			.filter((request) => request.status === 500)
			.map((request) => Number(textOf(request).replace('item ', '')));
		expect(failed).toHaveLength(2);
		expect((error as NodeApiError).context.itemIndex).toBe(Math.min(...failed));
	});
});

describe('Item Order: One at a Time', () => {
	it('sends each item after the one before it has been answered, in input order', async () => {
		// Later items would be answered first if they ran side by side.
		for (let index = 0; index < 6; index++) {
			bed.sandbox.injectFault({ type: 'delay', method: 'POST', delayMs: (6 - index) * 25 });
		}
		const { parameters, items: input } = sendEach(6);
		const { items, error } = await bed.run(
			WHISPIR,
			{ ...parameters, itemOrder: 'sequential' },
			{ items: input },
		);

		expect(error).toBeUndefined();
		expect(posts().map((request) => textOf(request))).toEqual(input.map((item) => item.json.text));
		await expectEachItemGotItsOwnMessage(items);
	});

	it('without Continue On Fail: nothing after the failed item is sent', async () => {
		const { parameters, items: input } = sendEach(10, (index) =>
			index === 3 ? '' : '61423456789',
		);
		const { error } = await bed.run(
			WHISPIR,
			{ ...parameters, itemOrder: 'sequential' },
			{ items: input, requestsPerSecond: 5 },
		);

		expect(error?.message).toMatch(/item 3/);
		expect(posts().map((request) => textOf(request))).toEqual(['item 0', 'item 1', 'item 2']);
		expect(error?.description).toMatch(/stopped at item 3, but items 0 to 2 had already succeeded/);
	});
});

describe('operations that run in item order', () => {
	it('two updates of the same contact both land (read-merge-write, one item after the other)', async () => {
		const [id] = bed.sandbox.seed('contacts', [
			{
				firstName: 'Jane',
				lastName: 'Citizen',
				workEmailAddress1: 'jane@example.com',
				workMobilePhone1: '61423456789',
				workCountry: 'Australia',
				timezone: 'Australia/Melbourne',
			},
		]);
		bed.sandbox.configure({ latencyMs: 30 });
		const { error } = await bed.run(
			WHISPIR,
			{
				resource: 'contact',
				operation: 'update',
				contactId: { __rl: true, mode: 'id', value: id },
				// An empty value changes nothing: item 0 sets the job title, item 1 the department.
				updateFields: { jobTitle: '={{ $json.jobTitle }}', department: '={{ $json.department }}' },
			},
			{
				items: [
					{ json: { jobTitle: 'Engineer', department: '' } },
					{ json: { jobTitle: '', department: 'Operations' } },
				],
			},
		);
		expect(error).toBeUndefined();
		const [after] = await bed.sandbox.state('contacts');
		expect(after).toMatchObject({ jobTitle: 'Engineer', department: 'Operations' });
		expect(bed.sandbox.log.map((request) => request.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
	});
});
