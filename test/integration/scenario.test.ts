import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MEDIA = 'application/vnd.whispir.scenario-v1+json';
const scenario = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'scenario',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);

function seedScenario(fields: Record<string, unknown> = {}) {
	return bed.sandbox.seed('scenarios', [
		{
			title: 'Fire Block A',
			description: 'Evacuation of block A',
			allowedUsers: 'SELECTEDUSERS',
			allowedUserIds: 'U1,U2',
			message: {
				to: '61423456789',
				subject: 'Fire',
				body: 'Leave the building now',
				label: 'fire-a',
				email: { body: 'Leave now', footer: 'Facilities', type: 'text/plain' },
			},
			...fields,
		},
	])[0];
}

describe('Scenario → Create', () => {
	it('posts name and title, description and the SMS, and returns the created scenario with its id', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			scenario('create', {
				title: 'Fire Block A',
				description: 'Evacuation of block A',
				// Read as Message → Send reads "To": any separator, phone numbers as digits, each once.
				to: '+61 423 456 789, Staff.373947@List.whispir.com\n61423456789',
				subject: 'Fire',
				body: 'Leave the building now',
				additionalFields: {
					label: 'fire-a',
					allowedUsers: 'SELECTEDUSERS',
					allowedUserIds: 'U1,U2',
					emailBody: 'Leave now',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0]).toMatchObject({
			path: '/scenarios',
			contentType: MEDIA,
			status: 201,
			body: {
				name: 'Fire Block A',
				title: 'Fire Block A',
				description: 'Evacuation of block A',
				allowedUsers: 'SELECTEDUSERS',
				allowedUserIds: 'U1,U2',
				message: {
					to: '61423456789;Staff.373947@List.whispir.com',
					subject: 'Fire',
					body: 'Leave the building now',
					label: 'fire-a',
					email: { body: 'Leave now', type: 'text/plain' },
				},
			},
		});
		const [stored] = await bed.sandbox.state('scenarios');
		expect(items[0].json).toMatchObject({
			id: stored.id,
			title: 'Fire Block A',
			allowedUsers: 'SELECTEDUSERS',
		});
		expect(typeof items[0].json.createdTime).toBe('number');
	});

	it('refuses Selected Users without user IDs before sending', async () => {
		const { error } = await bed.run(
			WHISPIR,
			scenario('create', {
				title: 'T',
				description: 'D',
				to: '61423456789',
				subject: 'S',
				body: 'B',
				additionalFields: { allowedUsers: 'SELECTEDUSERS' },
			}),
		);
		expect(error?.message).toBe('"Allowed User IDs" is empty in item 0');
		expect(requests('POST')).toHaveLength(0);
	});
});

describe('Scenario → Update', () => {
	it('refuses an update with nothing to change before any request', async () => {
		const id = seedScenario();
		for (const updateFields of [{}, { body: ' ', title: '' }]) {
			const { error } = await bed.run(
				WHISPIR,
				scenario('update', { scenarioId: byId(id), updateFields }),
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe('Nothing to update in item 0');
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('changes the SMS body and keeps everything else, the email section included', async () => {
		const id = seedScenario();
		const { error } = await bed.run(
			WHISPIR,
			scenario('update', {
				scenarioId: byId(id),
				updateFields: { body: 'Use stairs B', emailFooter: 'Security' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')[0]).toMatchObject({
			path: `/scenarios/${id}`,
			contentType: MEDIA,
			status: 204,
		});
		const [stored] = await bed.sandbox.state('scenarios');
		expect(stored).toMatchObject({
			title: 'Fire Block A',
			description: 'Evacuation of block A',
			allowedUsers: 'SELECTEDUSERS',
			allowedUserIds: 'U1,U2',
			message: {
				to: '61423456789',
				subject: 'Fire',
				body: 'Use stairs B',
				label: 'fire-a',
				email: { body: 'Leave now', footer: 'Security', type: 'text/plain' },
			},
		});
	});

	it('drops the user IDs when the scenario goes back to Everyone', async () => {
		const id = seedScenario();
		const { error } = await bed.run(
			WHISPIR,
			scenario('update', { scenarioId: byId(id), updateFields: { allowedUsers: 'EVERYONE' } }),
		);
		expect(error).toBeUndefined();
		const [stored] = await bed.sandbox.state('scenarios');
		expect(stored.allowedUsers).toBe('EVERYONE');
		expect(stored).not.toHaveProperty('allowedUserIds');
	});
});

describe('Scenario → Run', () => {
	it('posts to the scenario without a body and the sandbox sends its message', async () => {
		const id = seedScenario();
		const { items, error } = await bed.run(WHISPIR, scenario('run', { scenarioId: byId(id) }));
		expect(error).toBeUndefined();
		const [post] = requests('POST');
		expect(post).toMatchObject({ path: `/scenarios/${id}`, status: 204 });
		expect(post.body).toBeUndefined();
		expect(post.contentType).toBeUndefined();
		expect(items[0].json).toEqual({ id, ran: true });
		const messages = await bed.sandbox.state('messages');
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({
			subject: 'Fire',
			body: 'Leave the building now',
			label: 'fire-a',
		});
	});

	it('runs a scenario of another workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Site B' }]);
		const [id] = bed.sandbox.seed(
			'scenarios',
			[
				{
					title: 'Drill',
					description: 'D',
					message: { to: '61423456789', subject: 'Drill', body: 'Drill now' },
				},
			],
			workspaceId,
		);
		const { error } = await bed.run(
			WHISPIR,
			scenario('run', { workspace: byId(workspaceId), scenarioId: byId(id) }),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0].path).toBe(`/workspaces/${workspaceId}/scenarios/${id}`);
		expect(await bed.sandbox.state('messages', workspaceId)).toHaveLength(1);
	});
});

describe('Scenario → Get, Get Many, Delete', () => {
	it('lists scenarios with the id taken from the self link', async () => {
		const id = seedScenario();
		const { items } = await bed.run(WHISPIR, scenario('getAll', { returnAll: true }));
		const list = bed.sandbox.log.at(-1);
		expect(list).toMatchObject({ method: 'GET', path: '/scenarios', accept: MEDIA });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id, title: 'Fire Block A' });
	});

	it('gets and deletes one scenario', async () => {
		const id = seedScenario();
		const got = await bed.run(WHISPIR, scenario('get', { scenarioId: byId(id) }));
		expect(got.items[0].json).toMatchObject({
			title: 'Fire Block A',
			message: { body: 'Leave the building now' },
		});
		const deleted = await bed.run(WHISPIR, scenario('delete', { scenarioId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/scenarios/${id}`,
			status: 204,
		});
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('scenarios')).toHaveLength(0);
	});
});
