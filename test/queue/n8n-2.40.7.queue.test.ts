// The package in n8n 2.40.7 in queue mode (cluster.ts): main, two workers, a webhook processor,
// Postgres and Redis, with the sandbox as Whispir. The scenarios run in order and share the cluster.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { startSandbox, type LoggedRequest, type Sandbox } from '../sandbox/server';
import {
	activateTrigger,
	checkCatchUp,
	sendWithCallback,
	waitForWebhook,
	whispirReports,
	type CatchUpTrigger,
} from '../e2e/catchUp';
import { sendAndWaitHelpers } from '../e2e/sendAndWait';
import { DEFAULT_OWNER, nodeOutput, type Execution } from '../e2e/support/n8n';
import { CREDENTIAL_TYPE } from '../e2e/support/package';
import { stopChildrenOnSignals, waitFor } from '../e2e/support/processes';
import { secretsFound } from '../e2e/support/secrets';
import {
	chain,
	splitOutNode,
	webhookNode,
	whispirNode,
	type CredentialRef,
} from '../e2e/support/workflows';
import { startCluster, type Cluster } from './cluster';

const isDone = (execution: Execution) =>
	execution.finished ||
	['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

const RATE = 30;
const SENDS = 300;

describe('n8n 2.40.7 in queue mode: main, 2 workers, a webhook processor, Postgres, Redis', () => {
	let sandbox: Sandbox;
	let cluster: Cluster;
	let credential: CredentialRef;
	let trigger: CatchUpTrigger;
	/** Every key the trigger registered, for the secrets check. */
	const callbackKeys: string[] = [];

	const requests = (method: string, path: string) =>
		sandbox.log.filter(
			(request: LoggedRequest) => request.method === method && request.path === path,
		);

	/** Which processes' logs say they started execution `id` ("Worker started execution 12 (job 12)"). */
	const ranOn = (id: Execution['id']) =>
		Object.entries(cluster.outputs())
			.filter(([, output]) => output.includes(`Worker started execution ${id} (`))
			.map(([process]) => process);

	/** The executions of a workflow once `count` are done, oldest first. */
	const executionsOf = async (workflowId: string, count: number) =>
		(
			await waitFor(`${count} execution(s) of workflow ${workflowId}`, async () => {
				const found = await cluster.main.executions(workflowId);
				return found.length >= count && found.every(isDone) ? found : undefined;
			})
		).sort((a, b) => Number(a.id) - Number(b.id));

	beforeAll(async () => {
		stopChildrenOnSignals(async () => await sandbox?.close());
		sandbox = await startSandbox();
		cluster = await startCluster(
			inject('queueRuntime'),
			inject('queueTarball'),
			inject('queueInfra'),
		);
		await cluster.main.setupOwner();
		await cluster.main.createApiKey();
		// Rate Limit left at its default, Automatic: the workers find the key's rate by themselves.
		credential = await cluster.main.createCredential('Whispir Sandbox', CREDENTIAL_TYPE, {
			region: 'custom',
			baseUrl: sandbox.url,
			...sandbox.credentials,
		});
	});

	afterAll(async () => {
		await cluster?.stop();
		await sandbox?.close();
	});

	it('1. a Webhook → Whispir workflow called at the webhook processor runs on a worker and answers with the sent message', async () => {
		const workflowId = await cluster.main.createWorkflow(
			chain('Queue send', [
				webhookNode('queue-send'),
				whispirNode('Send', credential, {
					resource: 'message',
					operation: 'send',
					to: '61400000001',
					subject: 'Queue',
					body: 'Sent by a worker',
				}),
			]),
		);
		await cluster.main.activate(workflowId);
		const response = await cluster.webhook.callWebhook('queue-send', {});
		expect(response.status).toBe(200);
		const [execution] = await executionsOf(workflowId, 1);
		expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
		const [sent] = requests('POST', '/messages');
		expect(sent).toMatchObject({
			status: 202,
			body: expect.objectContaining({ to: '61400000001' }),
		});
		const messageId = sent.answer?.location?.split('?')[0].split('/').pop();
		expect(response.json).toEqual([expect.objectContaining({ id: messageId })]);
		expect(nodeOutput(execution, 'Send')).toEqual([expect.objectContaining({ id: messageId })]);
		// The webhook processor queued it, one worker ran it, main did neither.
		expect(ranOn(execution.id)).toHaveLength(1);
		expect(ranOn(execution.id)[0]).toMatch(/^worker /);
		expect(cluster.webhook.output()).toContain(`Enqueued execution ${execution.id} (`);
		expect(cluster.main.output()).not.toContain('Enqueued execution');
		await cluster.main.deactivate(workflowId);
	});

	describe('2. Whispir Trigger', () => {
		it("activated on main, it registers the webhook processor's URL, after Whispir's GET probe of it got 200", async () => {
			sandbox.log.splice(0);
			trigger = await activateTrigger(cluster.main, sandbox, credential, 'Queue replies', true);
			callbackKeys.push(trigger.callbackKey);
			expect(trigger.callbackUrl).toMatch(
				new RegExp(`^${cluster.webhookUrl}webhook/[^/]+/webhook$`),
			);
			// Whispir (the sandbox) creates a callback only after its GET to the URL answered 200.
			expect(requests('POST', '/callbacks')).toEqual([
				expect.objectContaining({
					status: 201,
					body: expect.objectContaining({ url: trigger.callbackUrl }),
				}),
			]);
		});

		it('a reply goes through the webhook processor and starts an execution on a worker', async () => {
			await waitForWebhook(trigger);
			const messageId = await sendWithCallback(sandbox, trigger.callbackName);
			await whispirReports(sandbox, 'reply', messageId, 'YES');
			const [execution] = await executionsOf(trigger.workflowId, 1);
			expect(nodeOutput(execution, 'Whispir Trigger')).toEqual([
				expect.objectContaining({ event: 'reply', messageId, content: 'YES', replayed: false }),
			]);
			expect(cluster.webhook.output()).toContain(`Enqueued execution ${execution.id} (`);
			expect(ranOn(execution.id)).toEqual([expect.stringMatching(/^worker /)]);
		});

		it('a delivery with a wrong or missing key is refused and starts nothing', async () => {
			for (const headers of [{ 'X-Whispir-Callback-Key': 'not-the-key' }, {}] as Array<
				Record<string, string>
			>) {
				const response = await fetch(trigger.callbackUrl, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', ...headers },
					body: JSON.stringify({
						messageid: 'M1',
						responseMessage: { channel: 'SMS', content: 'forged' },
					}),
				});
				expect(response.status).toBe(401);
			}
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			expect(await cluster.main.executions(trigger.workflowId)).toHaveLength(1);
		});

		it('a reply that failed while main and the webhook processor were down is caught up once they are back', async () => {
			// With main alone down, the webhook processor and the workers still take deliveries: Whispir
			// sees failures only when the webhook processors are down too (an upgrade, an outage).
			const messageId = await sendWithCallback(sandbox, trigger.callbackName);
			await cluster.restart('main', {
				whileDown: async () =>
					await cluster.restart('webhook', {
						whileDown: async () => await whispirReports(sandbox, 'reply', messageId, 'while down'),
					}),
			});
			sandbox.log.splice(0);
			await checkCatchUp(cluster.main, sandbox, trigger, ['while down'], 1);
		});

		it("main restarted with another N8N_WEBHOOK_URL and 2.40's publication service off moves the callback in place (callbackUpdate: same ID and key)", async () => {
			sandbox.log.splice(0);
			const mainWebhookUrl = `${cluster.main.url}/`;
			// Without the publication service, n8n activates the workflow at start-up through the trigger's checkExists.
			await cluster.restart('main', {
				webhookUrl: mainWebhookUrl,
				env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
			});
			const moved = await waitFor('the callback to point at main', async () => {
				const [callback] = await sandbox.state('callbacks');
				return callback?.url !== trigger.callbackUrl ? callback : undefined;
			});
			expect(moved).toMatchObject({
				id: trigger.callbackId,
				url: trigger.callbackUrl.replace(cluster.webhookUrl, mainWebhookUrl),
				auth: { key: trigger.callbackKey },
			});
			const puts = requests('PUT', `/callbacks/${trigger.callbackId}`);
			expect(puts).toHaveLength(1);
			expect(puts[0].status).toBeLessThan(300);
			expect(requests('POST', '/callbacks')).toEqual([]);
		});

		it('with the publication service on (the default), main does not ask the trigger at start-up: the new URL reaches Whispir when the workflow is activated again', async () => {
			sandbox.log.splice(0);
			const atMain = String((await sandbox.state('callbacks'))[0].url);
			await cluster.restart('main', {
				webhookUrl: cluster.webhookUrl,
				env: { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true' },
			});
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			expect(sandbox.log.filter((request) => request.path.startsWith('/callbacks'))).toEqual([]);
			expect((await sandbox.state('callbacks'))[0]).toMatchObject({ url: atMain });

			await cluster.main.deactivate(trigger.workflowId);
			await waitFor('the callback to be deleted', async () =>
				(await sandbox.state('callbacks')).length === 0 ? true : undefined,
			);
			await cluster.main.activate(trigger.workflowId);
			const [registered] = await waitFor('the callback at the new URL', async () => {
				const callbacks = await sandbox.state('callbacks');
				return callbacks.length > 0 ? callbacks : undefined;
			});
			expect(String(registered.url)).toBe(trigger.callbackUrl);
			expect(requests('POST', '/callbacks')).toEqual([expect.objectContaining({ status: 201 })]);
			callbackKeys.push(String((registered.auth as { key: string }).key));
			trigger = { ...trigger, callbackId: String(registered.id) };
		});

		it('deactivating on main deletes the callback', async () => {
			await cluster.main.deactivate(trigger.workflowId);
			await waitFor('the callback to be deleted', async () =>
				(await sandbox.state('callbacks')).length === 0 ? true : undefined,
			);
			const deletes = requests('DELETE', `/callbacks/${trigger.callbackId}`);
			expect(deletes).toHaveLength(1);
			expect(deletes[0].status).toBeLessThan(300);
		});
	});

	it(`3. two workers send ${SENDS} messages each at once, with one credential (Rate Limit Automatic), against Whispir at ${RATE} requests/s`, async () => {
		const workflowId = await cluster.main.createWorkflow(
			chain('Queue bulk', [
				webhookNode('queue-bulk'),
				splitOutNode('recipients'),
				whispirNode('Send', credential, {
					resource: 'message',
					operation: 'send',
					to: '={{ $json.phone }}',
					subject: 'Reminder',
					body: '={{ $json.text }}',
				}),
			]),
		);
		await cluster.main.activate(workflowId);
		// Registered at the webhook processor before the clock starts (a 404 is retried).
		const recipients = (batch: number) =>
			Array.from({ length: SENDS }, (_, index) => ({
				phone: `614${batch}${String(index).padStart(6, '0')}`,
				text: `Message ${index}`,
			}));
		await cluster.webhook.callWebhook('queue-bulk', { recipients: [] }).catch(() => undefined);
		sandbox.configure({ latencyMs: 150, rateLimit: { perSecond: RATE } });
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		sandbox.log.splice(0);
		const started = performance.now();
		const answers = await Promise.all(
			[1, 2].map(
				async (batch) =>
					await cluster.webhook.callWebhook(
						'queue-bulk',
						{ recipients: recipients(batch) },
						120_000,
					),
			),
		);
		const seconds = (performance.now() - started) / 1000;
		sandbox.configure({ latencyMs: 0, rateLimit: null });

		const posts = requests('POST', '/messages');
		const accepted = posts
			.filter((request) => request.status === 202)
			.map((request) => (request.body as { to: string }).to);
		const expected = [1, 2].flatMap((batch) =>
			recipients(batch).map((recipient) => recipient.phone),
		);
		const duplicates = accepted.length - new Set(accepted).size;
		const lost = expected.filter((phone) => !accepted.includes(phone)).length;
		const rateLimited = sandbox.log.filter(
			(request) =>
				request.status === 429 ||
				(request.status === 403 && request.errorCode === 'ERR_403_DEVELOPER_OVER_QPS'),
		).length;
		const ideal = (2 * SENDS) / RATE;
		// The pacing alone, without n8n's queue around it (job pickup, the executions saved to Postgres).
		const postTimes = posts.map((request) => request.time);
		const sendingSeconds = (Math.max(...postTimes) - Math.min(...postTimes)) / 1000;
		const executions = (await executionsOf(workflowId, 3)).slice(-2);
		const workers = executions.map((execution) => ranOn(execution.id));
		console.info(
			`[queue] 2 workers × ${SENDS} sends, one key at ${RATE}/s: ${seconds.toFixed(1)} s against the ideal ${ideal} s = ${(seconds / ideal).toFixed(2)} × ideal (target ≤ 1.15), of which Whispir saw the sends over ${sendingSeconds.toFixed(1)} s = ${(sendingSeconds / ideal).toFixed(2)} × ideal; ` +
				`${rateLimited} rate-limit answers of ${sandbox.log.length} requests = ${((100 * rateLimited) / Math.max(1, sandbox.log.length)).toFixed(1)} % (target ≤ 5 %); ` +
				`${duplicates} duplicates, ${lost} lost; executions ${executions.map((execution, index) => `${execution.id} on ${workers[index].join(', ')}`).join(' and ')}`,
		);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(executions.map((execution) => execution.status)).toEqual(['success', 'success']);
		expect({ duplicates, lost }).toEqual({ duplicates: 0, lost: 0 });
		// Each batch ran on its own worker (a worker runs one job at a time).
		expect(workers.map((names) => names.length)).toEqual([1, 1]);
		expect(new Set(workers.flat())).toEqual(new Set(['worker 1', 'worker 2']));
		await cluster.main.deactivate(workflowId);
	});

	it('4. Send and Wait for Reply: started at the webhook processor, it waits on a worker; the reply reaches the resume URL under N8N_WEBHOOK_URL through the webhook processor and resumes the execution on a worker', async () => {
		const wait = sendAndWaitHelpers({
			n8n: () => cluster.main,
			webhooks: () => cluster.webhook,
			sandbox: () => sandbox,
			credential: () => credential,
		});
		sandbox.reset();
		// startWait checks that the execution is stored as waiting once the message went out.
		const started = await wait.startWait('approve', {});
		expect(String(started.callback.url)).toMatch(
			new RegExp(
				`^${cluster.webhookUrl}webhook-waiting/${started.executionId}/${started.ask.id}\\?.*signature=`,
			),
		);
		callbackKeys.push(String((started.callback.auth as { key: string }).key));
		const enqueued = `Enqueued execution ${started.executionId} (`;
		const startedOnWorker = `Worker started execution ${started.executionId} (`;
		const count = (text: string, part: string) => text.split(part).length - 1;
		const onWorkers = () =>
			cluster.workers.reduce((sum, worker) => sum + count(worker.output(), startedOnWorker), 0);
		expect(count(cluster.webhook.output(), enqueued)).toBe(1);
		expect(onWorkers()).toBe(1);

		await wait.control('messages/reply', { messageId: started.messageId, content: 'YES' });
		const execution = await wait.finished(started.workflowId);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Ask')).toEqual([
			expect.objectContaining({
				approved: true,
				reply: 'YES',
				messageId: started.messageId,
				callbackRemoved: true,
			}),
		]);
		expect(await wait.waitCallbacks()).toEqual([]);
		// The webhook processor took the delivery and queued the resume; a worker ran it; main did neither.
		expect(count(cluster.webhook.output(), enqueued)).toBe(2);
		expect(onWorkers()).toBe(2);
		expect(cluster.main.output()).not.toContain(enqueued);
		expect(cluster.main.output()).not.toContain(startedOnWorker);
		await cluster.main.deactivate(started.workflowId);
	});

	it("5. no password, API key or callback key in any process's log or in any execution", async () => {
		const executions = await cluster.main.allExecutions();
		expect(executions.length).toBeGreaterThanOrEqual(8);
		const secrets = {
			password: sandbox.credentials.password,
			'API key': sandbox.credentials.apiKey,
			...Object.fromEntries(callbackKeys.map((key, index) => [`callback key ${index + 1}`, key])),
			"n8n owner's password": DEFAULT_OWNER.password,
		};
		expect(secretsFound(secrets, cluster.outputs(), executions)).toEqual([]);
	});
});
