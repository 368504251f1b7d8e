// `npm run demo`: the nodes in a real n8n, on the Whispir sandbox, in one command.
// Packs the package (which builds it), ensures the n8n 2.40.7 runtime (the e2e tests' cache),
// starts the sandbox and n8n with the package installed as users install it, creates the owner,
// a "Whispir Sandbox" credential and the example workflows, activates the reply-trigger example, and
// starts the approval example, which waits for the approver's SMS reply.
// Ctrl-C stops everything and removes the demo's n8n folder.
//
// `npm run demo:reply [-- "text"]` simulates a patient's reply to the demo's appointment request,
// so that the trigger fires; `npm run demo:reply -- --approval ["text"]` answers the approval request.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { startSandbox, type Sandbox } from '../test/sandbox/server';
import { DEFAULT_OWNER, N8n, nodeOutput } from '../test/e2e/support/n8n';
import { CREDENTIAL_TYPE, REPO, installPackage, packPackage } from '../test/e2e/support/package';
import { freePort, stopAll, stopChildrenOnSignals, waitFor } from '../test/e2e/support/processes';
import { withCredential, type Workflow } from '../test/e2e/support/workflows';
import { ensureRuntime } from './n8n-runtime';

const RUNTIME = 'n8n-2.40.7';
const REPLY_EXAMPLE = 'auto-reply-to-sms-reply.json';
const APPROVAL_EXAMPLE = 'approve-a-request-by-sms.json';
const PATIENT = '61400000001';
const APPROVER = '61400000002';
/** The callback name the reply example's trigger registers (its Options → Callback Name). */
const CALLBACK_NAME = 'Appointment replies';
/** Where the running demo tells `npm run demo:reply` how to reach its sandbox. */
const STATE_FILE = join(tmpdir(), 'n8n-nodes-whispir-demo.json');
/** n8n's output, kept after the demo stops (the demo's n8n folder is removed). */
const LOG_FILE = join(tmpdir(), 'n8n-nodes-whispir-demo-n8n.log');

interface DemoState {
	sandboxUrl: string;
	messageId: string;
	/** The approval example's question to the approver. */
	approvalMessageId: string;
}

const say = (line = '') => console.log(line);

async function demo(): Promise<void> {
	let sandbox: Sandbox | undefined;
	let n8n: N8n | undefined;
	let userFolder: string | undefined;
	// Set by Ctrl-C before n8n is stopped, so that n8n's exit is not taken for a crash.
	let interrupted = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
		process.on(signal, () => (interrupted = true));
	// One shutdown, however many callers (Ctrl-C, n8n crashing, a failed start) ask for it.
	let stopping: Promise<void> | undefined;
	const stop = async () =>
		await (stopping ??= (async () => {
			await n8n?.stop();
			if (n8n) writeFileSync(LOG_FILE, n8n.output());
			await stopAll();
			await sandbox?.close();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
			rmSync(STATE_FILE, { force: true });
		})());
	stopChildrenOnSignals(async () => {
		await stop();
		say('\nStopped n8n and the sandbox, and removed the demo folder.');
	});

	try {
		say('Building and packing n8n-nodes-whispir…');
		const tarball = packPackage();
		const runtime = await ensureRuntime(RUNTIME, say);

		sandbox = await startSandbox({ port: await freePort(4010) });
		userFolder = mkdtempSync(join(tmpdir(), 'whispir-demo-'));
		installPackage(tarball, userFolder);
		rmSync(dirname(tarball), { recursive: true, force: true });

		say(`Starting ${runtime.spec.label} (about half a minute)…`);
		n8n = await N8n.start(runtime, { userFolder, port: await freePort(5678) });
		await n8n.setupOwner(DEFAULT_OWNER);
		await n8n.createApiKey();
		const credential = await n8n.createCredential('Whispir Sandbox', CREDENTIAL_TYPE, {
			region: 'custom',
			baseUrl: sandbox.url,
			...sandbox.credentials,
			rateLimit: 'auto',
		});

		// The README's example workflows, wired to the sandbox credential.
		const examples = join(REPO, 'examples');
		let replyWorkflowId = '';
		let approvalWorkflowId = '';
		for (const file of readdirSync(examples)
			.filter((name) => name.endsWith('.json'))
			.sort()) {
			const { name, nodes, connections } = JSON.parse(
				readFileSync(join(examples, file), 'utf8'),
			) as Workflow;
			const id = await n8n.createWorkflow(withCredential({ name, nodes, connections }, credential));
			if (file === REPLY_EXAMPLE) replyWorkflowId = id;
			if (file === APPROVAL_EXAMPLE) approvalWorkflowId = id;
		}
		await n8n.activate(replyWorkflowId);
		await n8n.activate(approvalWorkflowId);
		// The trigger registers its callback at the sandbox as it activates (2.40: a moment after the call returns).
		const box = sandbox;
		await waitFor('the reply trigger to register its callback at the sandbox', async () =>
			(await box.state('callbacks')).some((callback) => callback.name === CALLBACK_NAME)
				? true
				: undefined,
		);

		// The appointment request the example answers: sent earlier with the trigger's callback name.
		const messageId = await sendAppointmentRequest(sandbox);
		const approvalMessageId = await startApprovalRequest(n8n, sandbox);
		const state: DemoState = { sandboxUrl: sandbox.url, messageId, approvalMessageId };
		writeFileSync(STATE_FILE, JSON.stringify(state));

		say();
		say(`n8n is running at ${n8n.url}`);
		say(`  Log in with ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`);
		say(`  Whispir sandbox: ${sandbox.url} (credential "Whispir Sandbox"; n8n's log: ${LOG_FILE})`);
		say(
			`  Example workflows imported from examples/; "${REPLY_EXAMPLE.replace('.json', '')}" and "${APPROVAL_EXAMPLE.replace('.json', '')}" are active.`,
		);
		say();
		say(
			'Simulate the patient replying YES to the appointment request (message ' + messageId + '):',
		);
		say('  npm run demo:reply            (or: npm run demo:reply -- "Can we make it 11?")');
		say(
			`  curl -X POST ${sandbox.url}/__sandbox/messages/reply -H 'Content-Type: application/json' \\`,
		);
		say(`       -d '{"messageId":"${messageId}","content":"YES"}'`);
		say(`Then open ${n8n.url}/workflow/${replyWorkflowId}/executions to see the run.`);
		say();
		say(
			`The approval example is waiting for the approver's answer (message ${approvalMessageId} to ${APPROVER}):`,
		);
		say(
			'  npm run demo:reply -- --approval           (replies YES; or: npm run demo:reply -- --approval "no, too expensive")',
		);
		say(`Then open ${n8n.url}/workflow/${approvalWorkflowId}/executions to see it continue.`);
		say('Press Ctrl-C to stop everything.');
		say();

		const running = n8n;
		const announce = setInterval(() => {
			void announceExecutions(running, replyWorkflowId, describeReplyRun);
			void announceExecutions(running, approvalWorkflowId, describeApprovalRun);
		}, 2_000);
		running.child.process.once('exit', () => {
			clearInterval(announce);
			if (!interrupted) {
				say('n8n stopped unexpectedly; see ' + LOG_FILE);
				void stop().then(() => process.exit(1));
			}
		});
	} catch (error) {
		if (n8n) console.error(n8n.output().slice(-3000));
		await stop();
		throw error;
	}
}

/** POSTs an SMS to the sandbox as the Whispir API, with the example trigger's callback name. */
async function sendAppointmentRequest(sandbox: Sandbox): Promise<string> {
	const { username, password, apiKey } = sandbox.credentials;
	const response = await fetch(`${sandbox.url}/messages?apikey=${apiKey}`, {
		method: 'POST',
		headers: {
			Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
			'x-api-key': apiKey,
			'Content-Type': 'application/vnd.whispir.message-v1+json',
			Accept: 'application/vnd.whispir.message-v1+json',
		},
		body: JSON.stringify({
			to: PATIENT,
			subject: 'Appointment A-1001',
			body: 'Reply YES to confirm your appointment tomorrow at 10:00',
			callbackId: CALLBACK_NAME,
			callbackParameters: { appointmentId: 'A-1001' },
		}),
	});
	const location = response.headers.get('location');
	if (response.status !== 202 || !location) {
		throw new Error(
			`The sandbox refused the appointment request (${response.status}: ${await response.text()})`,
		);
	}
	return location.split('/').pop()!.split('?')[0];
}

/** Starts the approval example through its webhook; returns the ID of the question sent to the approver. */
async function startApprovalRequest(n8n: N8n, sandbox: Sandbox): Promise<string> {
	await n8n.callWebhook('approve-request', {
		request: 'a new laptop ($2,400)',
		requester: 'Jo',
		requesterMobile: PATIENT,
		approver: APPROVER,
	});
	// The node sends the question once n8n has stored the execution as waiting.
	const question = await waitFor('the approval example to ask the approver', async () =>
		(await sandbox.state('messages')).find((message) => message.to === APPROVER),
	);
	return String(question.id);
}

type Execution = Awaited<ReturnType<N8n['executions']>>[number];

const describeReplyRun = (execution: Execution) => {
	const reply = nodeOutput(execution, 'Auto-reply')[0];
	const trigger = nodeOutput(execution, 'Whispir Trigger')[0];
	return (
		(trigger
			? ` (reply "${String(trigger.content)}" from ${String((trigger.from as { mobile?: string })?.mobile)})`
			: '') + (reply ? `, auto-reply sent as message ${String(reply.id)}` : '')
	);
};

const describeApprovalRun = (execution: Execution) => {
	const answer = nodeOutput(execution, 'Ask the approver')[0];
	if (!answer) return '';
	const outcome =
		answer.approved === true
			? 'approved'
			: answer.approved === false
				? 'declined'
				: 'no answer in time';
	return ` (approval: ${outcome}${answer.reply === undefined ? '' : `, reply "${String(answer.reply)}"`})`;
};

const announced = new Map<string, number>();
let n8nLogWritten = 0;
/** Prints each new finished execution of a workflow, and keeps n8n's output in the log file. */
async function announceExecutions(
	n8n: N8n,
	workflowId: string,
	describe: (execution: Execution) => string,
): Promise<void> {
	const output = n8n.output();
	if (output.length !== n8nLogWritten) {
		writeFileSync(LOG_FILE, output);
		n8nLogWritten = output.length;
	}
	// Waiting executions are not news (2.40 lists them; 2.8 does not).
	const executions = (await n8n.executions(workflowId).catch(() => [])).filter(
		(execution) => execution.status !== 'waiting',
	);
	const seen = announced.get(workflowId) ?? 0;
	for (const execution of executions.slice(0, executions.length - seen).reverse()) {
		say(
			`Execution ${execution.id}: ${String(execution.status ?? (execution.finished ? 'success' : 'running'))}${describe(execution)}`,
		);
	}
	announced.set(workflowId, Math.max(seen, executions.length));
}

/** `npm run demo:reply [-- [--approval] text]`: the patient answers the appointment request, or the approver the approval request. */
async function simulateReply(args: string[]): Promise<void> {
	const toApproval = args[0] === '--approval';
	const content = (toApproval ? args.slice(1) : args).join(' ') || 'YES';
	let state: DemoState;
	try {
		state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DemoState;
	} catch {
		throw new Error('No demo is running: start one with `npm run demo` first.');
	}
	const response = await fetch(`${state.sandboxUrl}/__sandbox/messages/reply`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			messageId: toApproval ? state.approvalMessageId : state.messageId,
			content,
		}),
	});
	if (!response.ok)
		throw new Error(`The sandbox answered ${response.status}: ${await response.text()}`);
	say(
		toApproval
			? `Replied "${content}" to the approval request; the demo prints the execution when it continues.`
			: `Replied "${content}" to message ${state.messageId}; the demo prints the execution it started.`,
	);
}

const [command, ...rest] = process.argv.slice(2);
(command === 'reply' ? simulateReply(rest) : demo()).catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
