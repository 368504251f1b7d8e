// Callback and Callback Call resources of the Whispir node against the sandbox, whose callbacks
// really probe their URL and really deliver (to a small listening server here).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { NO_FAILURE_EMAIL } from '../../nodes/Whispir/actions/callback/callbackBody';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;
let receiver: Server;
let receiverUrl: string;
let receiverStatus = 200;
const received: Array<{
	method: string;
	url: string;
	headers: Record<string, unknown>;
	body: string;
}> = [];

beforeAll(async () => {
	bed = await startTestBed();
	receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			res.writeHead(req.method === 'GET' ? 200 : receiverStatus).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
	receiver.close();
	await bed.close();
});
beforeEach(() => {
	bed.sandbox.reset();
	received.length = 0;
	receiverStatus = 200;
});

const callback = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'callback',
	operation,
	...parameters,
});
const calls = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'callbackCall',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

async function createCallback(parameters: Record<string, unknown> = {}) {
	return await bed.run(
		WHISPIR,
		callback('create', {
			name: 'Helpdesk',
			url: receiverUrl,
			events: ['reply'],
			authKey: 's3cret',
			...parameters,
		}),
	);
}

async function control(path: string, body: object) {
	const response = await fetch(`${bed.sandbox.url}/__sandbox${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}

async function replyToNewMessage(callbackName: string, content: string): Promise<void> {
	const sent = await bed.run(WHISPIR, {
		resource: 'message',
		operation: 'send',
		to: '61400000001',
		subject: 'Hi',
		body: 'Reply please',
		options: { callback: { __rl: true, mode: 'name', value: callbackName } },
	});
	expect(sent.error).toBeUndefined();
	await control('/messages/reply', { messageId: sent.items[0].json.id, content });
}

describe('Callback → Create', () => {
	it('posts the documented body after Whispir probed the URL, and keeps the key out of the output', async () => {
		const { items, error } = await createCallback({
			authType: 'querystring',
			additionalFields: { email: 'ops@example.com', removeHtml: true, retriesEnabled: false },
		});
		expect(error).toBeUndefined();
		expect(received[0]).toMatchObject({ method: 'GET', url: '/hook?auth=s3cret' });
		const post = bed.sandbox.log.find((request) => request.method === 'POST');
		expect(post).toMatchObject({
			path: '/callbacks',
			contentType: 'application/vnd.whispir.api-callback-v1+json',
			status: 201,
			body: {
				name: 'Helpdesk',
				url: receiverUrl,
				auth: { type: 'querystring', key: 's3cret' },
				contentType: 'json',
				removeHTML: 'enabled',
				retriesEnabled: 'false',
				email: 'ops@example.com',
				callbacks: { reply: 'enabled', undeliverable: 'disabled' },
			},
		});
		const [stored] = await bed.sandbox.state('callbacks');
		expect(items[0].json).toMatchObject({
			id: stored.id,
			name: 'Helpdesk',
			auth: { type: 'querystring' },
		});
		expect(JSON.stringify(items)).not.toContain('s3cret');
	});

	it('sends an address that receives nothing as `email` when no Failure Email is given (callbackCreate requires one)', async () => {
		const { error } = await createCallback();
		expect(error).toBeUndefined();
		const post = bed.sandbox.log.find((request) => request.method === 'POST');
		expect((post?.body as { email?: string }).email).toBe(NO_FAILURE_EMAIL);
	});

	it("shows Whispir's 400 when the URL does not answer the probe with 200, and for a duplicate name", async () => {
		const unreachable = await createCallback({ url: 'http://127.0.0.1:1/nothing' });
		expect(unreachable.error?.message).toMatch(/Malformed Request/);
		await createCallback();
		const duplicate = await createCallback({ name: 'helpdesk' });
		expect(duplicate.error?.message).toMatch(/already exists/);
		expect(await bed.sandbox.state('callbacks')).toHaveLength(1);
	});

	it('refuses a bad URL and empty events before sending anything', async () => {
		expect((await createCallback({ url: 'not a url' })).error?.message).toBe(
			'"URL" in item 0 is not valid: "not a url"',
		);
		expect((await createCallback({ events: '={{ [] }}' })).error?.message).toBe(
			'"Events" is empty in item 0',
		);
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Callback → Get, Get Many, Update, Delete', () => {
	it('reads, merges an update, and deletes', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');

		const many = await bed.run(WHISPIR, callback('getAll', { returnAll: true }));
		expect(JSON.stringify(many.items)).not.toContain('s3cret');
		expect(many.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ id: stored.id, name: 'Helpdesk', url: receiverUrl }),
		]);
		const one = await bed.run(WHISPIR, callback('get', { callbackId: byId(stored.id) }));
		expect(one.items[0].json).toMatchObject({
			id: stored.id,
			callbacks: { reply: 'enabled' },
			auth: { type: 'httpheader' },
		});
		// Whispir's answer carries the secret key (auth.key); the output must not.
		expect(JSON.stringify(one.items)).not.toContain('s3cret');

		const updated = await bed.run(
			WHISPIR,
			callback('update', {
				callbackId: byId(stored.id),
				updateFields: { events: ['reply', 'undeliverable'], authKey: 'n3w' },
			}),
		);
		expect(updated.error).toBeUndefined();
		const put = bed.sandbox.log.find((request) => request.method === 'PUT');
		expect(put).toMatchObject({
			path: `/callbacks/${stored.id}`,
			status: 204,
			body: {
				name: 'Helpdesk',
				url: receiverUrl,
				auth: { type: 'httpheader', key: 'n3w' },
				callbacks: { reply: 'enabled', undeliverable: 'enabled' },
			},
		});
		expect(updated.items[0].json).toMatchObject({ id: stored.id, auth: { type: 'httpheader' } });
		expect(JSON.stringify(updated.items)).not.toContain('n3w');

		const removed = await bed.run(WHISPIR, callback('delete', { callbackId: byId(stored.id) }));
		expect(removed.items[0].json).toEqual({ id: stored.id, deleted: true });
		expect(await bed.sandbox.state('callbacks')).toHaveLength(0);
	});
});

describe('Callback → Update: bad input', () => {
	it('refuses a new Key Location without the Key, before any request', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		bed.sandbox.clearLog();
		const { error } = await bed.run(
			WHISPIR,
			callback('update', {
				callbackId: byId(stored.id),
				updateFields: { authType: 'querystring' },
			}),
		);
		expect(error?.message).toBe('"Key" is empty in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('refuses to write back a callback whose key Whispir did not return, unless the Key is given', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		// Whispir's callbackRetrieve answer, as its OpenAPI example, but without the key.
		const withoutKey = {
			id: stored.id,
			name: 'Helpdesk',
			url: receiverUrl,
			auth: { type: 'httpheader' },
			contentType: 'json',
			removeHTML: 'disabled',
			retriesEnabled: 'true',
			email: 'ops@example.com',
			callbacks: { reply: 'enabled', undeliverable: 'disabled' },
		};
		const readWithoutKey = () =>
			bed.sandbox.injectFault({
				type: 'status',
				status: 200,
				method: 'GET',
				path: `/callbacks/${stored.id}`,
				headers: { 'Content-Type': 'application/vnd.whispir.api-callback-v1+json' },
				body: JSON.stringify(withoutKey),
			});
		readWithoutKey();
		bed.sandbox.clearLog();
		const refused = await bed.run(
			WHISPIR,
			callback('update', { callbackId: byId(stored.id), updateFields: { name: 'Helpdesk 2' } }),
		);
		expect(refused.error?.message).toBe(
			'"Key" is needed in item 0: Whispir did not return the callback\'s key',
		);
		expect(bed.sandbox.log.map((request) => request.method)).toEqual(['GET']);

		readWithoutKey();
		const updated = await bed.run(
			WHISPIR,
			callback('update', {
				callbackId: byId(stored.id),
				updateFields: { name: 'Helpdesk 2', authKey: 's3cret' },
			}),
		);
		expect(updated.error).toBeUndefined();
		const [after] = await bed.sandbox.state('callbacks');
		expect(after).toMatchObject({
			name: 'Helpdesk 2',
			auth: { type: 'httpheader', key: 's3cret' },
		});
	});

	it('refuses an update with nothing to change before any request', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		bed.sandbox.clearLog();
		const { error } = await bed.run(
			WHISPIR,
			callback('update', { callbackId: byId(stored.id), updateFields: { name: ' ' } }),
		);
		expect(error?.message).toBe('Nothing to update in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Callback Call → Get Many, Update Status', () => {
	it('lists failed deliveries and marks several SUCCESS in one PUT with repeated ids', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		receiverStatus = 503;
		await replyToNewMessage('Helpdesk', 'first');
		await replyToNewMessage('Helpdesk', 'second');
		receiverStatus = 200;
		await replyToNewMessage('Helpdesk', 'third');
		const delivery = received.find((request) => request.method === 'POST')!;
		expect(delivery.headers['x-whispir-callback-key']).toBe('s3cret');
		expect(JSON.parse(delivery.body)).toMatchObject({
			responseMessage: { channel: 'SMS', content: 'first' },
		});

		const failed = await bed.run(
			WHISPIR,
			calls('getAll', {
				callbackId: byId(stored.id),
				returnAll: true,
				filters: { status: 'FAILED' },
			}),
		);
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/callbacks/${stored.id}/calls`,
			accept: 'application/vnd.whispir.api-call-v1+json',
			query: { status: 'FAILED' },
		});
		expect(
			failed.items.map((item) => (item.json.responseMessage as { content: string }).content),
		).toEqual(['first', 'second']);
		expect(failed.items[0].json).toMatchObject({ status: 'FAILED', callback: { statusCode: 503 } });

		const marked = await bed.run(
			WHISPIR,
			calls('updateStatus', {
				callbackId: byId(stored.id),
				callIds: '={{ $json.id }}',
				status: 'SUCCESS',
			}),
			{ items: failed.items.map((item) => ({ json: item.json })) },
		);
		const puts = bed.sandbox.log.filter((request) => request.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({
			path: `/callbacks/${stored.id}/calls`,
			body: { status: 'SUCCESS' },
			status: 204,
		});
		expect(marked.items.map((item) => item.json)).toEqual([
			{
				callbackId: stored.id,
				callIds: [failed.items[0].json.id],
				status: 'SUCCESS',
				updated: true,
			},
			{
				callbackId: stored.id,
				callIds: [failed.items[1].json.id],
				status: 'SUCCESS',
				updated: true,
			},
		]);
		const after = await bed.sandbox.state('calls', undefined, stored.id);
		expect(after.map((call) => call.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
	});

	it('Replay Failed outputs failed deliveries as the trigger does, marks them SUCCESS first, and takes each once', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		receiverStatus = 503;
		await replyToNewMessage('Helpdesk', 'first');
		await replyToNewMessage('Helpdesk', 'second');
		await replyToNewMessage('Helpdesk', 'third');
		receiverStatus = 200;
		const ids = (await bed.sandbox.state('calls', undefined, stored.id)).map((call) => call.id);
		bed.sandbox.clearLog();

		const first = await bed.run(
			WHISPIR,
			calls('replayFailed', { callbackId: byId(stored.id), batchSize: 2 }),
		);
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				event: 'reply',
				content: 'first',
				replayed: true,
				callId: ids[0],
				callbackName: 'Helpdesk',
				channel: 'SMS',
			}),
			expect.objectContaining({ content: 'second', replayed: true, callId: ids[1] }),
		]);
		expect(
			bed.sandbox.log.map((request) => [
				request.method,
				request.query?.status ?? (request.body as { status?: string }).status,
			]),
		).toEqual([
			['GET', 'FAILED'],
			['PUT', 'SUCCESS'],
		]);
		expect(
			(await bed.sandbox.state('calls', undefined, stored.id)).map((call) => call.status),
		).toEqual(['SUCCESS', 'SUCCESS', 'FAILED']);

		const second = await bed.run(WHISPIR, calls('replayFailed', { callbackId: byId(stored.id) }));
		expect(second.items.map((item) => item.json.content)).toEqual(['third']);
		const third = await bed.run(WHISPIR, calls('replayFailed', { callbackId: byId(stored.id) }));
		expect(third.items).toEqual([]);
		expect(bed.sandbox.log.filter((request) => request.method === 'PUT')).toHaveLength(2);

		const tooMany = await bed.run(
			WHISPIR,
			calls('replayFailed', { callbackId: byId(stored.id), batchSize: 101 }),
		);
		expect(tooMany.error?.message).toBe('"Batch Size" in item 0 is more than 100: 101');
	});

	it('rejects a malformed call ID before sending, and with Continue On Fail sends the good ones', async () => {
		await createCallback();
		const [stored] = await bed.sandbox.state('callbacks');
		const { items } = await bed.run(
			WHISPIR,
			calls('updateStatus', {
				callbackId: byId(stored.id),
				callIds: '={{ $json.id }}',
				status: 'FAILED',
			}),
			{ items: [{ json: { id: 'bad id!' } }, { json: { id: 'NOPE' } }], continueOnFail: true },
		);
		expect(items[0].json.error).toBe('"Call IDs" in item 0 is not valid: "bad id!"');
		// The sandbox has no call NOPE: Whispir's 404 reaches the item that asked for it.
		expect(items[1].json.error).toBe('Whispir found nothing at this address');
		expect(items[1].json.updated).toBeUndefined();
		const puts = bed.sandbox.log.filter((request) => request.method === 'PUT');
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({
			path: `/callbacks/${stored.id}/calls`,
			query: { id: 'NOPE' },
			status: 404,
		});
	});

	it('with retries on, the sandbox delivers failed calls again on request', async () => {
		await createCallback();
		receiverStatus = 500;
		await replyToNewMessage('Helpdesk', 'late');
		receiverStatus = 200;
		expect(await control('/callbacks/retry', {})).toEqual({ retried: 1, succeeded: 1 });
		const [stored] = await bed.sandbox.state('callbacks');
		const [call] = await bed.sandbox.state('calls', undefined, stored.id);
		expect(call).toMatchObject({ status: 'SUCCESS', callback: { statusCode: 200 } });
	});
});
