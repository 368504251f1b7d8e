// Scenario 7 of test/e2e/scenarios.ts: Message → Send and Wait for Reply in real n8n. The waiting
// webhooks live in n8n's server, so only here does a reply really resume an execution: n8n stores
// the wait, the node registers the callback (the sandbox GETs the resume URL first, as Whispir
// does), the sandbox delivers the reply to it, and n8n resumes the execution with it.
// sendAndWaitHelpers also serve the queue tier (test/queue), where a worker waits and resumes.
import { randomUUID } from 'node:crypto';

import { expect, it } from 'vitest';

import type { Sandbox } from '../sandbox/server';
import { nodeOutput, type Execution, type N8n } from './support/n8n';
import { waitFor } from './support/processes';
import { chain, webhookNode, whispirNode, type CredentialRef } from './support/workflows';

export interface WaitEnv {
	/** The n8n whose API creates workflows and reads executions (main in queue mode). */
	n8n: () => N8n;
	/** The n8n that takes webhook calls (the webhook processor in queue mode). Default: `n8n`. */
	webhooks?: () => N8n;
	sandbox: () => Sandbox;
	credential: () => CredentialRef;
}

export interface SendAndWaitEnv extends WaitEnv {
	/** Stops n8n and starts it again on the same port and data (the wait must survive it). */
	restartN8n: () => Promise<void>;
}

const WAIT_NAME = /^n8n send and wait \S+ [0-9a-f]{32} until (\d+|none)$/;
const ASK = 'Ask';
const isDone = (execution: Execution) =>
	execution.finished ||
	['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

/** Starting a Send and Wait workflow, delivering replies through the sandbox, and reading the execution. */
export function sendAndWaitHelpers(env: WaitEnv) {
	const control = async (route: string, body: unknown) => {
		const response = await fetch(`${env.sandbox().url}/__sandbox/${route}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status, await response.text()).toBe(200);
	};
	const waitCallbacks = async () =>
		(await env.sandbox().state('callbacks')).filter((callback) =>
			WAIT_NAME.test(String(callback.name)),
		);

	/** Starts a workflow whose "Ask" node sends and waits; returns once the message went out. */
	async function startWait(name: string, parameters: Record<string, unknown>) {
		const n8n = env.n8n();
		const path = `e2e-wait-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
		// Answered at once: the execution goes on (and waits) after the caller got its 200.
		const webhook = webhookNode(path);
		webhook.parameters = { ...webhook.parameters, responseMode: 'onReceived' };
		const ask = {
			...whispirNode(ASK, env.credential(), {
				resource: 'message',
				operation: 'sendAndWait',
				to: '61400000010',
				subject: 'Refund',
				body: 'Approve refund R-42? Reply YES or NO',
				...parameters,
			}),
			id: randomUUID(),
		};
		const workflowId = await n8n.createWorkflow(chain(`E2E wait ${name}`, [webhook, ask]));
		await n8n.activate(workflowId);
		const before = new Set((await waitCallbacks()).map((callback) => String(callback.id)));
		const called = await (env.webhooks ?? env.n8n)().callWebhook(path, { request: name });
		expect(called.status).toBe(200);
		// The node registers the callback once n8n has stored the wait, then sends the message.
		const callback = await waitFor(`the callback of "${name}"`, async () =>
			(await waitCallbacks()).find((candidate) => !before.has(String(candidate.id))),
		);
		const message = await waitFor(`the message of "${name}"`, async () =>
			(await env.sandbox().state('messages')).find(
				(candidate) => candidate.callbackId === callback.name,
			),
		);
		// `n8n send and wait <execution ID> <wait ID> until <…>`
		const executionId = String(callback.name).split(' ')[4];
		expect(await statusOf(executionId)).toBe('waiting');
		return { workflowId, executionId, messageId: String(message.id), callback, ask };
	}

	async function finished(workflowId: string, timeoutMs = 30_000): Promise<Execution> {
		const [execution] = await waitFor(
			'the execution to finish',
			async () => {
				const executions = await env.n8n().executions(workflowId);
				return executions.length > 0 && isDone(executions[0]) ? executions : undefined;
			},
			timeoutMs,
		);
		return execution;
	}

	/** The execution's status, read by its ID (n8n 2.8.4's public API leaves waiting executions out of its lists). */
	async function statusOf(executionId: string): Promise<string | undefined> {
		return (await env.n8n().api<Execution>('GET', `/executions/${executionId}`)).status;
	}

	async function expectStillWaiting(workflowId: string, executionId: string): Promise<void> {
		// Give a wrong resume the time it would take.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(await statusOf(executionId)).toBe('waiting');
		expect((await env.n8n().executions(workflowId)).filter(isDone)).toEqual([]);
	}

	return { control, waitCallbacks, startWait, finished, statusOf, expectStillWaiting };
}

export function sendAndWaitScenarios(env: SendAndWaitEnv): void {
	const { control, waitCallbacks, startWait, finished, statusOf, expectStillWaiting } =
		sendAndWaitHelpers(env);

	it('8a. approve: the callback is registered for the wait before the send, the reply resumes with approved, custom parameters and message id, and the callback is removed', async () => {
		env.sandbox().reset();
		const wait = await startWait('approve', {
			options: { callbackParameters: { parameter: [{ key: 'requestId', value: 'R-42' }] } },
		});
		const log = env.sandbox().log;
		const createdAt = log.findIndex(
			(request) =>
				request.method === 'POST' && request.path === '/callbacks' && request.status === 201,
		);
		const sentAt = log.findIndex(
			(request) => request.method === 'POST' && request.path === '/messages',
		);
		expect(createdAt).toBeGreaterThanOrEqual(0);
		expect(createdAt).toBeLessThan(sentAt);
		expect(
			String(wait.callback.url).startsWith(
				`${env.n8n().url}/webhook-waiting/${wait.executionId}/${wait.ask.id}?`,
			),
		).toBe(true);
		expect(String(wait.callback.url)).toMatch(/[?&]signature=/);
		expect(wait.callback.callbacks).toEqual({ reply: 'enabled', undeliverable: 'disabled' });
		const key = String((wait.callback.auth as { key: string }).key);

		await control('messages/reply', { messageId: wait.messageId, content: 'Yes, go ahead!' });
		const execution = await finished(wait.workflowId);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ASK)).toEqual([
			expect.objectContaining({
				approved: true,
				reply: 'Yes, go ahead!',
				messageId: wait.messageId,
				channel: 'SMS',
				from: expect.objectContaining({ mobile: '61400000010' }),
				customParameters: expect.objectContaining({ requestId: 'R-42' }),
				callbackRemoved: true,
			}),
		]);
		expect(await waitCallbacks()).toEqual([]);

		// The same reply delivered again (Whispir retries, or a copy) resumes nothing.
		const again = await fetch(String(wait.callback.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Whispir-Callback-Key': key },
			body: JSON.stringify({
				messageid: wait.messageId,
				from: { mobile: '61400000010' },
				responseMessage: { channel: 'SMS', content: 'Yes, go ahead!' },
			}),
		});
		await again.arrayBuffer();
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const executions = await env.n8n().executions(wait.workflowId);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], ASK)).toEqual(nodeOutput(execution, ASK));
	});

	it('8b. decline: "no thanks." resumes with approved false', async () => {
		env.sandbox().reset();
		const wait = await startWait('decline', {});
		await control('messages/reply', { messageId: wait.messageId, content: 'no thanks.' });
		const execution = await finished(wait.workflowId);
		expect(nodeOutput(execution, ASK)).toEqual([
			expect.objectContaining({ approved: false, reply: 'no thanks.' }),
		]);
	});

	it('8c. free text: any reply resumes with the reply', async () => {
		env.sandbox().reset();
		const wait = await startWait('free text', {
			responseType: 'freeText',
			body: 'When can we call you?',
		});
		await control('messages/reply', { messageId: wait.messageId, content: 'After 5pm, thanks' });
		const execution = await finished(wait.workflowId);
		const [output] = nodeOutput(execution, ASK);
		expect(output).toMatchObject({
			reply: 'After 5pm, thanks',
			messageId: wait.messageId,
			callbackRemoved: true,
		});
		expect(output).not.toHaveProperty('approved');
	});

	it('8d. a non-answer keeps waiting and gets the hint, a wrong or missing key is refused; then the answer resumes', async () => {
		env.sandbox().reset();
		const wait = await startWait('non-answer', {
			options: { nonAnswerHint: 'Please reply YES or NO' },
		});

		await control('messages/reply', { messageId: wait.messageId, content: 'maybe later' });
		await expectStillWaiting(wait.workflowId, wait.executionId);
		const hint = await waitFor('the hint', async () =>
			(await env.sandbox().state('messages')).find(
				(message) => message.body === 'Please reply YES or NO',
			),
		);
		expect(hint).toMatchObject({ to: '61400000010', callbackId: wait.callback.name });

		for (const headers of [{ 'X-Whispir-Callback-Key': 'not-the-key' }, {}] as Array<
			Record<string, string>
		>) {
			const forged = await fetch(String(wait.callback.url), {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', ...headers },
				body: JSON.stringify({
					messageid: wait.messageId,
					from: { mobile: '61400000010' },
					responseMessage: { channel: 'SMS', content: 'YES' },
				}),
			});
			expect(forged.status).toBe(401);
		}
		await expectStillWaiting(wait.workflowId, wait.executionId);

		await control('messages/reply', { messageId: wait.messageId, content: 'YES' });
		const execution = await finished(wait.workflowId);
		expect(nodeOutput(execution, ASK)).toEqual([
			expect.objectContaining({ approved: true, reply: 'YES' }),
		]);
	});

	it('8e. when Whispir refuses the callback (it cannot reach n8n), nothing is sent and the wait ends with sent: false and the reason', async () => {
		env.sandbox().reset();
		// Whispir answers 400 when its GET of the callback URL fails; the node tries 6 times, 2 s apart.
		env
			.sandbox()
			.injectFault({ type: 'status', status: 400, method: 'POST', path: '/callbacks', times: 6 });
		const n8n = env.n8n();
		const path = 'e2e-wait-unreachable';
		const webhook = webhookNode(path);
		webhook.parameters = { ...webhook.parameters, responseMode: 'onReceived' };
		const ask = {
			...whispirNode(ASK, env.credential(), {
				resource: 'message',
				operation: 'sendAndWait',
				to: '61400000010',
				subject: 'Refund',
				body: 'Approve?',
			}),
			id: randomUUID(),
		};
		const workflowId = await n8n.createWorkflow(chain('E2E wait unreachable', [webhook, ask]));
		await n8n.activate(workflowId);
		expect((await n8n.callWebhook(path, {})).status).toBe(200);
		const execution = await finished(workflowId, 60_000);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ASK)).toEqual([
			expect.objectContaining({
				sent: false,
				error: expect.stringContaining('The message was not sent'),
				callbackRemoved: true,
			}),
		]);
		expect(
			env
				.sandbox()
				.log.filter((request) => request.method === 'POST')
				.map((request) => `${request.path} ${request.status}`),
		).toEqual(Array.from({ length: 6 }, () => '/callbacks 400'));
		expect(await env.sandbox().state('messages')).toEqual([]);
	}, 120_000);

	it('8f. n8n restarted while the execution waits: the reply still resumes it', async () => {
		env.sandbox().reset();
		const wait = await startWait('restart', {});
		await env.restartN8n();
		expect(await statusOf(wait.executionId)).toBe('waiting');
		await control('messages/reply', { messageId: wait.messageId, content: 'YES' });
		const execution = await finished(wait.workflowId);
		expect(nodeOutput(execution, ASK)).toEqual([expect.objectContaining({ approved: true })]);
	}, 180_000);

	it("8g. Limit Wait Time: on timeout the execution continues with the input items, as n8n's own send-and-wait nodes do", async () => {
		env.sandbox().reset();
		// 0.05 minutes: n8n's wait tracker resumes it at its next round (within about a minute).
		const wait = await startWait('timeout', {
			options: {
				limitWaitTime: {
					values: { limitType: 'afterTimeInterval', resumeAmount: 0.05, resumeUnit: 'minutes' },
				},
			},
		});
		expect(String(wait.callback.name)).toMatch(/ until \d+$/);
		const execution = await finished(wait.workflowId, 150_000);
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, ASK)).toEqual([
			expect.objectContaining({ body: { request: 'timeout' } }),
		]);
	}, 180_000);

	it("8h. the next wait removes callbacks of waits that are over (timed out, execution gone) and no one else's", async () => {
		const timedOut = await waitCallbacks();
		expect(timedOut).toHaveLength(1);
		const goneUrl = `${env.n8n().url}/webhook-waiting/999999/${randomUUID()}`;
		const [foreignId, goneId] = env.sandbox().seed('callbacks', [
			{
				name: 'Someone else',
				url: 'https://example.com/hook',
				auth: { type: 'httpheader', key: 'k' },
				contentType: 'json',
				callbacks: { reply: 'enabled', undeliverable: 'disabled' },
			},
			{
				name: `n8n send and wait 999999 ${'a'.repeat(32)} until none`,
				url: goneUrl,
				auth: { type: 'httpheader', key: 'k' },
				contentType: 'json',
				callbacks: { reply: 'enabled', undeliverable: 'disabled' },
			},
		]);
		const wait = await startWait('cleanup', {});
		const deleted = env
			.sandbox()
			.log.filter((request) => request.method === 'DELETE')
			.map((request) => request.path);
		expect(deleted.sort()).toEqual(
			[`/callbacks/${String(timedOut[0].id)}`, `/callbacks/${goneId}`].sort(),
		);
		const left = (await env.sandbox().state('callbacks')).map((callback) => String(callback.id));
		expect(left.sort()).toEqual([foreignId, String(wait.callback.id)].sort());
		await control('messages/reply', { messageId: wait.messageId, content: 'YES' });
		await finished(wait.workflowId);
		expect((await env.sandbox().state('callbacks')).map((callback) => String(callback.id))).toEqual(
			[foreignId],
		);
	});

	it('8i. n8n offers the operation to AI agents as a "Human in the Loop" tool, with the Message field the node sends', async () => {
		const types = await env
			.n8n()
			.rest<
				Array<{ name: string; properties: Array<{ name: string; default?: unknown }> }>
			>('GET', '/types/nodes.json');
		const hitl = types.find((type) => type.name === 'n8n-nodes-whispir.whispirHitlTool');
		expect(hitl).toBeDefined();
		const fields = new Map(hitl!.properties.map((property) => [property.name, property]));
		expect(fields.get('message')).toBeDefined();
		expect(fields.get('responseType')?.default).toBe('approval');
		expect(
			hitl!.properties
				.filter((property) => property.name === 'operation')
				.every((property) => property.default === 'sendAndWait'),
		).toBe(true);
	});
}
