// A server (or a proxy in front of Whispir) that writes the request into its error page: headers,
// `Authorization: Basic <user:password in base64>` included, and body. Error texts keep part of
// Whispir's answer, so they must keep none of the secrets: not the password or key in any form the
// secrets audit knows, not the Authorization value, not the callback key a request carried. Each run
// is also recorded for the end-of-run secrets audit, which fails `npm test` on a leak.
import type { INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { WhispirTrigger } from '../../nodes/WhispirTrigger/WhispirTrigger.node';
import { WebhookTriggerHarness } from '../harness';
import { findSecrets, registerSecret } from '../secrets/audit';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;
beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const credentialSecrets = () => {
	const { username, password, apiKey } = bed.credentials.whispirApi as Record<string, string>;
	return [password, apiKey, Buffer.from(`${username}:${password}`).toString('base64')];
};
const errorText = (item: INodeExecutionData) =>
	`${String(item.json.error)} ${String(item.json.details ?? '')}`;

const STATUSES = [400, 403, 404, 418, 422, 500];

describe('An answer that echoes the request keeps no secret in the error', () => {
	it.each(STATUSES)('%i to a read', async (status) => {
		bed.sandbox.injectFault({
			type: 'echo-headers',
			status,
			method: 'GET',
			path: '/workspaces',
			times: 10,
		});
		const { items } = await bed.run(
			WHISPIR,
			{ resource: 'workspace', operation: 'getAll', returnAll: true },
			{ continueOnFail: true },
		);
		expect(items).toHaveLength(1);
		// Whispir's words are still there, only the secrets are gone.
		expect(errorText(items[0])).toMatch(/x-api-key: \*\*\*/);
		expect(findSecrets(errorText(items[0]), credentialSecrets())).toEqual([]);
		expect(errorText(items[0])).not.toMatch(/basic\s+[A-Za-z0-9+/]{8}/i);
	});

	it.each(STATUSES)('%i to a send', async (status) => {
		bed.sandbox.injectFault({ type: 'echo-headers', status, method: 'POST', path: '/messages' });
		const { items } = await bed.run(
			WHISPIR,
			{ resource: 'message', operation: 'send', to: '61423456789', subject: 'Hi', body: 'Hello' },
			{ continueOnFail: true },
		);
		expect(items).toHaveLength(1);
		expect(findSecrets(errorText(items[0]), credentialSecrets())).toEqual([]);
	});

	it('a Bearer token a proxy added is masked too, in any case', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 502,
			method: 'GET',
			path: '/workspaces',
			times: 10,
			body: 'upstream said: AUTHORIZATION: bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl and "authorization":"Basic c29tZW9uZTpzb21ldGhpbmc="',
		});
		const { items } = await bed.run(
			WHISPIR,
			{ resource: 'workspace', operation: 'getAll', returnAll: true },
			{ continueOnFail: true },
		);
		expect(errorText(items[0])).toContain('upstream said');
		expect(errorText(items[0])).not.toContain('eyJhbGciOiJIUzI1NiJ9');
		expect(errorText(items[0])).not.toContain('c29tZW9uZTpzb21ldGhpbmc');
	});

	it("a callback's key, echoed from the body of Callback → Create", async () => {
		bed.sandbox.injectFault({
			type: 'echo-headers',
			status: 422,
			method: 'POST',
			path: '/callbacks',
		});
		const authKey = 'callback-key-typed-by-the-user-42';
		const { items } = await bed.run(
			WHISPIR,
			{
				resource: 'callback',
				operation: 'create',
				name: 'cb',
				url: 'https://example.com/hook',
				authKey,
				events: ['reply'],
			},
			{ continueOnFail: true },
		);
		expect(errorText(items[0])).toMatch(/Whispir rejected the request's content/);
		expect(findSecrets(errorText(items[0]), [authKey, ...credentialSecrets()])).toEqual([]);
	});

	it("the Whispir Trigger's callback key, echoed when its activation fails", async () => {
		bed.sandbox.injectFault({
			type: 'echo-headers',
			status: 400,
			method: 'POST',
			path: '/callbacks',
		});
		const trigger = new WebhookTriggerHarness({
			nodeType: 'n8n-nodes-whispir.whispirTrigger',
			nodeTypes: { 'n8n-nodes-whispir.whispirTrigger': new WhispirTrigger() },
			credentialTypes: { whispirApi: new WhispirApi() },
			credentials: bed.credentials,
			parameters: { events: ['reply'] },
		});
		await trigger.start();
		try {
			const error = await trigger.activate().then(
				() => undefined,
				(reason: unknown) => reason as Error & { description?: string },
			);
			const sent = bed.sandbox.log.find(
				(entry) => entry.method === 'POST' && entry.path === '/callbacks',
			);
			const key = (sent?.body as { auth?: { key?: string } } | undefined)?.auth?.key ?? '';
			registerSecret(key);
			expect(key).toMatch(/^[0-9a-f]{64}$/);
			expect(error).toBeDefined();
			expect(
				findSecrets(`${error?.message} ${error?.description ?? ''}`, [key, ...credentialSecrets()]),
			).toEqual([]);
		} finally {
			await trigger.stop();
		}
	});
});
