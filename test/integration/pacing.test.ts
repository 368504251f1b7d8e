// Adaptive pacing through real executions against the sandbox's gateway: a credential whose Rate Limit
// is higher than the key's, a limit that drops mid-run, Return All under refusals, and how a list that
// finally fails reports its progress. Each test has a sandbox (so a key and a pace) of its own.
import { NodeApiError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PROBE, WHISPIR, withTestBed as withBed, type WhispirTestBed } from './support';

const sends = (count: number) => ({
	parameters: {
		resource: 'message',
		operation: 'send',
		to: '={{ $json.phone }}',
		subject: 'Pace',
		body: '={{ $json.text }}',
	},
	items: Array.from({ length: count }, (_, index) => ({
		json: { phone: `6140${String(index).padStart(7, '0')}`, text: `item ${index}` },
	})),
});

const isRateRefusal = (request: { status: number; errorCode?: string }) =>
	request.status === 429 || request.errorCode === 'ERR_403_DEVELOPER_OVER_QPS';

/** Every item sent exactly once: one accepted POST and one stored message per recipient, none missing. */
async function expectEachSentOnce(bed: WhispirTestBed, count: number) {
	const accepted = bed.sandbox.log.filter(
		(request) => request.path === '/messages' && request.status === 202,
	);
	const recipients = accepted.map((request) => (request.body as { to: string }).to);
	expect(new Set(recipients).size).toBe(count);
	expect(recipients).toHaveLength(count);
	expect(await bed.sandbox.state('messages')).toHaveLength(count);
}

describe('adaptive pacing', () => {
	it("a Rate Limit four times the key's: every item sent once, no failure, refusals only while the pace is found", async () => {
		await withBed(async (bed) => {
			bed.sandbox.configure({ rateLimit: { perSecond: 5 }, latencyMs: 50 });
			const { parameters, items } = sends(40);
			const { items: output, error } = await bed.run(WHISPIR, parameters, {
				items,
				requestsPerSecond: 20,
			});
			expect(error).toBeUndefined();
			expect(output.filter((item) => item.json.error === undefined)).toHaveLength(40);
			await expectEachSentOnce(bed, 40);
			const refusals = bed.sandbox.log.filter(isRateRefusal).length;
			// The old pacing sent at 20 per second and had about three refusals per message sent.
			expect(refusals).toBeGreaterThan(0);
			expect(refusals).toBeLessThan(20);
		});
	}, 60_000);

	it('a key limit that drops mid-run and comes back: no item fails, none is sent twice', async () => {
		await withBed(async (bed) => {
			bed.sandbox.configure({ rateLimit: { perSecond: 10 }, latencyMs: 50 });
			const { parameters, items } = sends(60);
			const run = bed.run(WHISPIR, parameters, { items, requestsPerSecond: 10 });
			// Bounded: the limit goes down once the first messages are in, and back up two seconds later.
			const accepted = () => bed.sandbox.log.filter((request) => request.status === 202).length;
			for (let tries = 0; accepted() < 10 && tries < 300; tries++)
				await new Promise((resolve) => setTimeout(resolve, 20));
			bed.sandbox.changeKeyLimit(3);
			await new Promise((resolve) => setTimeout(resolve, 2000));
			bed.sandbox.changeKeyLimit(10);
			const { items: output, error } = await run;
			expect(error).toBeUndefined();
			expect(output.filter((item) => item.json.error === undefined)).toHaveLength(60);
			await expectEachSentOnce(bed, 60);
			expect(bed.sandbox.log.filter(isRateRefusal).length).toBeGreaterThan(0);
		});
	}, 60_000);

	it('Return All under refusals: every page accepted exactly once, the records in order', async () => {
		await withBed(async (bed) => {
			bed.sandbox.seed(
				'workspaces',
				Array.from({ length: 229 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
			);
			bed.sandbox.configure({ rateLimit: { perSecond: 4 }, latencyMs: 50 });
			const { items, error } = await bed.run(
				WHISPIR,
				{ resource: 'workspace', operation: 'getAll', returnAll: true },
				{ requestsPerSecond: 30 },
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.projectName)).toEqual(
				(await bed.sandbox.state('workspaces')).map((w) => w.projectName),
			);
			const pages = bed.sandbox.log.filter((request) => request.path === '/workspaces');
			expect(pages.some(isRateRefusal)).toBe(true);
			// A refused page is sent again; a page read is never read twice.
			const offsetsRead = pages
				.filter((request) => request.status === 200)
				.map((request) => Number(request.query.offset));
			expect(offsetsRead.sort((a, b) => a - b)).toEqual(
				Array.from({ length: 12 }, (_, page) => page * 20),
			);
		});
	}, 60_000);

	it('a list that finally fails says how far it got', async () => {
		await withBed(async (bed) => {
			bed.sandbox.seed(
				'workspaces',
				Array.from({ length: 99 }, (_, index) => ({ projectName: `W${index}`, status: 'A' })),
			);
			// Page 4 (offset 60) keeps failing: a GET is tried four times, then the list ends with its error.
			bed.sandbox.injectFault({
				type: 'status',
				status: 503,
				method: 'GET',
				path: '/workspaces',
				query: { offset: '60' },
				times: 10,
			});
			const { error } = await bed.run(
				PROBE,
				{ path: '/workspaces', listKey: 'workspaces' },
				{ requestsPerSecond: 1000 },
			);
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe('Whispir had a server error (503)');
			// Pages 1-3 and 5 were read (the other pages run at the same time): 4 of 5, 80 records.
			expect((error as NodeApiError).description).toMatch(
				/The list was read up to this page: 4 of 5 pages, 80 records, none of them output\. Running the node again reads the list from the start\./,
			);
		});
	});

	it("gives up on a refused request at once, with one request, when Whispir's Retry-After is longer than the node waits", async () => {
		await withBed(async (bed) => {
			bed.sandbox.injectFault({ type: 'status', status: 429, headers: { 'Retry-After': '3600' } });
			const { error } = await bed.run(PROBE, { path: '/workspaces' });
			expect(error?.message).toBe(
				'Whispir kept rejecting requests as over the per-second rate limit',
			);
			expect((error as NodeApiError).description).toMatch(
				/^Whispir asked to wait longer than the node waits \(3 minutes\)\./,
			);
			expect(bed.sandbox.log).toHaveLength(1);
		});
	});
});
