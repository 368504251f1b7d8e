// examples/auto-reply-to-sms-reply.json end to end: its Whispir Trigger registers its callback at the
// sandbox through the WebhookTriggerHarness, a reply to a message sent with that callback name comes
// out of the trigger, and the example's workflow runs from the trigger with that item, as n8n's
// webhook server starts it (the trigger node first: a webhook node passes its items through, so
// `$('Whispir Trigger')` in the later nodes resolves to the reply).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, INode, INodeExecutionData } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { WhispirTrigger } from '../../nodes/WhispirTrigger/WhispirTrigger.node';
import { Harness, WebhookTriggerHarness } from '../harness';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

const TRIGGER = 'n8n-nodes-whispir.whispirTrigger';
const example = JSON.parse(
	readFileSync(join(__dirname, '../../examples/auto-reply-to-sms-reply.json'), 'utf8'),
) as {
	name: string;
	nodes: INode[];
	connections: IConnections;
};
const triggerNode = example.nodes.find((node) => node.type === TRIGGER)!;
const CALLBACK_NAME = 'Appointment replies';
const PATIENT = '61400000001';

let bed: WhispirTestBed;
let trigger: WebhookTriggerHarness;
// bed.harness knows only the Whispir node; the example's workflow also holds the trigger.
const harness = new Harness({
	nodeTypes: { [WHISPIR]: new Whispir(), [TRIGGER]: new WhispirTrigger() },
	credentialTypes: { whispirApi: new WhispirApi() },
});

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(async () => {
	bed.sandbox.reset();
	trigger = new WebhookTriggerHarness({
		nodeType: TRIGGER,
		nodeTypes: { [TRIGGER]: new WhispirTrigger() },
		credentialTypes: { whispirApi: new WhispirApi() },
		credentials: { whispirApi: bed.credentials.whispirApi },
		parameters: triggerNode.parameters,
		nodeName: triggerNode.name,
		workflowName: example.name,
	});
	await trigger.start();
	await trigger.activate();
});
afterEach(async () => await trigger.stop());

/** The appointment request the example answers: an SMS sent (Message → Send) with the trigger's callback name. */
async function sendAppointmentRequest(appointmentId: string): Promise<string> {
	const sent = await bed.run(WHISPIR, {
		resource: 'message',
		operation: 'send',
		to: PATIENT,
		subject: `Appointment ${appointmentId}`,
		body: 'Reply YES to confirm your appointment tomorrow at 10:00',
		options: {
			callback: { __rl: true, mode: 'name', value: CALLBACK_NAME },
			callbackParameters: { parameter: [{ key: 'appointmentId', value: appointmentId }] },
		},
	});
	expect(sent.error).toBeUndefined();
	return String(sent.items[0].json.id);
}

/** A recipient's reply, simulated by the sandbox, which calls the trigger's webhook. */
async function reply(messageId: string, content: string): Promise<INodeExecutionData> {
	const before = trigger.executions.length;
	const response = await fetch(`${bed.sandbox.url}/__sandbox/messages/reply`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ messageId, content }),
	});
	expect(response.status, await response.text()).toBe(200);
	expect(trigger.executions).toHaveLength(before + 1);
	return trigger.executions[before].items[0];
}

/** The example's workflow, started at its trigger with the item the trigger emitted. */
async function runExample(triggerItem: INodeExecutionData) {
	return await harness.runWorkflow({
		nodes: example.nodes,
		connections: example.connections,
		startNode: triggerNode.name,
		items: [triggerItem],
		credentials: { whispirApi: bed.credentials.whispirApi },
	});
}

describe('examples/auto-reply-to-sms-reply.json', () => {
	it('registers the callback named in the trigger, then confirms a YES reply to the replier with the appointment ID', async () => {
		expect(
			bed.sandbox.log.find((request) => request.method === 'POST' && request.path === '/callbacks'),
		).toMatchObject({
			status: 201,
			body: { name: CALLBACK_NAME, url: trigger.webhookUrl(), callbacks: { reply: 'enabled' } },
		});

		const messageId = await sendAppointmentRequest('A-1001');
		const triggerItem = await reply(messageId, 'yes');
		expect(triggerItem.json).toMatchObject({
			event: 'reply',
			messageId,
			from: { mobile: PATIENT },
			content: 'yes',
			customParameters: { appointmentId: 'A-1001' },
			callbackName: CALLBACK_NAME,
		});

		const logged = bed.sandbox.log.length;
		const run = await runExample(triggerItem);
		expect(run.error).toBeUndefined();
		const requests = bed.sandbox.log.slice(logged);

		// "Get original request" read the message the reply was about.
		expect(
			requests.find(
				(request) => request.method === 'GET' && request.path === `/messages/${messageId}`,
			),
		).toMatchObject({ status: 200 });
		expect(run.output('Get original request').map((item) => item.json)).toEqual([
			expect.objectContaining({ id: messageId, subject: 'Appointment A-1001' }),
		]);

		// "Auto-reply" answered the replier, under the same callback and appointment ID.
		const sends = requests.filter(
			(request) => request.method === 'POST' && request.path === '/messages',
		);
		expect(sends).toHaveLength(1);
		expect(sends[0]).toMatchObject({
			status: 202,
			body: {
				to: PATIENT,
				subject: 'Re: Appointment A-1001',
				body: 'Thanks, your appointment A-1001 is confirmed.',
				callbackId: CALLBACK_NAME,
				callbackParameters: { appointmentId: 'A-1001' },
			},
		});
		const [answer] = run.output('Auto-reply');
		expect(answer.json.id).toEqual(expect.any(String));
		expect(answer.json.id).not.toBe(messageId);

		// The appointment ID is carried on: a reply to the auto-reply comes back to the trigger with it.
		const next = await reply(String(answer.json.id), 'Thanks');
		expect(next.json).toMatchObject({
			messageId: answer.json.id,
			customParameters: { appointmentId: 'A-1001' },
			callbackName: CALLBACK_NAME,
		});
	});

	it('answers any other reply with a call-back promise naming the appointment', async () => {
		const messageId = await sendAppointmentRequest('A-2002');
		const run = await runExample(await reply(messageId, 'Can we make it 11?'));
		expect(run.error).toBeUndefined();

		const send = bed.sandbox.log
			.filter((request) => request.method === 'POST' && request.path === '/messages')
			.at(-1);
		expect(send?.body).toMatchObject({
			to: PATIENT,
			body: 'Thanks for your reply about appointment A-2002. We will call you shortly.',
			callbackParameters: { appointmentId: 'A-2002' },
		});
		expect(run.output('Auto-reply')).toHaveLength(1);
	});
});
