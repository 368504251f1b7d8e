// Whispir Trigger: catch-up and duplicate deliveries, over real HTTP against the sandbox. A "restart"
// here is what it is in n8n: a new process, i.e. freshly loaded node modules (vi.resetModules) whose
// memory is empty, on the same address, with the workflow's static data as n8n stored it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { WebhookTriggerHarness } from '../harness';
import type { LoggedRequest } from '../sandbox/server';
import { startTestBed, type WhispirTestBed } from './support';

const TRIGGER = 'n8n-nodes-whispir.whispirTrigger';
const CALLBACK_NAME = 'Helpdesk replies';

let bed: WhispirTestBed;
let trigger: WebhookTriggerHarness | undefined;
/** n8n keeps its address across restarts. */
const ports = new Map<WebhookTriggerHarness, number>();

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());
afterEach(async () => {
	vi.useRealTimers();
	await trigger?.stop();
});

/** The trigger's node type as a newly started n8n process loads it: its module memory is empty. */
async function freshNodeType(): Promise<INodeType> {
	vi.resetModules();
	const { WhispirTrigger } = await import('../../nodes/WhispirTrigger/WhispirTrigger.node');
	return new WhispirTrigger();
}

async function startN8n(
	parameters: INodeParameters,
	port?: number,
): Promise<WebhookTriggerHarness> {
	trigger = new WebhookTriggerHarness({
		nodeType: TRIGGER,
		nodeTypes: { [TRIGGER]: await freshNodeType() },
		credentialTypes: { whispirApi: new WhispirApi() },
		credentials: { whispirApi: bed.credentials.whispirApi },
		parameters: {
			events: ['reply', 'undeliverable'],
			...parameters,
			options: { callbackName: CALLBACK_NAME, ...(parameters.options as object) },
		},
		port,
	});
	await trigger.start();
	ports.set(trigger, Number(new URL(trigger.baseUrl).port));
	return trigger;
}

/** n8n stopped, then started again as a new process; `activation` is how that n8n brings the workflow back. */
async function restart(
	before: WebhookTriggerHarness,
	parameters: INodeParameters,
	activation: 'init' | 'republish',
): Promise<WebhookTriggerHarness> {
	await before.stop();
	const after = await startN8n(parameters, ports.get(before));
	after.staticData = before.staticData;
	if (activation === 'init') await after.activate('init');
	else after.republish();
	return after;
}

/** Activates, then n8n is down while the reply "one" (ticket T-1) fails at Whispir, then n8n 2.40 starts again. */
async function missReplyOneAcrossRestart(
	parameters: INodeParameters = {},
): Promise<WebhookTriggerHarness> {
	const before = await startN8n(parameters);
	await before.activate();
	const missed = await send('T-1');
	await before.stop();
	await reply(missed, 'one');
	return await restart(before, parameters, 'republish');
}

async function control(path: string, body: object): Promise<void> {
	const response = await fetch(`${bed.sandbox.url}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status, await response.text()).toBe(200);
}

/** A message sent with the trigger's callback and a callback parameter; returns its id. */
async function send(ticket: string): Promise<string> {
	const { sandbox } = bed;
	const response = await fetch(`${sandbox.url}/messages?apikey=${sandbox.credentials.apiKey}`, {
		method: 'POST',
		headers: {
			'x-api-key': sandbox.credentials.apiKey,
			Authorization: `Basic ${Buffer.from(`${sandbox.credentials.username}:${sandbox.credentials.password}`).toString('base64')}`,
			'Content-Type': 'application/vnd.whispir.message-v1+json',
			Accept: 'application/vnd.whispir.message-v1+json',
		},
		body: JSON.stringify({
			to: '61400000001',
			subject: 'Ticket',
			body: 'Reply YES',
			callbackId: CALLBACK_NAME,
			callbackParameters: { ticket },
		}),
	});
	expect(response.status).toBe(202);
	return response.headers.get('location')!.split('?')[0].split('/').pop()!;
}

const reply = async (messageId: string, content: string) =>
	await control('/messages/reply', { messageId, content });

const callsRequests = () =>
	bed.sandbox.log.filter((request: LoggedRequest) => request.path.endsWith('/calls'));
const outputs = (t: WebhookTriggerHarness) =>
	t.executions.map((execution) =>
		execution.items.map((item) => [item.json.content, item.json.replayed]),
	);

async function callStatuses(): Promise<string[]> {
	const [callback] = await bed.sandbox.state('callbacks');
	return (await bed.sandbox.state('calls', undefined, String(callback.id))).map((call) =>
		String(call.status),
	);
}

/** Posts `body` to the trigger's webhook with its key, as Whispir does. */
async function deliver(
	t: WebhookTriggerHarness,
	body: object,
): Promise<{ status: number; json: unknown }> {
	const state = t.staticData['node:Whispir Trigger'] as { production: { callbackKey: string } };
	const response = await fetch(t.webhookUrl(), {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			'X-Whispir-Callback-Key': state.production.callbackKey,
		},
		body: JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

describe('Whispir Trigger: catch-up, however n8n brings the workflow back', () => {
	for (const activation of ['init', 'republish'] as const) {
		it(`${activation === 'init' ? 'checkExists at start-up (n8n 2.8, 2.40 without publication service)' : 'no lifecycle method at start-up (n8n 2.40 publication service)'}: the first delivery replays what failed, once`, async () => {
			const before = await startN8n({});
			await before.activate();
			const missed = [await send('T-1'), await send('T-2')];
			await before.stop();
			await reply(missed[0], 'one');
			await control('/messages/undeliverable', {
				messageId: missed[1],
				reason: 'Number disconnected',
			});
			expect(await callStatuses()).toEqual(['FAILED', 'FAILED']);

			const after = await restart(before, {}, activation);
			bed.sandbox.clearLog();
			await reply(await send('T-3'), 'three');
			expect(outputs(after)).toEqual([
				[
					['one', true],
					['Number disconnected', true],
					['three', false],
				],
			]);
			expect(after.executions[0].items[1].json).toMatchObject({
				event: 'undeliverable',
				messageId: missed[1],
				callId: expect.any(String),
			});
			expect(await callStatuses()).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
			expect(callsRequests().map((request) => request.method)).toEqual(['GET', 'PUT']);
			expect(callsRequests()[1]).toMatchObject({ body: { status: 'SUCCESS' }, status: 204 });
			expect(after.executions[0].items[0].json).toMatchObject({
				messageId: missed[0],
				callbackName: CALLBACK_NAME,
			});

			// Steady state: the next delivery costs no request to Whispir and replays nothing.
			bed.sandbox.clearLog();
			await reply(await send('T-4'), 'four');
			expect(outputs(after)[1]).toEqual([['four', false]]);
			expect(callsRequests()).toEqual([]);
		});
	}

	it('looks again at most every 15 minutes while deliveries arrive, and finds calls that failed while n8n was up', async () => {
		// A clock that runs, started ahead of the real one: the key's rate limiter (module state, shared with
		// the other tests of this file) must not see its earlier requests as being in the future.
		const start = Math.ceil(Date.now() / 3_600_000 + 24) * 3_600_000;
		const at = (minutes: number) => new Date(start + minutes * 60_000);
		vi.useFakeTimers({ toFake: ['Date'], now: at(0), shouldAdvanceTime: true });
		const t = await startN8n({});
		await t.activate();
		await reply(await send('T-1'), 'one');
		expect(callsRequests()).toEqual([]);

		// A delivery fails although n8n is up (e.g. a proxy in front of it answered 502).
		await t.stop();
		const lost = await send('T-2');
		await reply(lost, 'lost');
		await t.start();

		vi.setSystemTime(at(14));
		await reply(await send('T-3'), 'three');
		expect(callsRequests()).toEqual([]);
		vi.setSystemTime(at(15.5));
		await reply(await send('T-4'), 'four');
		expect(callsRequests().map((request) => request.method)).toEqual(['GET', 'PUT']);
		expect(outputs(t).at(-1)).toEqual([
			['lost', true],
			['four', false],
		]);
	});

	it('a delivery still runs when Whispir cannot be asked for missed ones; the next delivery asks again', async () => {
		const after = await missReplyOneAcrossRestart();

		bed.sandbox.injectFault({ type: 'status', status: 400, method: 'GET', path: '/callbacks/' });
		await reply(await send('T-2'), 'two');
		expect(outputs(after)).toEqual([[['two', false]]]);
		expect(await callStatuses()).toEqual(['FAILED', 'SUCCESS']);

		await reply(await send('T-3'), 'three');
		expect(outputs(after)[1]).toEqual([
			['one', true],
			['three', false],
		]);
	});

	it('with Catch Up off (also as the text "false" from an expression), nothing is read or replayed', async () => {
		const parameters = { options: { catchUp: '={{ "false" }}' } };
		const after = await missReplyOneAcrossRestart(parameters);
		bed.sandbox.clearLog();
		await reply(await send('T-2'), 'two');
		expect(outputs(after)).toEqual([[['two', false]]]);
		expect(callsRequests()).toEqual([]);
		expect(await callStatuses()).toEqual(['FAILED', 'SUCCESS']);
	});
});

describe('Whispir Trigger: the same delivery runs once', () => {
	it('200 copies of one delivery start one execution; each copy is acknowledged with 200', async () => {
		const t = await startN8n({});
		await t.activate();
		const delivery = {
			messageid: 'ABC4857BCCF484575FCA',
			from: { name: 'Fred', mobile: '61400000001' },
			responseMessage: { channel: 'SMS', acknowledged: '02/03/26 10:00', content: 'YES' },
			customParameters: { ticket: 'T-1' },
		};
		const answers = await Promise.all(
			Array.from({ length: 200 }, async () => await deliver(t, delivery)),
		);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(t.executions).toHaveLength(1);
		expect(
			answers.filter((answer) => JSON.stringify(answer.json).includes('already handled')),
		).toHaveLength(199);
		expect(
			answers.filter((answer) => JSON.stringify(answer.json).includes('Workflow was started')),
		).toHaveLength(1);

		// Another content, time or message is another delivery.
		await deliver(t, {
			...delivery,
			responseMessage: { ...delivery.responseMessage, content: 'NO' },
		});
		await deliver(t, {
			...delivery,
			responseMessage: { ...delivery.responseMessage, acknowledged: '02/03/26 10:01' },
		});
		await deliver(t, { ...delivery, messageid: 'ABC4857BCCF484575FCB' });
		expect(t.executions).toHaveLength(4);
	});

	it('a failed call that Whispir retries after a restart comes out once, as the delivery with its custom parameters', async () => {
		const after = await missReplyOneAcrossRestart();

		// Whispir's own retry (about 5 minutes later) is the first delivery after the restart.
		await control('/callbacks/retry', {});
		expect(after.executions.map((execution) => execution.items.map((item) => item.json))).toEqual([
			[
				expect.objectContaining({
					content: 'one',
					replayed: false,
					customParameters: expect.objectContaining({ ticket: 'T-1' }),
				}),
			],
		]);
		expect(await callStatuses()).toEqual(['SUCCESS']);
	});

	it('a call replayed by catch-up and later retried by Whispir runs once', async () => {
		const after = await missReplyOneAcrossRestart();
		await reply(await send('T-2'), 'two');
		const [replayed] = after.executions[0].items.map((item) => item.json);
		expect(replayed).toMatchObject({ content: 'one', replayed: true });

		// Whispir's retry of that call (sent before it saw the SUCCESS mark) carries the custom parameters.
		const retry = await deliver(after, {
			messageid: replayed.messageId,
			messagelocation: replayed.messageUrl,
			from: replayed.from,
			responseMessage: {
				channel: replayed.channel,
				acknowledged: replayed.acknowledged,
				content: 'one',
			},
			customParameters: { ticket: 'T-1' },
		});
		expect(retry).toEqual({
			status: 200,
			json: { message: 'Received; this delivery was already handled' },
		});
		expect(after.executions).toHaveLength(1);
	});
});
