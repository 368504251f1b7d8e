// Catch-up in a real n8n that is stopped while Whispir (the sandbox) tries to deliver, then started
// again: the missed deliveries come out once with the next delivery and are marked SUCCESS at
// Whispir; later deliveries cost no request to Whispir; duplicates run once; Catch Up off replays
// nothing. `checkCatchUp` is the check itself, for every way n8n brings the workflow back.
import { expect } from 'vitest';

import type { LoggedRequest, Sandbox } from '../sandbox/server';
import { nodeOutput, type Execution, type N8n } from './support/n8n';
import { waitFor } from './support/processes';
import { chain, triggerNode, type CredentialRef } from './support/workflows';

const isDone = (execution: Execution) =>
	execution.finished ||
	['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

export interface CatchUpTrigger {
	workflowId: string;
	callbackName: string;
	callbackId: string;
	callbackUrl: string;
	callbackKey: string;
}

/** Creates and activates a workflow with a Whispir Trigger on replies and undeliverables. */
export async function activateTrigger(
	n8n: N8n,
	sandbox: Sandbox,
	credential: CredentialRef,
	callbackName: string,
	catchUp: boolean,
): Promise<CatchUpTrigger> {
	const workflowId = await n8n.createWorkflow(
		chain(`E2E ${callbackName}`, [
			triggerNode('Whispir Trigger', credential, {
				events: ['reply', 'undeliverable'],
				options: { callbackName, catchUp },
			}),
		]),
	);
	await n8n.activate(workflowId);
	const callback = await waitFor(`the callback "${callbackName}"`, async () =>
		(await sandbox.state('callbacks')).find((candidate) => candidate.name === callbackName),
	);
	return {
		workflowId,
		callbackName,
		callbackId: String(callback.id),
		callbackUrl: String(callback.url),
		callbackKey: String((callback.auth as { key: string }).key),
	};
}

/** Sends an SMS with the trigger's callback straight to the sandbox's API; returns the message id. */
export async function sendWithCallback(sandbox: Sandbox, callbackName: string): Promise<string> {
	const { apiKey, username, password } = sandbox.credentials;
	const response = await fetch(`${sandbox.url}/messages?apikey=${apiKey}`, {
		method: 'POST',
		headers: {
			'x-api-key': apiKey,
			Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
			'Content-Type': 'application/vnd.whispir.message-v1+json',
		},
		body: JSON.stringify({
			to: '61400000009',
			subject: 'E2E',
			body: 'Reply YES',
			callbackId: callbackName,
			callbackParameters: { ticket: 'T-1' },
		}),
	});
	expect(response.status).toBe(202);
	return response.headers.get('location')!.split('?')[0].split('/').pop()!;
}

/** Whispir reports a reply or an undeliverable: the sandbox delivers it to the callback (or records it FAILED). */
export async function whispirReports(
	sandbox: Sandbox,
	event: 'reply' | 'undeliverable',
	messageId: string,
	text: string,
): Promise<void> {
	const response = await fetch(`${sandbox.url}/__sandbox/messages/${event}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(
			event === 'reply' ? { messageId, content: text } : { messageId, reason: text },
		),
	});
	expect(response.status, await response.text()).toBe(200);
}

async function failedCalls(sandbox: Sandbox, trigger: CatchUpTrigger): Promise<number> {
	return (await sandbox.state('calls', undefined, trigger.callbackId)).filter(
		(call) => call.status === 'FAILED',
	).length;
}

const callsRequests = (sandbox: Sandbox, trigger: CatchUpTrigger) =>
	sandbox.log.filter(
		(request: LoggedRequest) => request.path === `/callbacks/${trigger.callbackId}/calls`,
	);

/** What each of the workflow's executions output, oldest first, as [content, replayed]. */
async function outputs(n8n: N8n, trigger: CatchUpTrigger, count: number): Promise<unknown[][][]> {
	const executions = await waitFor(
		`${count} execution(s) of "${trigger.callbackName}"`,
		async () => {
			const found = await n8n.executions(trigger.workflowId);
			return found.length >= count && found.every(isDone) ? found : undefined;
		},
	);
	return [...executions]
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((execution) =>
			nodeOutput(execution, 'Whispir Trigger').map((item) => [item.content, item.replayed]),
		);
}

/** After a restart the webhook may take a moment to be served again: Whispir's GET probe answers 200 once it is. */
export async function waitForWebhook(trigger: CatchUpTrigger): Promise<void> {
	await waitFor(
		`the webhook of "${trigger.callbackName}" to be served`,
		async () => {
			const response = await fetch(trigger.callbackUrl, { signal: AbortSignal.timeout(5_000) });
			await response.arrayBuffer();
			return response.status === 200 ? true : undefined;
		},
		60_000,
		500,
	);
}

/** Posts a delivery with the callback's key, as Whispir does, and returns n8n's answer. */
async function deliverDirectly(
	trigger: CatchUpTrigger,
	body: object,
): Promise<{ status: number; text: string }> {
	const response = await fetch(trigger.callbackUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Whispir-Callback-Key': trigger.callbackKey },
		body: JSON.stringify(body),
	});
	return { status: response.status, text: await response.text() };
}

/**
 * The check after a restart during which `missed` deliveries failed at Whispir (`executionsBefore`
 * executions exist already): one delivery brings them out in front of it, marked replayed, and they
 * are marked SUCCESS; a second delivery replays nothing and reads nothing from Whispir; a copy of a
 * delivery runs nothing; n8n answers Whispir with a message, not "firstEntryJson".
 */
export async function checkCatchUp(
	n8n: N8n,
	sandbox: Sandbox,
	trigger: CatchUpTrigger,
	missed: string[],
	executionsBefore: number,
): Promise<void> {
	expect(await failedCalls(sandbox, trigger)).toBe(missed.length);
	await waitForWebhook(trigger);
	const messageId = await sendWithCallback(sandbox, trigger.callbackName);
	await whispirReports(sandbox, 'reply', messageId, 'after restart');
	const afterFirst = await outputs(n8n, trigger, executionsBefore + 1);
	expect(afterFirst.at(-1)).toEqual([
		...missed.map((content) => [content, true]),
		['after restart', false],
	]);
	expect(await failedCalls(sandbox, trigger)).toBe(0);
	expect(callsRequests(sandbox, trigger).map((request) => request.method)).toEqual(['GET', 'PUT']);

	// Steady state: no request to Whispir, no second replay.
	await whispirReports(sandbox, 'reply', messageId, 'next');
	const afterSecond = await outputs(n8n, trigger, executionsBefore + 2);
	expect(afterSecond.at(-1)).toEqual([['next', false]]);
	expect(callsRequests(sandbox, trigger)).toHaveLength(2);

	// A copy of a delivery that ran (Whispir retrying when n8n's 200 was lost) is acknowledged and runs nothing.
	const [stored] = (await sandbox.state('calls', undefined, trigger.callbackId)).slice(-1);
	const copy = {
		messageid: stored.messageId,
		messagelocation: stored.messageLocation,
		from: stored.from,
		responseMessage: stored.responseMessage,
		customParameters: { ticket: 'T-1' },
	};
	expect(await deliverDirectly(trigger, copy)).toEqual({
		status: 200,
		text: JSON.stringify({ message: 'Received; this delivery was already handled' }),
	});
	// A new delivery gets n8n's usual answer.
	const fresh = await deliverDirectly(trigger, {
		...copy,
		responseMessage: { ...(stored.responseMessage as object), content: 'direct' },
	});
	expect(fresh).toEqual({ status: 200, text: JSON.stringify({ message: 'Workflow was started' }) });
	expect(await outputs(n8n, trigger, executionsBefore + 3)).toHaveLength(executionsBefore + 3);
}

/** With Catch Up off, the next delivery comes out alone, nothing is read from Whispir, the missed calls stay FAILED. */
export async function checkNoCatchUp(
	n8n: N8n,
	sandbox: Sandbox,
	trigger: CatchUpTrigger,
	missed: number,
	executionsBefore: number,
): Promise<void> {
	await waitForWebhook(trigger);
	const messageId = await sendWithCallback(sandbox, trigger.callbackName);
	await whispirReports(sandbox, 'reply', messageId, 'after restart');
	const executions = await outputs(n8n, trigger, executionsBefore + 1);
	expect(executions.at(-1)).toEqual([['after restart', false]]);
	expect(callsRequests(sandbox, trigger)).toEqual([]);
	expect(await failedCalls(sandbox, trigger)).toBe(missed);
}
