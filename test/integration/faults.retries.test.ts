// Fault injection beyond the table of faults.test.ts: faults that last (retries run out), a daily
// quota used up mid-run, and a real burst over the sandbox gateway's per-second limit. Each test has
// a sandbox of its own, so they run at the same time.
import { NodeApiError, type INodeExecutionData, type INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { HANG_MS, type FaultRow } from './faults/faultRows';
import { credentialsOf, requestsTo } from './faults/operationColumns';
import { WHISPIR, withTestBed, type WhispirTestBed } from './support';

const settledAfter = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe.concurrent('fault injection: lasting faults, quotas and bursts', () => {
	/** A bed of its own for each test, so that they can run at the same time. */
	const withBed = withTestBed;
	const runWith = async (
		bed: WhispirTestBed,
		parameters: INodeParameters,
		items: INodeExecutionData[] = [{ json: {} }],
		continueOnFail = false,
	) =>
		await bed.harness.runNode({
			nodeType: WHISPIR,
			parameters,
			items,
			continueOnFail,
			credentials: credentialsOf(bed),
		});

	const lasting: Array<[string, FaultRow['spec'], string, RegExp]> = [
		['503', { type: 'status', status: 503 }, '503', /^Whispir had a server error \(503\)$/],
		['a hang', { type: 'delay', delayMs: HANG_MS }, '', /^Whispir did not answer in time$/],
		['connection resets', { type: 'reset-before-body' }, '', /^The connection to Whispir failed$/],
		[
			'HTML pages in a 200',
			{ type: 'html-200' },
			'',
			/^Whispir answered with something that is not the expected JSON$/,
		],
	];
	for (const [name, spec, httpCode, message] of lasting) {
		it(`a GET that keeps meeting ${name} is tried 4 times, then fails with a clear NodeApiError`, async () => {
			await withBed(async (bed) => {
				const [id] = bed.sandbox.seed('contacts', [{ firstName: 'Jo', lastName: 'Citizen' }]);
				bed.sandbox.injectFault({ ...spec, method: 'GET', times: 10 });
				const { error } = await runWith(bed, {
					resource: 'contact',
					operation: 'get',
					contactId: { __rl: true, mode: 'id', value: id },
				});
				expect(error).toBeInstanceOf(NodeApiError);
				expect(error?.message).toMatch(message);
				expect((error as NodeApiError).description).toMatch(
					/Tried 4 times without success; try again later\./,
				);
				expect((error as NodeApiError).httpCode ?? '').toBe(httpCode);
				// A hung request is logged when the sandbox answers it, after the node gave up on it.
				await settledAfter(HANG_MS);
				expect(requestsTo(bed, { method: 'GET', path: `/contacts/${id}` })).toHaveLength(4);
			});
		}, 20_000);
	}

	it('a send that meets a 500 is a NodeApiError with its status, saying the message may have been sent', async () => {
		await withBed(async (bed) => {
			bed.sandbox.injectFault({ type: 'status', status: 500, method: 'POST', path: '/messages' });
			const { error } = await runWith(bed, {
				resource: 'message',
				operation: 'send',
				to: '61423456789',
				subject: 'S',
				body: 'B',
			});
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error?.message).toBe(
				'Whispir had a server error (500); the message may have been sent',
			);
			expect((error as NodeApiError).description).toMatch(
				/Check in Whispir before running it again, or it may happen twice\./,
			);
			expect((error as NodeApiError).httpCode).toBe('500');
			expect(requestsTo(bed, { method: 'POST', path: '/messages' })).toHaveLength(1);
		});
	});

	it('a daily quota used up mid-run fails each remaining item at once, with one request each', async () => {
		await withBed(async (bed) => {
			bed.sandbox.configure({ rateLimit: { perDay: 1 } });
			const { items, error } = await runWith(
				bed,
				{
					resource: 'message',
					operation: 'send',
					to: '={{ $json.phone }}',
					subject: 'S',
					body: 'B',
				},
				['61400000001', '61400000002', '61400000003'].map((phone) => ({ json: { phone } })),
				true,
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.error ?? 'sent')).toEqual([
				'sent',
				'The Whispir API key has used up its daily request quota',
				'The Whispir API key has used up its daily request quota',
			]);
			expect(
				requestsTo(bed, { method: 'POST', path: '/messages' }).map(
					(request) => request.errorCode ?? request.status,
				),
			).toEqual([202, 'ERR_403_DEVELOPER_OVER_QPD', 'ERR_403_DEVELOPER_OVER_QPD']);
			expect(await bed.sandbox.state('messages')).toHaveLength(1);
		});
	});

	it("a burst over Whispir's per-second limit is refused at the gateway, waited out and sent exactly once per item", async () => {
		await withBed(async (bed) => {
			// Whispir allows 2 per second; the credential claims far more, as a misconfigured one would.
			bed.sandbox.configure({ rateLimit: { perSecond: 2 } });
			const phones = Array.from({ length: 5 }, (_, index) => ({
				json: { phone: `6140000000${index}` },
			}));
			const { items, error } = await runWith(
				bed,
				{
					resource: 'message',
					operation: 'send',
					to: '={{ $json.phone }}',
					subject: 'S',
					body: 'B',
				},
				phones,
				true,
			);
			expect(error).toBeUndefined();
			expect(items.filter((item) => item.json.error === undefined)).toHaveLength(5);
			const posts = requestsTo(bed, { method: 'POST', path: '/messages' });
			expect(
				posts.filter((request) => request.errorCode === 'ERR_403_DEVELOPER_OVER_QPS').length,
			).toBeGreaterThan(0);
			expect(posts.filter((request) => request.status === 202)).toHaveLength(5);
			expect((await bed.sandbox.state('messages')).map((message) => message.to).sort()).toEqual(
				phones.map((phone) => phone.json.phone),
			);
		});
	}, 20_000);
});
