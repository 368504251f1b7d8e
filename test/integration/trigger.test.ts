// The Whispir Trigger over real HTTP: the sandbox (playing Whispir) probes and POSTs to a listening
// webhook server that runs the trigger through n8n-core's HookContext and WebhookContext.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { INodeParameters } from 'n8n-workflow';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { WhispirTrigger } from '../../nodes/WhispirTrigger/WhispirTrigger.node';
import { leaveOutOfContract } from '../contract/record';
import { WebhookTriggerHarness } from '../harness';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

const TRIGGER = 'n8n-nodes-whispir.whispirTrigger';
const WORKFLOW_NAME = 'Helpdesk';
// `n8n <workflow> - <node> (<workflow id>)`, cut before the id to Whispir's 50 characters (callbackCreate).
const DEFAULT_NAME = 'n8n Helpdesk - Whispir Trigge (harness-trigger-wf)';

let bed: WhispirTestBed;
let trigger: WebhookTriggerHarness;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());
afterEach(async () => await trigger?.stop());

async function startTrigger(
	parameters: INodeParameters,
	timezone = 'Australia/Sydney',
): Promise<WebhookTriggerHarness> {
	trigger = new WebhookTriggerHarness({
		nodeType: TRIGGER,
		nodeTypes: { [TRIGGER]: new WhispirTrigger() },
		credentialTypes: { whispirApi: new WhispirApi() },
		credentials: { whispirApi: bed.credentials.whispirApi },
		parameters,
		workflowName: WORKFLOW_NAME,
		timezone,
	});
	await trigger.start();
	return trigger;
}

const apiHeaders = () => ({
	'x-api-key': bed.sandbox.credentials.apiKey,
	Authorization: `Basic ${Buffer.from(`${bed.sandbox.credentials.username}:${bed.sandbox.credentials.password}`).toString('base64')}`,
});

/** Sends an SMS straight to the sandbox's API (raw JSON, so that odd keys survive) and returns its id. */
async function sendMessage(json: string): Promise<string> {
	const response = await fetch(
		`${bed.sandbox.url}/messages?apikey=${bed.sandbox.credentials.apiKey}`,
		{
			method: 'POST',
			headers: { ...apiHeaders(), 'Content-Type': 'application/vnd.whispir.message-v1+json' },
			body: json,
		},
	);
	leaveOutOfContract(bed.sandbox);
	expect(response.status).toBe(202);
	return response.headers.get('location')!.split('?')[0].split('/').pop()!;
}

async function control(path: string, body: object): Promise<Record<string, unknown>> {
	const response = await fetch(`${bed.sandbox.url}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	const json = (await response.json()) as Record<string, unknown>;
	expect(response.status, JSON.stringify(json)).toBe(200);
	return json;
}

const sms = (callbackName: string, extra = '') =>
	`{"to":"61400000001","subject":"Ticket","body":"Reply YES to confirm","callbackId":${JSON.stringify(callbackName)}${extra}}`;

const productionState = (t: WebhookTriggerHarness) =>
	t.staticData['node:Whispir Trigger'] as Record<string, Record<string, unknown>>;

describe('Whispir Trigger: activation', () => {
	it("creates its callback after Whispir's GET probe got a 200, with a fresh key in a header", async () => {
		const t = await startTrigger({ events: ['reply', 'undeliverable'] });
		await t.activate();

		expect(t.hits[0]).toMatchObject({ method: 'GET', status: 200, executed: false });
		const post = bed.sandbox.log.find(
			(request) => request.method === 'POST' && request.path === '/callbacks',
		);
		expect(post).toMatchObject({
			status: 201,
			contentType: 'application/vnd.whispir.api-callback-v1+json',
			body: {
				name: DEFAULT_NAME,
				url: t.webhookUrl(),
				contentType: 'json',
				retriesEnabled: 'true',
				removeHTML: 'disabled',
				callbacks: { reply: 'enabled', undeliverable: 'enabled' },
				auth: { type: 'httpheader' },
			},
		});
		const key = (post!.body as { auth: { key: string } }).auth.key;
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		const [stored] = await bed.sandbox.state('callbacks');
		expect(productionState(t).production).toMatchObject({
			callbackId: stored.id,
			callbackKey: key,
			callbackName: DEFAULT_NAME,
		});
	});

	it('reads switches set by an expression as the text "true" or "false"', async () => {
		const t = await startTrigger({
			events: ['reply'],
			options: {
				removeHtml: '={{ "true" }}',
				retriesEnabled: '={{ "false" }}',
				includeRaw: '={{ "true" }}',
			},
		});
		await t.activate();
		const post = bed.sandbox.log.find(
			(request) => request.method === 'POST' && request.path === '/callbacks',
		);
		expect(post?.body).toMatchObject({ removeHTML: 'enabled', retriesEnabled: 'false' });
		await control('/messages/reply', {
			messageId: await sendMessage(sms(DEFAULT_NAME)),
			content: 'hi',
		});
		expect(t.executions[0].items[0].json.raw).toMatchObject({ responseMessage: { content: 'hi' } });
	});

	it('refuses to take over a callback of the same name that points elsewhere, naming it', async () => {
		bed.sandbox.seed('callbacks', [
			{
				name: 'Ops replies',
				url: 'https://elsewhere.example/hook',
				auth: { type: 'httpheader', key: 'x' },
				callbacks: {},
			},
		]);
		const t = await startTrigger({ events: ['reply'], options: { callbackName: 'Ops replies' } });
		await expect(t.activate()).rejects.toThrow(
			/A Whispir callback named "Ops replies" already exists \(ID [0-9A-F]+, URL https:\/\/elsewhere\.example\/hook\)/,
		);
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(0);
		const [kept] = await bed.sandbox.state('callbacks');
		expect(kept.url).toBe('https://elsewhere.example/hook');
	});

	it("moves its callback to n8n's new webhook URL in place (callbackUpdate), keeping its ID and key", async () => {
		const before = await startTrigger({ events: ['reply'] });
		await before.activate();
		const [registered] = await bed.sandbox.state('callbacks');
		const key = String(productionState(before).production.callbackKey);
		const staticData = structuredClone(before.staticData);
		await before.stop();
		// n8n comes back at another address (N8N_WEBHOOK_URL changed) with the workflow's static data.
		const after = await startTrigger({ events: ['reply'] });
		after.staticData = staticData;
		expect(after.webhookUrl()).not.toBe(registered.url);
		bed.sandbox.clearLog();
		await after.activate('init');

		expect(bed.sandbox.log.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /callbacks/${registered.id}`,
			`PUT /callbacks/${registered.id}`,
		]);
		expect(bed.sandbox.log[1]).toMatchObject({
			status: expect.any(Number),
			body: { url: after.webhookUrl(), auth: { type: 'httpheader', key } },
		});
		expect(bed.sandbox.log[1].status).toBeLessThan(300);
		// Whispir probed the new URL before it took it (the sandbox does, as on creation).
		expect(after.hits[0]).toMatchObject({ method: 'GET', status: 200, executed: false });
		const [moved] = await bed.sandbox.state('callbacks');
		expect(moved).toMatchObject({ id: registered.id, url: after.webhookUrl() });
		expect(productionState(after).production).toMatchObject({
			callbackId: registered.id,
			callbackKey: key,
		});
		await control('/messages/reply', {
			messageId: await sendMessage(sms(DEFAULT_NAME)),
			content: 'moved',
		});
		expect(after.executions.map((execution) => execution.items[0].json.content)).toEqual(['moved']);
	});

	it('fails activation with the reason when Whispir cannot reach the webhook', async () => {
		const t = await startTrigger({ events: ['reply'] });
		const url = t.webhookUrl();
		await t.stop();
		await expect(t.activate()).rejects.toThrow(/Whispir refused the callback/);
		expect(
			bed.sandbox.log.find((request) => request.method === 'POST' && request.path === '/callbacks'),
		).toMatchObject({
			status: 400,
			body: { url },
		});
		expect(await bed.sandbox.state('callbacks')).toHaveLength(0);
		expect(productionState(t).production).toEqual({});
	});

	it('deactivation deletes the callback; later deliveries find no webhook', async () => {
		const t = await startTrigger({ events: ['reply'] });
		await t.activate();
		const [callback] = await bed.sandbox.state('callbacks');
		const key = String(productionState(t).production.callbackKey);
		await t.deactivate();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/callbacks/${callback.id}`,
			status: 204,
		});
		expect(await bed.sandbox.state('callbacks')).toHaveLength(0);
		expect(productionState(t).production).toEqual({});
		const late = await fetch(t.webhookUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Whispir-Callback-Key': key },
			body: JSON.stringify({
				messageid: 'M1',
				responseMessage: { channel: 'SMS', acknowledged: '01/02/26 10:00', content: 'hi' },
			}),
		});
		expect(late.status).toBe(404);
		expect(t.executions).toHaveLength(0);
	});

	it('deactivation of a callback someone already deleted at Whispir is not an error', async () => {
		const t = await startTrigger({ events: ['reply'] });
		await t.activate();
		const [callback] = await bed.sandbox.state('callbacks');
		const removed = await bed.run(WHISPIR, {
			resource: 'callback',
			operation: 'delete',
			callbackId: { __rl: true, mode: 'id', value: callback.id },
		});
		expect(removed.error).toBeUndefined();
		await t.deactivate();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/callbacks/${callback.id}`,
			status: 404,
		});
		expect(productionState(t).production).toEqual({});
	});
});

describe('Whispir Trigger: deliveries', () => {
	it('turns a reply to a message sent with its callback name (Message → Send) into one normalised item', async () => {
		const t = await startTrigger({ events: ['reply', 'undeliverable'] });
		await t.activate();
		const sent = await bed.run(WHISPIR, {
			resource: 'message',
			operation: 'send',
			to: '61400000001',
			subject: 'Ticket T-42',
			body: 'Reply YES to confirm',
			options: {
				callback: { __rl: true, mode: 'name', value: DEFAULT_NAME },
				callbackParameters: { parameter: [{ key: 'ticketId', value: 'T-42' }] },
			},
		});
		expect(sent.error).toBeUndefined();
		const messageId = String(sent.items[0].json.id);

		await control('/messages/reply', { messageId, content: 'YES' });

		expect(t.executions).toHaveLength(1);
		const [item] = t.executions[0].items;
		expect(item.json).toMatchObject({
			event: 'reply',
			messageId,
			messageUrl: `${bed.sandbox.url}/messages/${messageId}`,
			from: { mobile: '61400000001' },
			channel: 'SMS',
			content: 'YES',
			customParameters: { ticketId: 'T-42', matchedCategory: 'notmatched' },
			callbackName: DEFAULT_NAME,
			replayed: false,
		});
		// Whispir's dd/MM/yy HH:mm is the account's wall clock (the sandbox's is UTC); the trigger reads it
		// in the workflow's timezone, here Sydney (UTC+10, or +11 in summer).
		const stamp = String(item.json.acknowledged);
		expect(stamp).toMatch(/^\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
		const [dd, mm, yy, hh, mi] = stamp.split(/[/ :]/).map(Number);
		const hoursAhead =
			(Date.UTC(2000 + yy, mm - 1, dd, hh, mi) - Date.parse(String(item.json.acknowledgedAt))) /
			3_600_000;
		expect([10, 11]).toContain(hoursAhead);
		expect(item.json.raw).toBeUndefined();

		const [callback] = await bed.sandbox.state('callbacks');
		const [call] = await bed.sandbox.state('calls', undefined, callback.id);
		expect(call).toMatchObject({ status: 'SUCCESS', callback: { statusCode: 200 } });
	});

	it('turns an undeliverable into an item, with the raw payload when asked', async () => {
		const t = await startTrigger(
			{ events: ['reply', 'undeliverable'], options: { includeRaw: true } },
			'UTC',
		);
		await t.activate();
		const messageId = await sendMessage(
			sms(DEFAULT_NAME, ',"callbackParameters":{"orderId":"10045"}'),
		);
		await control('/messages/undeliverable', { messageId, reason: 'Number disconnected' });

		const [item] = t.executions[0].items;
		expect(item.json).toMatchObject({
			event: 'undeliverable',
			messageId,
			content: 'Number disconnected',
			customParameters: { orderId: '10045' },
			raw: {
				messageid: messageId,
				responseMessage: { channel: 'SMS', content: 'Number disconnected' },
			},
		});
		expect(item.json.acknowledgedAt).toBeUndefined();
		const stamp = String(item.json.undeliverable);
		const [dd, mm, yy, hh, mi] = stamp.split(/[/ :]/).map(Number);
		expect(item.json.undeliverableAt).toBe(
			new Date(Date.UTC(2000 + yy, mm - 1, dd, hh, mi)).toISOString(),
		);
	});

	it('acknowledges an event that is not selected without starting the workflow', async () => {
		const t = await startTrigger({ events: ['reply'] });
		await t.activate();
		// Whispir only sends enabled events, so post one by hand with the right key.
		const key = String(productionState(t).production.callbackKey);
		const response = await fetch(t.webhookUrl(), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Whispir-Callback-Key': key },
			body: JSON.stringify({
				messageid: 'M1',
				responseMessage: { channel: 'SMS', undeliverable: '01/02/26 10:00', content: 'x' },
			}),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ message: 'Received; this event is not selected' });
		expect(t.executions).toHaveLength(0);
	});

	it('answers 401, 400, 422 and 415 to bad deliveries (wrong key, forms, multipart, text, arrays, XML) and starts nothing', async () => {
		const t = await startTrigger({ events: ['reply'] });
		await t.activate();
		const key = String(productionState(t).production.callbackKey);
		const good = JSON.stringify({
			messageid: 'M1',
			responseMessage: { channel: 'SMS', acknowledged: '01/02/26 10:00', content: 'hi' },
		});
		const post = async (headers: Record<string, string>, body: string, query = '') => {
			const response = await fetch(`${t.webhookUrl()}${query}`, { method: 'POST', headers, body });
			return { status: response.status, text: await response.text() };
		};

		expect((await post({ 'Content-Type': 'application/json' }, good)).status).toBe(401);
		expect(
			(
				await post(
					{
						'Content-Type': 'application/json',
						'X-Whispir-Callback-Key': `${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`,
					},
					good,
				)
			).status,
		).toBe(401);
		expect((await post({ 'Content-Type': 'application/json' }, good, '?auth=wrong')).status).toBe(
			401,
		);
		// Malformed JSON sent as JSON: n8n itself refuses it before the node runs.
		expect(
			await post(
				{ 'Content-Type': 'application/json', 'X-Whispir-Callback-Key': key },
				'{"messageid": ',
			),
		).toMatchObject({
			status: 422,
		});
		// Whispir posts JSON (or XML, when a callback is set so): forms, multipart and text are refused even
		// with the right key and a Whispir-shaped body; so is JSON that is not one object.
		const withKey = (type: string) => ({ 'Content-Type': type, 'X-Whispir-Callback-Key': key });
		const form = new URLSearchParams({
			messageid: 'M1',
			'responseMessage[content]': 'hi',
		}).toString();
		const multipart = `--b\r\nContent-Disposition: form-data; name="messageid"\r\n\r\nM1\r\n--b--\r\n`;
		for (const [type, body, status] of [
			['application/x-www-form-urlencoded', form, 415],
			['multipart/form-data; boundary=b', multipart, 415],
			['text/plain', good, 415],
			['text/plain', 'YES', 415],
			['application/json', `[${good}]`, 400],
			['application/json', '"YES"', 400],
		] as const) {
			const answer = await post(withKey(type), body);
			expect(answer.status, `${type} ${body}`).toBe(status);
			expect(answer.text).toMatch(
				status === 415 ? /accepts only JSON deliveries/ : /not a JSON object/,
			);
		}
		const xml = await post(
			{ 'Content-Type': 'application/xml', 'X-Whispir-Callback-Key': key },
			'<ns2:deliveryResponse xmlns:ns2="http://schemas.api.whispir.com"><messageid>M1</messageid></ns2:deliveryResponse>',
		);
		expect(xml.status).toBe(415);
		expect(xml.text).toMatch(/content type to JSON/);
		expect(t.executions).toHaveLength(0);

		// The key as a query parameter works too, and a good delivery starts the workflow.
		expect((await post({ 'Content-Type': 'application/json' }, good, `?auth=${key}`)).status).toBe(
			200,
		);
		expect(t.executions).toHaveLength(1);
	});

	it('keeps __proto__ and constructor in custom parameters from polluting anything', async () => {
		const t = await startTrigger({ events: ['reply'], options: { includeRaw: true } });
		await t.activate();
		const messageId = await sendMessage(
			sms(
				DEFAULT_NAME,
				',"callbackParameters":{"ticketId":"T-9","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
			),
		);
		await control('/messages/reply', { messageId, content: 'ok' });

		const [item] = t.executions[0].items;
		const parameters = item.json.customParameters as Record<string, unknown>;
		expect(parameters.ticketId).toBe('T-9');
		expect(Object.getPrototypeOf(parameters)).toBe(Object.prototype);
		expect(Object.prototype.hasOwnProperty.call(parameters, '__proto__')).toBe(false);
		expect(Object.prototype.hasOwnProperty.call(parameters, 'constructor')).toBe(false);
		expect(Object.prototype.hasOwnProperty.call(item.json.raw, '__proto__')).toBe(false);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect((parameters as { polluted?: string }).polluted).toBeUndefined();
	});
});

// Catch-up and duplicates after restarts: triggerCatchUp.test.ts.
describe('Whispir Trigger: restarts', () => {
	it('replaces a callback of its name that points at its own webhook when the stored key was lost', async () => {
		const t = await startTrigger({ events: ['reply'] });
		await t.activate();
		const [old] = await bed.sandbox.state('callbacks');
		t.staticData = {};
		await t.activate('init');

		const callbacks = await bed.sandbox.state('callbacks');
		expect(callbacks).toHaveLength(1);
		expect(callbacks[0].id).not.toBe(old.id);
		expect(productionState(t).production).toMatchObject({ callbackId: callbacks[0].id });
		// Deliveries work again with the new key.
		const messageId = await sendMessage(sms(DEFAULT_NAME));
		await control('/messages/reply', { messageId, content: 'back' });
		expect(t.executions.map((execution) => execution.items[0].json.content)).toEqual(['back']);
	});
});
