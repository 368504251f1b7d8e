// Whispir's own example answers, from its OpenAPI, replayed by the sandbox to the node: whatever
// Whispir documents as an answer, the node must read (ids, list keys, pagination).
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from '../integration/support';
import { WhispirContract } from './spec';

const contract = WhispirContract.load();

interface Example {
	status: number;
	mediaType: string;
	name: string;
	body: IDataObject;
}

/** The JSON example answers (2xx) of an operation, named and resolved. */
function examplesOf(operationId: string): Example[] {
	const operation = contract
		.operations()
		.find((candidate) => candidate.operationId === operationId);
	if (!operation) throw new Error(`no operation ${operationId} in the spec`);
	const responses = operation.definition.responses as Record<string, unknown>;
	return Object.entries(responses)
		.filter(([status]) => status.startsWith('2'))
		.flatMap(([status, response]) => {
			const content = (contract.resolve<IDataObject>(response).content ?? {}) as Record<
				string,
				IDataObject
			>;
			return Object.entries(content).flatMap(([mediaType, media]) => {
				const named = Object.entries((media.examples ?? {}) as Record<string, unknown>).map(
					([name, example]) => ({
						name,
						body: contract.resolve<IDataObject>(example).value,
					}),
				);
				const all =
					media.example === undefined
						? named
						: [{ name: 'example', body: media.example }, ...named];
				return all
					.filter(
						(example): example is { name: string; body: IDataObject } =>
							typeof example.body === 'object' && example.body !== null,
					)
					.map((example) => ({ ...example, status: Number(status), mediaType }));
			});
		});
}

/** The id of a list entry: its own, or the last segment of its self link (as Whispir's lists give it). */
function entryId(entry: IDataObject): string | undefined {
	if (typeof entry.id === 'string') return entry.id;
	const links = Array.isArray(entry.link) ? entry.link : entry.link ? [entry.link] : [];
	const self = (links as IDataObject[]).find((link) => link.rel === 'self');
	return typeof self?.uri === 'string' ? new URL(self.uri).pathname.split('/').pop() : undefined;
}

/** Get and Get Many of each resource, with the node's list key and the id parameter of its Get. */
const READS: Array<{
	resource: string;
	path: string;
	listKey: string;
	idParameter?: string;
	get?: string;
	getMany?: string[];
	parameters?: INodeParameters;
}> = [
	{
		resource: 'workspace',
		path: '/workspaces',
		listKey: 'workspaces',
		idParameter: 'workspaceId',
		get: 'workspaceRetrieve',
		getMany: ['workspaceList'],
	},
	{
		resource: 'message',
		path: '/messages',
		listKey: 'messages',
		idParameter: 'messageId',
		get: 'messageRetrieve',
		getMany: ['messageList'],
	},
	{
		resource: 'template',
		path: '/templates',
		listKey: 'messagetemplates',
		idParameter: 'templateId',
		get: 'templateRetrieve',
		getMany: ['templateList'],
	},
	{
		resource: 'responseRule',
		path: '/responserules',
		listKey: 'responseRules',
		idParameter: 'responseRuleId',
		get: 'responseRuleRetrieve',
		getMany: ['reponseRuleList'],
	},
	{
		resource: 'contact',
		path: '/contacts',
		listKey: 'contacts',
		idParameter: 'contactId',
		get: 'contactRetrieve',
		getMany: ['contactList'],
	},
	{
		resource: 'distributionList',
		path: '/distributionlists',
		listKey: 'distributionLists',
		idParameter: 'distributionListId',
		get: 'distributionListRetrieve',
		getMany: ['distributionListList'],
	},
	{
		resource: 'scenario',
		path: '/scenarios',
		listKey: 'scenarios',
		idParameter: 'scenarioId',
		get: 'scenarioRetrieve',
		getMany: ['scenarioList'],
	},
	{
		resource: 'callback',
		path: '/callbacks',
		listKey: 'callbacks',
		idParameter: 'callbackId',
		get: 'callbackRetrieve',
		getMany: ['callbackList'],
	},
	{
		resource: 'resource',
		path: '/resources',
		listKey: 'resources',
		idParameter: 'resourceId',
		get: 'resourceRetrieve',
		getMany: ['resourceList'],
	},
	{
		resource: 'user',
		path: '/users',
		listKey: 'users',
		idParameter: 'userId',
		get: 'userRetrieve',
		getMany: ['userList'],
	},
	{
		resource: 'event',
		path: '/events',
		listKey: 'events',
		idParameter: 'eventId',
		get: 'eventRetrieve',
		getMany: ['eventList'],
	},
	{
		resource: 'customList',
		path: '/customlists',
		listKey: 'customlabels',
		idParameter: 'customListId',
		get: 'customListRetrieve',
		getMany: ['customListList'],
	},
	// The company's and a workspace's activities answer alike; the node reads the company's.
	{
		resource: 'activity',
		path: '/activities',
		listKey: 'activities',
		getMany: ['activityList', 'activityWorkspaceList'],
	},
	{
		resource: 'callbackCall',
		path: '/callbacks/0123456789ABCDEF/calls',
		listKey: 'calls',
		getMany: ['callbackCallList'],
		parameters: { callbackId: { __rl: true, mode: 'id', value: '0123456789ABCDEF' } },
	},
];

const ASKED_ID = '0123456789ABCDEF';

let bed: WhispirTestBed;
beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

/** The sandbox answers the next request under `path` with Whispir's example, as Whispir would. */
function replay(method: string, path: string, example: Example): void {
	bed.sandbox.injectFault({
		type: 'status',
		method,
		path,
		status: example.status,
		headers: { 'Content-Type': example.mediaType },
		body: JSON.stringify(example.body),
	});
}

describe("Whispir's example answers, replayed to the node", () => {
	for (const read of READS) {
		for (const example of read.get ? examplesOf(read.get) : []) {
			it(`${read.get} (${example.name}, ${example.status}) → ${read.resource} Get`, async () => {
				replay('GET', read.path, example);
				const { items, error } = await bed.run(WHISPIR, {
					resource: read.resource,
					operation: 'get',
					[read.idParameter as string]: { __rl: true, mode: 'id', value: ASKED_ID },
				} as INodeParameters);
				expect(error).toBeUndefined();
				expect(items).toHaveLength(1);
				// The record's own id when Whispir gives one; the name or first field is kept as given.
				if (typeof example.body.id === 'string') expect(items[0].json.id).toBe(example.body.id);
				const [field, value] =
					Object.entries(example.body).find(
						([key, v]) => typeof v === 'string' && key !== 'id' && !/pass|secret|key/i.test(key),
					) ?? [];
				if (field) expect(items[0].json[field]).toBe(value);
			});
		}
		for (const operationId of read.getMany ?? []) {
			for (const example of examplesOf(operationId)) {
				it(`${operationId} (${example.name}, ${example.status}) → ${read.resource} Get Many`, async () => {
					replay('GET', read.path, example);
					const { items, error } = await bed.run(WHISPIR, {
						resource: read.resource,
						operation: 'getAll',
						returnAll: true,
						...read.parameters,
					});
					expect(error).toBeUndefined();
					const entries = (example.body[read.listKey] ?? []) as IDataObject[];
					// Every entry of the page, in order; a `status` promising more pages than the example
					// holds ("1 to 20 of 73") sends the node on to the next page, which the sandbox answers empty.
					expect(items).toHaveLength(entries.length);
					expect(items.map((item) => item.json.id)).toEqual(entries.map(entryId));
					const pageRequests = bed.sandbox.log.filter((request) => request.path === read.path);
					expect(pageRequests[0].fault).toBe('status');
					expect(pageRequests.slice(1).every((request) => Number(request.query.offset) > 0)).toBe(
						true,
					);
				});
			}
		}
	}
});

describe("Whispir's example answers to creates, replayed without a Location header", () => {
	const creates: Array<{ operationId: string; path: string; parameters: INodeParameters }> = [
		{
			operationId: 'workspaceCreate',
			path: '/workspaces',
			parameters: { resource: 'workspace', operation: 'create', projectName: 'Ops' },
		},
		{
			operationId: 'templateCreate',
			path: '/templates',
			parameters: {
				resource: 'template',
				operation: 'create',
				messageTemplateName: 'Reminder',
				subject: 'Hi',
				body: 'See you',
			},
		},
		{
			operationId: 'distributionListCreate',
			path: '/distributionlists',
			parameters: {
				resource: 'distributionList',
				operation: 'create',
				name: 'Staff',
				access: 'Open',
				visibility: 'Private',
			},
		},
	];
	for (const create of creates) {
		for (const example of examplesOf(create.operationId)) {
			it(`${create.operationId} (${example.name}) → the id comes from the body`, async () => {
				replay('POST', create.path, example);
				const { items, error } = await bed.run(WHISPIR, create.parameters);
				expect(error).toBeUndefined();
				expect(items[0].json.id).toBe(example.body.id);
				expect(items[0].json).not.toHaveProperty('warning');
			});
		}
	}

	it('a create answered with neither body nor Location warns, as a send does', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			method: 'POST',
			path: '/workspaces',
			status: 201,
			body: '',
		});
		const { items, error } = await bed.run(WHISPIR, {
			resource: 'workspace',
			operation: 'create',
			projectName: 'Ops',
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBeUndefined();
		expect(items[0].json.warning).toMatch(/named no ID.*Do not run this again/);
	});
});

/** The example of one of an operation's documented error answers (ApiErrorNextGen for Verify). */
function errorExampleOf(operationId: string, status: string): IDataObject {
	const operation = contract
		.operations()
		.find((candidate) => candidate.operationId === operationId);
	const response = contract.resolve<IDataObject>(
		(operation?.definition.responses as IDataObject)[status],
	);
	const media = (response.content as Record<string, IDataObject>)['application/json'];
	const [example] = Object.values(media.examples as Record<string, unknown>);
	return contract.resolve<IDataObject>(example).value as IDataObject;
}

describe("Whispir's Verify examples, replayed to the node", () => {
	const sendCode = {
		resource: 'verify',
		operation: 'sendCode',
		workspace: { __rl: true, mode: 'id', value: ASKED_ID },
		to: '+1234567890',
	};
	const checkCode = {
		resource: 'verify',
		operation: 'checkCode',
		otpId: 'azkP8DJEEsujuhwzO-O_N',
		to: '+1234567890',
		code: '963315',
	};
	const replayError = (operationId: string, status: string) =>
		replay('POST', '/otp/', {
			status: Number(status),
			mediaType: 'application/json',
			name: status,
			body: errorExampleOf(operationId, status),
		});

	for (const example of examplesOf('sendCodeCreate')) {
		it(`sendCodeCreate (${example.name}) → Send Code outputs the code's id for Check Code`, async () => {
			replay('POST', '/otp/send-code', example);
			const { items, error } = await bed.run(WHISPIR, sendCode);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: example.body.id, to: example.body.to });
		});
	}

	for (const example of examplesOf('verifyCodeCreate')) {
		it(`verifyCodeCreate (${example.name}, status ${String(example.body.status)}) → not verified, without failing`, async () => {
			replay('POST', '/otp/', example);
			const { items, error } = await bed.run(WHISPIR, checkCode);
			expect(error).toBeUndefined();
			// Only an explicit "verified" counts; the example's status is still "pending".
			expect(items[0].json).toMatchObject({ verified: false, reason: 'wrongCode' });
		});
	}

	it('verifyCodeCreate 404 ("OTP Record … does not exist") → not verified, reason notFound', async () => {
		replayError('verifyCodeCreate', '404');
		const { items, error } = await bed.run(WHISPIR, checkCode);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ verified: false, reason: 'notFound' });
	});

	it('verifyCodeCreate 400 and 500 examples fail the item with their words', async () => {
		for (const status of ['400', '500']) {
			const { detail } = errorExampleOf('verifyCodeCreate', status);
			replayError('verifyCodeCreate', status);
			const { error } = await bed.run(WHISPIR, checkCode);
			expect(`${error?.message} ${error?.description}`).toContain(String(detail));
		}
	});
});

describe('a list page that reports records but lacks the expected key', () => {
	it('fails clearly instead of returning nothing', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			method: 'GET',
			path: '/templates',
			status: 200,
			headers: { 'Content-Type': 'application/vnd.whispir.template-v1+json' },
			body: JSON.stringify({ status: '1 to 2 of 2', templates: [{ id: 'A' }, { id: 'B' }] }),
		});
		const { error } = await bed.run(WHISPIR, {
			resource: 'template',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error?.message).toBe(
			'Whispir\'s list has no "messagetemplates" although it reports 1 to 2 of 2',
		);
		expect(error?.description).toContain('status, templates');
	});
});
