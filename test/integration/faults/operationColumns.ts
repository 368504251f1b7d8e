// The classes of operation of the fault-injection suite: one column of the table each. Every column
// runs the real Whispir node (or the real Whispir Trigger) against its own sandbox, with Continue On
// Fail, and names the one request a fault hits: the target.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { expect } from 'vitest';

import { WhispirApi } from '../../../credentials/WhispirApi.credentials';
import { WhispirTrigger } from '../../../nodes/WhispirTrigger/WhispirTrigger.node';
import { WebhookTriggerHarness } from '../../harness';
import { WHISPIR, type WhispirTestBed } from '../support';
import { colleagueEdits, whenLogged } from './colleague';
import type { FaultRow } from './faultRows';

const TRIGGER = 'n8n-nodes-whispir.whispirTrigger';

/** The request a fault hits: the first one with this method, path (prefix) and query values. */
export interface Target {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	query?: Record<string, string>;
}

export interface Arranged {
	target: Target;
	/** Ids of the seeded records, in item order. */
	ids: string[];
}

export interface ColumnRun {
	/** Output of the node run (Continue On Fail is on). */
	items: INodeExecutionData[];
	/** A trigger's failed activation or deactivation: lifecycle methods have no Continue On Fail. */
	error?: Error;
	/** The trigger was activated again after a failed activation. */
	reactivated?: boolean;
	/** Requests to the target before the re-activation, when there was one. */
	targetRequestsBeforeReactivation?: number;
}

export interface OperationColumn {
	name: string;
	/** Input items of the node run. */
	items: number;
	/** One request for all items (Send Bulk): a failure is one error item paired with every item. */
	batch?: boolean;
	/** Units of work when everything succeeds: messages sent, records stored, read, updated, deleted. */
	units: number;
	/** What a unit is, for the table: "sent", "stored", "read"… */
	unit: string;
	/** Requests to the target when no fault hits. */
	baseline: number;
	arrange(bed: WhispirTestBed): Promise<Arranged>;
	run(bed: WhispirTestBed, arranged: Arranged, row: FaultRow): Promise<ColumnRun>;
	/** Units of work that took effect at Whispir, or were output correctly for reads. */
	done(bed: WhispirTestBed, arranged: Arranged, run: ColumnRun): Promise<number>;
	/** Checks of its own (the read-merge-write of Update). */
	check?(
		bed: WhispirTestBed,
		arranged: Arranged,
		row: FaultRow,
		run: ColumnRun,
	): Promise<string | undefined>;
}

/** The credential's Request Timeout (seconds): one, so that hangs are quick to test, except while warming up. */
let requestTimeout = 1;
export const useRequestTimeout = (seconds: number) => (requestTimeout = seconds);
export const credentialsOf = (bed: WhispirTestBed) => ({
	whispirApi: { ...bed.credentials.whispirApi, requestTimeout },
});

async function runNode(
	bed: WhispirTestBed,
	parameters: INodeParameters,
	items: INodeExecutionData[],
): Promise<ColumnRun> {
	const { items: output, error } = await bed.harness.runNode({
		nodeType: WHISPIR,
		parameters,
		items,
		continueOnFail: true,
		credentials: credentialsOf(bed),
	});
	// With Continue On Fail every failure must be an item, never a failed run.
	expect(error).toBeUndefined();
	return { items: output };
}

const byExpression = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const itemsWith = (ids: string[]) => ids.map((id) => ({ json: { id } }));
const isOk = (item: INodeExecutionData) => item.json.error === undefined;
const contactsSeeded = (bed: WhispirTestBed, count: number) =>
	bed.sandbox.seed(
		'contacts',
		Array.from({ length: count }, (_, index) => ({
			firstName: `Person${index}`,
			lastName: 'Citizen',
			workMobilePhone1: `614000000${String(index).padStart(2, '0')}`,
			department: 'Operations',
		})),
	);
/** The node's requests that a fault rule for this target could hit (it matches paths by prefix). */
export const requestsTo = (bed: WhispirTestBed, { method, path, query = {} }: Target) =>
	bed.sandbox.log.filter(
		(request) =>
			request.method === method &&
			request.path.startsWith(path) &&
			Object.entries(query).every(([key, value]) => request.query[key] === value) &&
			!request.query.colleague,
	);

const send: OperationColumn = {
	name: 'Message Send',
	items: 3,
	units: 3,
	unit: 'sent',
	baseline: 3,
	arrange: async () => ({ target: { method: 'POST', path: '/messages' }, ids: [] }),
	run: async (bed) =>
		await runNode(
			bed,
			{
				resource: 'message',
				operation: 'send',
				to: '={{ $json.phone }}',
				subject: 'Outage',
				body: 'The network is down',
			},
			[0, 1, 2].map((index) => ({ json: { phone: `6142345678${index}` } })),
		),
	done: async (bed) => (await bed.sandbox.state('messages')).length,
};

/** A code texted twice would confuse the person (which one?) and cost a second SMS. */
const sendCode: OperationColumn = {
	name: 'Verify Send Code',
	items: 2,
	units: 2,
	unit: 'sent',
	baseline: 2,
	arrange: async (bed) => ({
		target: { method: 'POST', path: '/otp/send-code' },
		ids: (await bed.sandbox.state('workspaces')).map((workspace) => workspace.id as string),
	}),
	run: async (bed, { ids: [workspaceId] }) =>
		await runNode(
			bed,
			{
				resource: 'verify',
				operation: 'sendCode',
				workspace: { __rl: true, mode: 'id', value: workspaceId },
				to: '={{ $json.phone }}',
			},
			[0, 1].map((index) => ({ json: { phone: `+6142345678${index}` } })),
		),
	done: async (bed) => bed.sandbox.otp.codes.length,
};

const sendBulk: OperationColumn = {
	name: 'Message Send Bulk',
	items: 3,
	batch: true,
	units: 1,
	unit: 'bulk send',
	baseline: 1,
	arrange: async () => ({ target: { method: 'POST', path: '/messages' }, ids: [] }),
	run: async (bed) =>
		await runNode(
			bed,
			{
				resource: 'message',
				operation: 'sendBulk',
				smsMappingField: 'mobile',
				emailMappingField: '',
				subject: 'Outage',
				body: 'Hi @@name@@',
			},
			[0, 1, 2].map((index) => ({
				json: { name: `Person ${index}`, mobile: `6142345678${index}` },
			})),
		),
	// One bulk message stands for the whole send; its per-row messages come with it.
	done: async (bed) =>
		(await bed.sandbox.state('messages')).filter((message) => message._bulkId === undefined).length,
};

const create: OperationColumn = {
	name: 'Contact Create',
	items: 3,
	units: 3,
	unit: 'stored',
	baseline: 3,
	arrange: async () => ({ target: { method: 'POST', path: '/contacts' }, ids: [] }),
	run: async (bed) =>
		await runNode(
			bed,
			{
				resource: 'contact',
				operation: 'create',
				firstName: '={{ $json.first }}',
				lastName: 'Citizen',
				workEmailAddress1: '={{ $json.first.toLowerCase() }}@example.com',
				workMobilePhone1: '61423456789',
				workCountry: 'Australia',
				timezone: 'Australia/Melbourne',
			},
			['Ann', 'Ben', 'Cat'].map((first) => ({ json: { first } })),
		),
	done: async (bed) => (await bed.sandbox.state('contacts')).length,
};

const get: OperationColumn = {
	name: 'Contact Get',
	items: 3,
	units: 3,
	unit: 'read',
	baseline: 1,
	arrange: async (bed) => {
		const ids = contactsSeeded(bed, 3);
		return { target: { method: 'GET', path: `/contacts/${ids[0]}` }, ids };
	},
	run: async (bed, { ids }) =>
		await runNode(
			bed,
			{ resource: 'contact', operation: 'get', contactId: byExpression },
			itemsWith(ids),
		),
	done: async (_bed, { ids }, { items }) =>
		ids.filter((id) => items.some((item) => isOk(item) && item.json.id === id)).length,
};

const LIST_SIZE = 45;
const getMany: OperationColumn = {
	name: 'Contact Get Many (page 2)',
	items: 2,
	units: 2,
	unit: 'full lists',
	// Each item reads page 2 once.
	baseline: 2,
	arrange: async (bed) => {
		contactsSeeded(bed, LIST_SIZE);
		// The first request for page 2 gets the fault, whichever item makes it.
		return { target: { method: 'GET', path: '/contacts', query: { offset: '20' } }, ids: [] };
	},
	run: async (bed) =>
		await runNode(bed, { resource: 'contact', operation: 'getAll', returnAll: true }, [
			{ json: {} },
			{ json: {} },
		]),
	done: async (_bed, _arranged, { items }) =>
		[0, 1].filter((index) => {
			const records = items.filter(
				(item) => isOk(item) && (item.pairedItem as { item: number }).item === index,
			);
			return new Set(records.map((item) => item.json.id)).size === LIST_SIZE;
		}).length,
};

const COLLEAGUE_DEPARTMENT = 'Changed by a colleague meanwhile';
const defaultWorkspace = async (bed: WhispirTestBed) =>
	String((await bed.sandbox.state('workspaces'))[0].id);
// Through the workspace's own path, which a fault armed on /contacts/{id} does not hit.
const colleaguesEdit = (workspaceId: string, id: string) => ({
	path: `/workspaces/${workspaceId}/contacts/${id}`,
	mediaType: 'contact-v1',
	change: { department: COLLEAGUE_DEPARTMENT },
});

const update: OperationColumn = {
	name: 'Contact Update (merge)',
	items: 3,
	units: 3,
	unit: 'updated',
	baseline: 1,
	arrange: async (bed) => {
		const ids = contactsSeeded(bed, 3);
		return { target: { method: 'PUT', path: `/contacts/${ids[0]}` }, ids };
	},
	run: async (bed, { ids, target }, row) => {
		let finished = false;
		// A colleague's edit lands after the node's first read, before its retry reads again: started as
		// soon as that first read is answered, it has the failed write's round trip and the retry's wait
		// to land in (a rate refusal is retried after a few tens of milliseconds). A retry that wrote the
		// first read back would erase it. Slow faults answer too late for that.
		const edit = row.slow
			? Promise.resolve(undefined)
			: whenLogged(
					bed,
					(log) =>
						log.some(
							(request) =>
								request.method === 'GET' &&
								request.path === target.path &&
								!request.query.colleague,
						),
					async () =>
						await colleagueEdits(bed, colleaguesEdit(await defaultWorkspace(bed), ids[0])),
					() => finished,
				);
		const run = await runNode(
			bed,
			{
				resource: 'contact',
				operation: 'update',
				contactId: byExpression,
				updateFields: { jobTitle: 'Lead' },
			},
			itemsWith(ids),
		);
		finished = true;
		expect(await edit).toBeUndefined();
		return run;
	},
	done: async (bed, { ids }) => {
		const stored = await bed.sandbox.state('contacts');
		return ids.filter((id) => stored.find((contact) => contact.id === id)?.jobTitle === 'Lead')
			.length;
	},
	async check(bed, { ids, target }, row, run) {
		const own = [
			...requestsTo(bed, { method: 'GET', path: target.path }),
			...requestsTo(bed, target),
		].sort((a, b) => a.seq - b.seq);
		const writes = own.filter((request) => request.method === 'PUT').length;
		// Every write, the first and each retry, comes right after a read of its own.
		expect(own.map((request) => request.method)).toEqual(
			Array.from({ length: writes }, () => ['GET', 'PUT']).flat(),
		);
		const [first] = (await bed.sandbox.state('contacts')).filter(
			(contact) => contact.id === ids[0],
		);
		const retried = writes > 1;
		if (retried && !row.slow) {
			// The retried write carried a fresh read: the colleague's change survived, and so did ours.
			expect(first).toMatchObject({ department: COLLEAGUE_DEPARTMENT, jobTitle: 'Lead' });
		}
		if (isOk(run.items[0])) expect(first.jobTitle).toBe('Lead');
		return retried
			? `re-read before each write${row.slow ? '' : ", a colleague's edit kept"}`
			: undefined;
	},
};

const remove: OperationColumn = {
	name: 'Contact Delete',
	items: 3,
	units: 3,
	unit: 'deleted',
	baseline: 1,
	arrange: async (bed) => {
		const ids = contactsSeeded(bed, 3);
		return { target: { method: 'DELETE', path: `/contacts/${ids[0]}` }, ids };
	},
	run: async (bed, { ids }) =>
		await runNode(
			bed,
			{ resource: 'contact', operation: 'delete', contactId: byExpression },
			itemsWith(ids),
		),
	done: async (bed) => 3 - (await bed.sandbox.state('contacts')).length,
};

/** Answers Whispir's GET probe (and anything else) with a 200, as a reachable callback URL does. */
export async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer((req, res) => {
		req.resume();
		req.on('end', () => res.writeHead(200).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const callbackCreate = (receiverUrl: () => string): OperationColumn => ({
	name: 'Callback Create',
	items: 3,
	units: 3,
	unit: 'stored',
	baseline: 3,
	arrange: async () => ({ target: { method: 'POST', path: '/callbacks' }, ids: [] }),
	run: async (bed) =>
		await runNode(
			bed,
			{
				resource: 'callback',
				operation: 'create',
				name: '={{ $json.name }}',
				url: receiverUrl(),
				events: ['reply'],
				authKey: 's3cret-key',
			},
			['Hook A', 'Hook B', 'Hook C'].map((name) => ({ json: { name } })),
		),
	done: async (bed) => (await bed.sandbox.state('callbacks')).length,
});

const callbackDelete = (receiverUrl: () => string): OperationColumn => ({
	name: 'Callback Delete',
	items: 3,
	units: 3,
	unit: 'deleted',
	baseline: 1,
	arrange: async (bed) => {
		const ids = bed.sandbox.seed(
			'callbacks',
			['Hook A', 'Hook B', 'Hook C'].map((name) => ({
				name,
				url: receiverUrl(),
				auth: { type: 'httpheader', key: 's3cret-key' },
				callbacks: { reply: 'enabled' },
			})),
		);
		return { target: { method: 'DELETE', path: `/callbacks/${ids[0]}` }, ids };
	},
	run: async (bed, { ids }) =>
		await runNode(
			bed,
			{ resource: 'callback', operation: 'delete', callbackId: byExpression },
			itemsWith(ids),
		),
	done: async (bed) => 3 - (await bed.sandbox.state('callbacks')).length,
});

function triggerOf(bed: WhispirTestBed): WebhookTriggerHarness {
	return new WebhookTriggerHarness({
		nodeType: TRIGGER,
		nodeTypes: { [TRIGGER]: new WhispirTrigger() },
		credentialTypes: { whispirApi: new WhispirApi() },
		credentials: credentialsOf(bed),
		parameters: { events: ['reply'] },
		workflowName: 'Faults',
	});
}

/** Waits until the sandbox has answered (or dropped) the faulted request, so that its effect is visible. */
export async function settled(bed: WhispirTestBed): Promise<void> {
	for (
		let waited = 0;
		waited < 5000 && !bed.sandbox.log.some((request) => request.fault !== undefined);
		waited += 10
	) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const triggerActivate: OperationColumn = {
	name: 'Trigger activation',
	items: 0,
	units: 1,
	unit: 'callback',
	baseline: 1,
	arrange: async () => ({ target: { method: 'POST', path: '/callbacks' }, ids: [] }),
	run: async (bed) => {
		const trigger = triggerOf(bed);
		await trigger.start();
		try {
			const error = await trigger.activate().then(
				() => undefined,
				(failure: Error) => failure,
			);
			if (!error) return { items: [] };
			// What a user does after the error: look, then activate again. The trigger replaces the
			// callback a lost answer left behind (it points at this webhook), so there is one in the end.
			await settled(bed);
			const targetRequestsBeforeReactivation = requestsTo(bed, {
				method: 'POST',
				path: '/callbacks',
			}).length;
			await trigger.activate();
			return { items: [], error, reactivated: true, targetRequestsBeforeReactivation };
		} finally {
			await trigger.stop();
		}
	},
	done: async (bed) => (await bed.sandbox.state('callbacks')).length,
};

const triggerDeactivate: OperationColumn = {
	name: 'Trigger deactivation',
	items: 0,
	units: 1,
	unit: 'deleted',
	baseline: 1,
	// The fault is armed once the trigger is active: the callback's id is known only then.
	arrange: async () => ({ target: { method: 'DELETE', path: '/callbacks/' }, ids: [] }),
	run: async (bed) => {
		const trigger = triggerOf(bed);
		await trigger.start();
		try {
			await trigger.activate();
			const error = await trigger.deactivate().then(
				() => undefined,
				(failure: Error) => failure,
			);
			return { items: [], error };
		} finally {
			await trigger.stop();
		}
	},
	done: async (bed) => 1 - (await bed.sandbox.state('callbacks')).length,
};

export function operationColumns(receiverUrl: () => string): OperationColumn[] {
	return [
		send,
		sendBulk,
		sendCode,
		create,
		get,
		getMany,
		update,
		remove,
		callbackCreate(receiverUrl),
		callbackDelete(receiverUrl),
		triggerActivate,
		triggerDeactivate,
	];
}
