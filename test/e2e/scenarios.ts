// The end-to-end scenarios, run on one n8n runtime: the packed package installed as users install
// it, n8n started on 127.0.0.1, the sandbox as Whispir. Every describe block names the runtime, so
// a failure says where it happened. The scenarios run in order and share one n8n.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';

import { startSandbox, type LoggedRequest, type Sandbox } from '../sandbox/server';
import {
	activateTrigger,
	checkCatchUp,
	checkNoCatchUp,
	sendWithCallback,
	waitForWebhook,
	whispirReports,
	type CatchUpTrigger,
} from './catchUp';
import { DEFAULT_OWNER, N8n, nodeOutput, type Execution } from './support/n8n';
import { CREDENTIAL_TYPE, NODE_TYPE, REPO, TRIGGER_TYPE, installPackage } from './support/package';
import { stopAll, stopChildrenOnSignals, waitFor } from './support/processes';
import { pathsHolding, secretsFound, withoutStaticData } from './support/secrets';
import { sendAndWaitScenarios } from './sendAndWait';
import {
	chain,
	splitOutNode,
	triggerNode,
	webhookNode,
	whispirNode,
	type CredentialRef,
} from './support/workflows';

const MESSAGE_TYPE = 'application/vnd.whispir.message-v1+json';
const CALLBACK_NAME = 'E2E replies';

/** Finished, successfully or not (2.8 and 2.40 both report `status`; `finished` only on success). */
const isDone = (execution: Execution) =>
	execution.finished ||
	['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

interface NodeTypeDescription {
	name: string;
	iconUrl?: string | { light: string; dark: string };
}

export function runScenarios(runtimeName: string): void {
	const runtime = inject('runtimes')[runtimeName];

	describe(runtime.spec.label, () => {
		let sandbox: Sandbox;
		let n8n: N8n;
		let credential: CredentialRef;
		let userFolder: string;
		/** The key the trigger registered its callback with (scenario 6), looked for in scenario 7. */
		let callbackKey = '';

		const credentialData = (overrides: Record<string, unknown> = {}) => ({
			region: 'custom',
			baseUrl: sandbox.url,
			...sandbox.credentials,
			rateLimit: 'custom',
			customRateLimit: 100,
			...overrides,
		});
		const requests = (method: string, path?: string) =>
			sandbox.log.filter(
				(request: LoggedRequest) =>
					request.method === method && (path === undefined || request.path === path),
			);

		/** Creates and activates a Webhook-started workflow, calls it, and returns the last node's items and the execution. */
		async function runThroughWebhook(
			name: string,
			nodes: Parameters<typeof chain>[1],
			body: unknown = {},
		) {
			const path = `e2e-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
			const workflowId = await n8n.createWorkflow(
				chain(`E2E ${name}`, [webhookNode(path), ...nodes]),
			);
			await n8n.activate(workflowId);
			const response = await n8n.callWebhook(path, body);
			const [execution] = await waitFor(`the execution of "${name}"`, async () => {
				const executions = await n8n.executions(workflowId);
				return executions.length > 0 && isDone(executions[0]) ? executions : undefined;
			});
			await n8n.deactivate(workflowId);
			return {
				status: response.status,
				items: response.json as Array<Record<string, unknown>>,
				execution,
			};
		}

		/** Fails with n8n's whole error message (an assertion would cut it short). */
		const expectSucceeded = (execution: Execution) => {
			const { error, lastNodeExecuted } = execution.data?.resultData ?? {};
			if (error)
				throw new Error(
					`Execution ${execution.id} failed in node "${lastNodeExecuted}": ${error.message}`,
				);
		};

		beforeAll(async () => {
			// Interrupted (Ctrl-C, CI timeout): afterAll does not run, so stop n8n and remove its folder here.
			stopChildrenOnSignals(async () => {
				await sandbox?.close();
				if (userFolder) rmSync(userFolder, { recursive: true, force: true });
			});
			sandbox = await startSandbox();
			userFolder = mkdtempSync(join(tmpdir(), `whispir-e2e-${runtime.spec.name}-`));
			installPackage(inject('tarball'), userFolder);
			n8n = await N8n.start(runtime, { userFolder });
			await n8n.setupOwner();
			await n8n.createApiKey();
			credential = await n8n.createCredential('Whispir Sandbox', CREDENTIAL_TYPE, credentialData());
		});

		// A failed scenario shows the end of n8n's output: the node's error is often only there.
		afterEach(({ task }) => {
			if (task.result?.state === 'fail' && n8n)
				console.error(`${runtime.spec.label} output (end):\n${n8n.output().slice(-3000)}`);
		});

		afterAll(async () => {
			await n8n?.stop();
			await stopAll();
			await sandbox?.close();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		});

		it('1. loads both nodes with their icons and the credential type, and the credential test passes through n8n', async () => {
			const nodeTypes = await n8n.rest<NodeTypeDescription[]>('GET', '/types/nodes.json');
			const credentialTypes = await n8n.rest<NodeTypeDescription[]>(
				'GET',
				'/types/credentials.json',
			);
			const ours = [NODE_TYPE, TRIGGER_TYPE].map((type) =>
				nodeTypes.find((description) => description.name === type),
			);
			expect(ours.map((description) => description?.name)).toEqual([NODE_TYPE, TRIGGER_TYPE]);
			const whispirCredential = credentialTypes.find(
				(description) => description.name === CREDENTIAL_TYPE,
			);
			expect(whispirCredential).toBeDefined();

			// Every icon n8n announces is served, and is one of ours.
			const ourIcons = [
				'Whispir/whispir.svg',
				'Whispir/whispir.dark.svg',
				'WhispirTrigger/whispir.svg',
				'WhispirTrigger/whispir.dark.svg',
			].map((file) => readFileSync(join(REPO, 'nodes', file), 'utf8'));
			for (const description of [...ours, whispirCredential]) {
				const iconUrl = description!.iconUrl;
				expect(iconUrl, `${description!.name} has an icon`).toBeDefined();
				const urls = typeof iconUrl === 'string' ? [iconUrl] : [iconUrl!.light, iconUrl!.dark];
				for (const url of urls) {
					const response = await fetch(`${n8n.url}/${url}`);
					expect(response.status, url).toBe(200);
					expect(ourIcons, url).toContain(await response.text());
				}
			}

			sandbox.reset();
			const tested = await n8n.rest<{ status: string; message: string }>(
				'POST',
				'/rest/credentials/test',
				{
					credentials: {
						id: credential.id,
						name: credential.name,
						type: CREDENTIAL_TYPE,
						data: credentialData(),
					},
				},
			);
			expect(tested).toMatchObject({ status: 'OK' });
			expect(sandbox.log).toHaveLength(1);
			expect(sandbox.log[0]).toMatchObject({
				method: 'GET',
				path: '/workspaces',
				accept: 'application/vnd.whispir.workspace-v1+json',
				status: 200,
			});

			// A wrong password fails the test with the credential's own message.
			const refused = await n8n.rest<{ status: string; message: string }>(
				'POST',
				'/rest/credentials/test',
				{
					credentials: {
						id: credential.id,
						name: credential.name,
						type: CREDENTIAL_TYPE,
						data: credentialData({ password: 'wrong' }),
					},
				},
			);
			expect(refused.status).toBe('Error');
			// 2.40 shows the credential's rule message; 2.8.4 its own "Authorization failed" for any 401.
			expect(refused.message).toMatch(/username or password \(401\)|^Authorization failed/);
		});

		it('2. sends a message on each channel: SMS, email, voice, rich message, push and social', async () => {
			sandbox.reset();
			const [workspaceId] = sandbox.seed('workspaces', [{ projectName: 'Apps', status: 'A' }]);
			const contactMri = 'Jo_Push.3@Contact.whispir.com';
			sandbox.seed(
				'contacts',
				[{ firstName: 'Jo', lastName: 'Push', mri: contactMri, workMobilePhone1: '61422222222' }],
				workspaceId,
			);
			const workspace = { __rl: true, mode: 'id', value: workspaceId };
			const send = (parameters: Record<string, unknown>) => ({
				resource: 'message',
				operation: 'send',
				subject: 'E2E',
				...parameters,
			});
			const channels = {
				SMS: send({ to: '61423456789', body: 'Your appointment is tomorrow at 10:00' }),
				Email: send({
					to: 'jane@example.com',
					body: '',
					channels: ['email'],
					emailBody: '<p>Your invoice</p>',
					emailType: 'text/html',
				}),
				Voice: send({
					to: '61423456789',
					body: '',
					channels: ['voice'],
					voiceHeader: 'Urgent call',
					voiceBody: 'Join the bridge',
				}),
				'Rich Message': send({
					workspace,
					to: contactMri,
					body: 'Details: @@web_link@@',
					channels: ['web'],
					webBody: '<p>Report</p>',
				}),
				Push: send({
					workspace,
					to: contactMri,
					body: 'Open the app',
					channels: ['push'],
					pushApp: { __rl: true, mode: 'id', value: 'APP1' },
				}),
				Social: send({
					workspace,
					to: contactMri,
					body: '',
					channels: ['social'],
					twitterText: 'Outage resolved',
					facebookText: 'All systems are back',
				}),
			};
			const { status, items, execution } = await runThroughWebhook(
				'Send on each channel',
				Object.entries(channels).map(([name, parameters]) =>
					whispirNode(name, credential, parameters),
				),
			);
			expectSucceeded(execution);
			expect(status).toBe(200);

			const posts = requests('POST');
			expect(posts.map((request) => request.path)).toEqual([
				'/messages',
				'/messages',
				'/messages',
				`/workspaces/${workspaceId}/messages`,
				`/workspaces/${workspaceId}/messages`,
				`/workspaces/${workspaceId}/messages`,
			]);
			for (const post of posts)
				expect(post).toMatchObject({
					contentType: MESSAGE_TYPE,
					accept: MESSAGE_TYPE,
					status: 202,
				});
			const [sms, email, voice, rich, push, social] = posts.map((request) => request.body);
			expect(sms).toEqual({
				to: '61423456789',
				subject: 'E2E',
				body: 'Your appointment is tomorrow at 10:00',
			});
			expect(email).toMatchObject({
				to: 'jane@example.com',
				email: { body: '<p>Your invoice</p>', type: 'text/html' },
			});
			expect(voice).toMatchObject({ voice: { header: 'Urgent call', body: 'Join the bridge' } });
			expect(rich).toMatchObject({
				to: contactMri,
				web: { body: '<p>Report</p>', type: 'text/html' },
			});
			expect(push).toMatchObject({
				features: { pushOptions: { notifications: 'enabled', appId: 'APP1' } },
			});
			expect(social).toMatchObject({
				social: {
					social: [
						{ id: 'social', body: 'Outage resolved' },
						{ id: 'social_long', body: 'All systems are back', type: 'text/plain' },
					],
				},
			});

			// Each node output the id of the message Whispir stored; the webhook answered with the last one.
			const stored = [...(await sandbox.state('messages'))].map((message) => String(message.id));
			const outputIds = Object.keys(channels).map((name) =>
				String(nodeOutput(execution, name)[0]?.id),
			);
			expect(new Set(outputIds)).toEqual(new Set(stored));
			expect(items).toEqual([expect.objectContaining({ id: outputIds[5] })]);
		});

		it('3. Get Many with Return All reads every page (45 contacts)', async () => {
			sandbox.reset();
			const ids = sandbox.seed(
				'contacts',
				Array.from({ length: 45 }, (_, index) => ({
					firstName: 'Page',
					lastName: `Contact ${index}`,
					workEmailAddress1: `c${index}@example.com`,
				})),
			);
			const { items, execution } = await runThroughWebhook('Get many contacts', [
				whispirNode('Get contacts', credential, {
					resource: 'contact',
					operation: 'getAll',
					returnAll: true,
				}),
			]);
			expectSucceeded(execution);
			const pages = requests('GET', '/contacts');
			expect(pages.map((request) => request.query?.offset)).toEqual(['0', '20', '40']);
			expect(items.map((item) => item.id).sort()).toEqual([...ids].sort());
			expect(nodeOutput(execution, 'Get contacts')).toHaveLength(45);
		});

		it('4. Contact Update changes the fields given and keeps every other field', async () => {
			sandbox.reset();
			const [id] = sandbox.seed('contacts', [
				{
					firstName: 'Jane',
					lastName: 'Citizen',
					workEmailAddress1: 'jane@example.com',
					workMobilePhone1: '61423456789',
					workCountry: 'Australia',
					timezone: '+10',
					jobTitle: 'Engineer',
					department: 'Operations',
					custom_StaffId: 'S-100',
				},
			]);
			const [before] = await sandbox.state('contacts');
			const { items, execution } = await runThroughWebhook(
				'Update contact',
				[
					whispirNode('Update contact', credential, {
						resource: 'contact',
						operation: 'update',
						contactId: { __rl: true, mode: 'id', value: '={{ $json.body.id }}' },
						updateFields: { jobTitle: 'Lead Engineer' },
					}),
				],
				{ id },
			);
			expectSucceeded(execution);
			expect(requests('PUT', `/contacts/${id}`)).toHaveLength(1);
			const [after] = await sandbox.state('contacts');
			const { lastModifiedTime: _changed, ...untouched } = before;
			expect(after).toMatchObject({ ...untouched, jobTitle: 'Lead Engineer' });
			expect(after.custom_StaffId).toBe('S-100');
			expect(items[0]).toMatchObject({ id, jobTitle: 'Lead Engineer' });
		});

		it('5. Send Bulk sends one personalised message per incoming item', async () => {
			sandbox.reset();
			const rows = [
				{ first_name: 'Ann', mobile: '61400000001', amount_due: '$5.00' },
				{ first_name: 'Bob', mobile: '61400000002', amount_due: '$7.50' },
				{ first_name: 'Cat', mobile: '61400000003', amount_due: '$9.99' },
			];
			const { items, execution } = await runThroughWebhook(
				'Send bulk',
				[
					splitOutNode('rows'),
					whispirNode('Send bulk', credential, {
						resource: 'message',
						operation: 'sendBulk',
						smsMappingField: 'mobile',
						emailMappingField: '',
						subject: 'Account',
						body: 'Hi @@first_name@@, you owe @@amount_due@@.',
					}),
				],
				{ rows },
			);
			expectSucceeded(execution);
			expect(nodeOutput(execution, 'Split Out')).toHaveLength(3);
			expect(sandbox.log.map((request) => `${request.method} ${request.path}`)).toEqual([
				'POST /resources',
				'POST /messages',
			]);
			const [upload, bulk] = sandbox.log;
			expect(upload).toMatchObject({
				contentType: 'application/vnd.whispir.resource-v1+json',
				status: 201,
				body: { mimeType: 'text/csv' },
			});
			const csv = Buffer.from(String((upload.body as { derefUri: string }).derefUri), 'base64')
				.toString('utf8')
				.trim()
				.split('\r\n');
			expect(csv).toEqual([
				'first_name,mobile,amount_due',
				'Ann,61400000001,$5.00',
				'Bob,61400000002,$7.50',
				'Cat,61400000003,$9.99',
			]);
			expect(bulk).toMatchObject({
				contentType: 'application/vnd.whispir.bulkmessage-v1+json',
				status: 202,
			});
			const perRow = (await sandbox.state('messages')).filter(
				(message) => message._bulkId !== undefined,
			);
			expect(perRow.map((message) => [message.to, message.body])).toEqual([
				['61400000001', 'Hi Ann, you owe $5.00.'],
				['61400000002', 'Hi Bob, you owe $7.50.'],
				['61400000003', 'Hi Cat, you owe $9.99.'],
			]);
			expect(items).toEqual([expect.objectContaining({ rows: 3 })]);
		});

		describe('6. Whispir Trigger', () => {
			let triggerWorkflowId: string;
			let callbackUrl: string;
			let messageId: string;

			it('activating through the public API registers the callback after the GET probe got 200 from n8n', async () => {
				sandbox.reset();
				triggerWorkflowId = await n8n.createWorkflow(
					chain('E2E trigger', [
						triggerNode('Whispir Trigger', credential, {
							events: ['reply', 'undeliverable'],
							options: { callbackName: CALLBACK_NAME },
						}),
					]),
				);
				await n8n.activate(triggerWorkflowId);
				const [created] = await waitFor('the callback to be created', async () => {
					const callbacks = await sandbox.state('callbacks');
					return callbacks.length > 0 ? callbacks : undefined;
				});
				// The sandbox creates a callback only after its GET to the URL answered 200.
				expect(requests('POST', '/callbacks')).toEqual([
					expect.objectContaining({
						status: 201,
						body: expect.objectContaining({
							name: CALLBACK_NAME,
							callbacks: { reply: 'enabled', undeliverable: 'enabled' },
						}),
					}),
				]);
				callbackUrl = String(created.url);
				callbackKey = String((created.auth as { key: string }).key);
				expect(callbackUrl.startsWith(`${n8n.url}/webhook/`)).toBe(true);
				expect(callbackKey.length).toBeGreaterThanOrEqual(16);
				expect(await n8n.executions(triggerWorkflowId)).toEqual([]);
			});

			it('a reply and an undeliverable to a message sent with the callback start two executions with the normalised data', async () => {
				const sent = await runThroughWebhook('Send with callback', [
					whispirNode('Send', credential, {
						resource: 'message',
						operation: 'send',
						to: '61400000009',
						subject: 'Appointment',
						body: 'Reply YES to confirm',
						options: {
							callback: { __rl: true, mode: 'name', value: CALLBACK_NAME },
							callbackParameters: { parameter: [{ key: 'appointmentId', value: 'A-1001' }] },
						},
					}),
				]);
				expectSucceeded(sent.execution);
				messageId = String(sent.items[0].id);
				expect(requests('POST', '/messages')[0].body).toMatchObject({
					callbackId: CALLBACK_NAME,
					callbackParameters: { appointmentId: 'A-1001' },
				});

				for (const [route, body] of [
					['reply', { messageId, content: 'YES' }],
					['undeliverable', { messageId, reason: 'Number disconnected' }],
				] as const) {
					const response = await fetch(`${sandbox.url}/__sandbox/messages/${route}`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: JSON.stringify(body),
					});
					expect(response.status, await response.text()).toBe(200);
				}
				const executions = await waitFor('two trigger executions', async () => {
					const found = await n8n.executions(triggerWorkflowId);
					return found.length >= 2 && found.every(isDone) ? found : undefined;
				});
				expect(executions).toHaveLength(2);
				const outputs = executions
					.map((execution) => nodeOutput(execution, 'Whispir Trigger'))
					.flat()
					.sort((a, b) => String(a.event).localeCompare(String(b.event)));
				expect(outputs).toEqual([
					expect.objectContaining({
						event: 'reply',
						messageId,
						channel: 'SMS',
						content: 'YES',
						from: expect.objectContaining({ mobile: '61400000009' }),
						customParameters: expect.objectContaining({ appointmentId: 'A-1001' }),
						callbackName: CALLBACK_NAME,
						replayed: false,
					}),
					expect.objectContaining({
						event: 'undeliverable',
						messageId,
						channel: 'SMS',
						content: 'Number disconnected',
						customParameters: expect.objectContaining({ appointmentId: 'A-1001' }),
						callbackName: CALLBACK_NAME,
					}),
				]);
			});

			it('a delivery with a wrong or missing key is refused and starts nothing', async () => {
				const payload = {
					messageid: messageId,
					from: { mobile: '61400000009' },
					responseMessage: { channel: 'SMS', content: 'forged' },
				};
				for (const headers of [{ 'X-Whispir-Callback-Key': 'not-the-key' }, {}] as Array<
					Record<string, string>
				>) {
					const response = await fetch(callbackUrl, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json', ...headers },
						body: JSON.stringify(payload),
					});
					expect(response.status).toBe(401);
				}
				await new Promise((resolve) => setTimeout(resolve, 1_500));
				expect(await n8n.executions(triggerWorkflowId)).toHaveLength(2);
			});

			it('deactivating deletes the callback at Whispir', async () => {
				const [callback] = await sandbox.state('callbacks');
				await n8n.deactivate(triggerWorkflowId);
				// n8n 2.40 removes the webhooks a few seconds after the API call returns.
				await waitFor(
					'the callback to be deleted',
					async () => ((await sandbox.state('callbacks')).length === 0 ? true : undefined),
					30_000,
				);
				expect(requests('DELETE', `/callbacks/${String(callback.id)}`)).toEqual([
					expect.objectContaining({ status: expect.any(Number) }),
				]);
				expect(requests('DELETE', `/callbacks/${String(callback.id)}`)[0].status).toBeLessThan(300);
			});
		});

		describe('7. Send and Wait for Reply', () => {
			sendAndWaitScenarios({
				n8n: () => n8n,
				sandbox: () => sandbox,
				credential: () => credential,
				restartN8n: async () => {
					n8n = await n8n.restart();
				},
			});
		});

		it("8. no secret (password, API key, callback key) in n8n's output or in any execution's data", async () => {
			const secrets = {
				password: sandbox.credentials.password,
				'API key': sandbox.credentials.apiKey,
				'callback key': callbackKey,
			};
			const executions = await n8n.allExecutions();
			expect(executions.length).toBeGreaterThanOrEqual(7);
			expect(secretsFound(secrets, { n8n: n8n.output() }, executions)).toEqual([]);
			expect(n8n.output()).not.toContain(DEFAULT_OWNER.password);
		});

		it('9. Request Timeout bounds the whole answer: a send whose answer drips past it fails, marked as maybe sent', async () => {
			sandbox.reset();
			// 47 bytes at 2 a second: about 23 s without a bound on the whole answer, and never silent for 1 s.
			sandbox.injectFault({ type: 'drip-body', dripMs: 500, method: 'POST', path: '/messages' });
			const quick = await n8n.createCredential(
				'Whispir Sandbox, 1 s timeout',
				CREDENTIAL_TYPE,
				credentialData({ requestTimeout: 1 }),
			);
			const { execution } = await runThroughWebhook('Send dripping', [
				whispirNode('Send', quick, {
					resource: 'message',
					operation: 'send',
					subject: 'E2E',
					to: '61423456789',
					body: 'Hello',
				}),
			]);
			expect(execution.data?.resultData?.error?.message).toBe(
				'Whispir did not answer in time; the message may have been sent',
			);
			expect(requests('POST', '/messages')).toHaveLength(1);
			// The request was aborted, not abandoned: n8n closed the connection long before the last byte.
			await waitFor(
				'the dripping connection to close',
				async () => requests('POST', '/messages')[0].closedByClient || undefined,
				10_000,
			);
		});

		describe('10. Whispir Trigger catch-up across an n8n restart', () => {
			/** Whispir fails to deliver while n8n is down: each entry becomes a FAILED call. */
			const failWhileDown =
				(reports: Array<[CatchUpTrigger, 'reply' | 'undeliverable', string]>) => async () => {
					for (const [trigger, event, text] of reports)
						await whispirReports(
							sandbox,
							event,
							await sendWithCallback(sandbox, trigger.callbackName),
							text,
						);
				};

			it(`deliveries missed while n8n was down come out once with the next delivery and are marked SUCCESS; with Catch Up off nothing is replayed (${runtime.spec.name === 'n8n-2.40.7' ? 'publication service on, the default' : 'start-up activation'})`, async () => {
				sandbox.reset();
				const on = await activateTrigger(n8n, sandbox, credential, 'E2E catch-up', true);
				const off = await activateTrigger(n8n, sandbox, credential, 'E2E no catch-up', false);
				for (const trigger of [on, off]) {
					await waitForWebhook(trigger);
					await whispirReports(
						sandbox,
						'reply',
						await sendWithCallback(sandbox, trigger.callbackName),
						'before',
					);
				}
				await waitFor('the two executions before the restart', async () =>
					(await n8n.executions(on.workflowId)).length +
						(await n8n.executions(off.workflowId)).length ===
					2
						? true
						: undefined,
				);
				// A callback just created has missed nothing: no request for missed calls.
				expect(sandbox.log.filter((request) => request.path.endsWith('/calls'))).toEqual([]);

				n8n = await n8n.restart({
					whileDown: failWhileDown([
						[on, 'reply', 'missed one'],
						[on, 'undeliverable', 'Number disconnected'],
						[on, 'reply', 'missed two'],
						[off, 'reply', 'missed'],
					]),
				});
				await checkCatchUp(
					n8n,
					sandbox,
					on,
					['missed one', 'Number disconnected', 'missed two'],
					1,
				);
				await checkNoCatchUp(n8n, sandbox, off, 1, 1);
				// The restarted n8n's output and the replaying executions hold no secret either.
				const secrets = [
					sandbox.credentials.password,
					sandbox.credentials.apiKey,
					on.callbackKey,
					off.callbackKey,
				];
				const executions = [
					...(await n8n.executions(on.workflowId)),
					...(await n8n.executions(off.workflowId)),
				];
				expect(
					secrets.flatMap((secret) => [
						n8n.output().includes(secret),
						...executions.map(
							(execution) => pathsHolding(withoutStaticData(execution), secret).length > 0,
						),
					]),
				).not.toContain(true);
			}, 300_000);

			if (runtime.spec.name === 'n8n-2.40.7') {
				it("the same with n8n 2.40's workflow publication service off (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false)", async () => {
					const legacy = 'E2E catch-up, publication service off';
					n8n = await n8n.restart({ env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' } });
					const trigger = await activateTrigger(n8n, sandbox, credential, legacy, true);
					n8n = await n8n.restart({
						env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
						whileDown: failWhileDown([
							[trigger, 'reply', 'missed one'],
							[trigger, 'reply', 'missed two'],
						]),
					});
					await checkCatchUp(n8n, sandbox, trigger, ['missed one', 'missed two'], 0);
				}, 300_000);
			}
		});
	});
}
