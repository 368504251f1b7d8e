import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const activity = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'activity',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Activity → Create', () => {
	it('posts the documented values to the chosen workspace and returns the id from Location', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const { items, error } = await bed.run(
			WHISPIR,
			activity('create', {
				workspace: byId(workspaceId),
				module: 'Contact',
				action: 'Contact Import File',
				status: 'Successful',
				description: 'Synced 120 contacts from HR',
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'POST',
			path: `/workspaces/${workspaceId}/activities`,
			contentType: 'application/vnd.whispir.activity-v1+json',
			status: 201,
			body: {
				module: 'Contact',
				action: 'Contact Import File',
				status: 'Successful',
				description: 'Synced 120 contacts from HR',
			},
		});
		const [stored] = await bed.sandbox.state('activities', workspaceId);
		expect(stored).toMatchObject({ workspaceName: 'Ops', module: 'Contact' });
		expect(items[0].json).toMatchObject({
			id: stored.id,
			module: 'Contact',
			action: 'Contact Import File',
		});
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('refuses an empty description before sending; Continue On Fail keeps the other items', async () => {
		const { items } = await bed.run(
			WHISPIR,
			activity('create', {
				module: 'Message',
				action: 'Send',
				status: 'Failed',
				description: '={{ $json.text }}',
			}),
			{
				items: [{ json: { text: 'first' } }, { json: {} }, { json: { text: 'third' } }],
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.json.description ?? item.json.error)).toEqual([
			'first',
			'"Description" is empty in item 1',
			'third',
		]);
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(2);
	});
});

describe('Activity → Get', () => {
	it('reads one activity by ID, company-wide or in its workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const [id] = bed.sandbox.seed(
			'activities',
			[
				{
					module: 'Message',
					action: 'Send',
					status: 'Successful',
					description: 'Paged on-call',
					user: 'james',
					time: '05/03/24 09:30',
					workspaceName: 'Ops',
				},
			],
			workspaceId,
		);

		const anywhere = await bed.run(WHISPIR, activity('get', { activityId: byId(id) }));
		expect(anywhere.error).toBeUndefined();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/activities/${id}`,
			accept: 'application/vnd.whispir.activity-v1+json',
			status: 200,
		});
		expect(anywhere.items[0].json).toMatchObject({
			id,
			module: 'Message',
			description: 'Paged on-call',
			workspaceName: 'Ops',
		});

		const inWorkspace = await bed.run(
			WHISPIR,
			activity('get', { workspace: byId(workspaceId), activityId: byId(id) }),
		);
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			path: `/workspaces/${workspaceId}/activities/${id}`,
			status: 200,
		});
		expect(inWorkspace.items[0].json).toMatchObject({ id, action: 'Send' });
	});

	it('refuses an empty ID before sending, and reports an unknown one per item', async () => {
		const { items } = await bed.run(
			WHISPIR,
			activity('get', { activityId: byId('={{ $json.id }}') }),
			{
				items: [{ json: {} }, { json: { id: 'ABCDEF0123456789' } }],
				continueOnFail: true,
			},
		);
		expect(items[0].json.error).toBe('"Activity" is empty in item 0');
		expect(items[1].json.error).toBe('Whispir found nothing at this address');
		expect(bed.sandbox.log).toHaveLength(1);
	});
});

describe('Activity → Get Many', () => {
	let seeded: string[];
	beforeEach(() => {
		seeded = bed.sandbox.seed('activities', [
			{
				module: 'Message',
				action: 'Send',
				status: 'Successful',
				description: 'Sent the roster',
				time: '05/03/24 09:00',
				user: 'james',
			},
			{
				module: 'Contact',
				action: 'Create',
				status: 'Successful',
				description: 'Imported staff',
				time: '06/03/24 10:00',
				user: 'ann',
			},
			{
				module: 'Message',
				action: 'Send',
				status: 'Failed',
				description: 'Bounced',
				time: '07/03/24 11:00',
				user: 'james',
			},
		]);
	});

	it('sends the filters, dates as dd/mm/yyyy hh:mm, and returns the matches', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			activity('getAll', {
				returnAll: true,
				filters: {
					module: 'Message',
					user: 'james',
					startTime: '2024-03-05T00:00:00',
					endTime: '2024-03-06T23:59:00',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: '/activities',
			query: {
				module: 'Message',
				user: 'james',
				startTime: '05/03/2024 00:00',
				endTime: '06/03/2024 23:59',
			},
		});
		expect(items.map((item) => item.json.description)).toEqual(['Sent the roster']);
		// List items carry their id only in the self link; the node surfaces it.
		expect(items[0].json.id).toBe(seeded[0]);
	});

	it('lists recent entries for the "From List" picker of Get', async () => {
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchActivities',
			filter: 'roster',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Send Message: Sent the roster', value: seeded[0] }]);
	});

	it("reads Whispir's 404 for no match as an empty result, not an error", async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			activity('getAll', { returnAll: true, filters: { description: 'nothing like this' } }),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		expect(bed.sandbox.log[0].status).toBe(404);
	});

	it('refuses a time that is not a date before sending', async () => {
		const { error } = await bed.run(
			WHISPIR,
			activity('getAll', { returnAll: true, filters: { startTime: '={{ "last week" }}' } }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"Filters → From" in item 0 is not a date: "last week"');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});
