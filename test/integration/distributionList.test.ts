import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

// Create has no preselected Access or Visibility (Whispir requires both): the tests choose them.
const list = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'distributionList',
	operation,
	...(operation === 'create' ? { access: 'Open', visibility: 'Public' } : {}),
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const writes = () => bed.sandbox.log.filter((request) => request.method !== 'GET');

describe('Distribution List → Create', () => {
	it('creates a static list with contacts, users and a nested list as comma-separated ids', async () => {
		const [nested] = bed.sandbox.seed('distributionlists', [{ name: 'Managers' }]);
		const { items, error } = await bed.run(
			WHISPIR,
			list('create', {
				name: 'Incident Responders',
				access: 'ByApproval',
				visibility: 'Private',
				members: {
					contacts: [{ id: byId('C1, C2') }, { id: { __rl: true, mode: 'list', value: 'C3' } }],
					users: [{ id: byId('U1') }],
					lists: [{ id: byId(nested) }],
				},
				additionalFields: { description: 'P1 paging' },
			}),
		);
		expect(error).toBeUndefined();
		const [post] = writes();
		expect(post).toMatchObject({
			method: 'POST',
			path: '/distributionlists',
			contentType: 'application/vnd.whispir.distributionlist-v1+json',
			status: 201,
			body: {
				name: 'Incident Responders',
				description: 'P1 paging',
				access: 'ByApproval',
				visibility: 'Private',
				type: 'static',
				contactIds: 'C1,C2,C3',
				userIds: 'U1',
				distListIds: nested,
			},
		});
		// The name was checked for uniqueness first.
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: '/distributionlists',
			query: { name: 'Incident Responders' },
		});

		const stored = (await bed.sandbox.state('distributionlists')).find(
			(record) => record.name === 'Incident Responders',
		);
		expect(items[0].json).toMatchObject({ id: stored?.id, contactIds: 'C1,C2,C3', type: 'static' });
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it("creates a dynamic list in a workspace, filling each rule's display name itself", async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const { items, error } = await bed.run(
			WHISPIR,
			list('create', {
				workspace: byId(workspaceId),
				name: 'Sales APAC',
				listType: 'dynamic',
				rules: {
					rule: [
						{ field: 'division', value: 'sales' },
						{ field: 'businessUnit', value: 'apac' },
					],
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(writes()[0]).toMatchObject({
			path: `/workspaces/${workspaceId}/distributionlists`,
			status: 201,
			body: {
				type: 'dynamic',
				entityType: 'contact',
				rules: [
					{ ruleFilter: 'division', ruleFilterActualName: 'Division', ruleContent: 'sales' },
					{
						ruleFilter: 'businessUnit',
						ruleFilterActualName: 'Business Unit',
						ruleContent: 'apac',
					},
				],
			},
		});
		expect(writes()[0].body).not.toHaveProperty('contactIds');
		expect(items[0].json.id).toBe(
			(await bed.sandbox.state('distributionlists', workspaceId))[0].id,
		);
	});

	it('refuses bad input before sending, naming the item and the field', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ name: 'On-call #1' }, /^"Name" in item 0 is not valid: "On-call #1"$/],
			[{ name: '={{ $json.missing }}' }, /^"Name" is empty in item 0$/],
			[{ name: 'Dyn', listType: 'dynamic' }, /^"Rules" is empty in item 0$/],
			[
				{
					name: 'Dyn',
					listType: 'dynamic',
					rules: { rule: [{ field: '={{ "favouriteColour" }}', value: 'red' }] },
				},
				/^"Rules → Rule 1 → Contact Field" in item 0 is not a rule field: "favouriteColour"$/,
			],
			[
				{ name: 'Static', members: { contacts: [{ id: byId('C1;C2') }] } },
				/^"Members → Contact" in item 0 is not a valid ID/,
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bed.run(WHISPIR, list('create', parameters));
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(message);
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('refuses a name already used in the workspace without posting', async () => {
		bed.sandbox.seed('distributionlists', [{ name: 'Night Shift' }]);
		const { error } = await bed.run(WHISPIR, list('create', { name: 'night shift' }));
		expect(error?.message).toBe('"Name" in item 0 is already used: "night shift"');
		expect(writes()).toHaveLength(0);
	});

	it('with Continue On Fail, reports the bad item and creates the others', async () => {
		const { items } = await bed.run(WHISPIR, list('create', { name: '={{ $json.name }}' }), {
			items: [
				{ json: { name: 'Alpha' } },
				{ json: { name: 'Beta!' } },
				{ json: { name: 'Gamma' } },
			],
			continueOnFail: true,
		});
		expect(items).toHaveLength(3);
		expect(items[1]).toMatchObject({
			json: { error: '"Name" in item 1 is not valid: "Beta!"' },
			pairedItem: { item: 1 },
		});
		expect(writes().map((request) => (request.body as { name: string }).name)).toEqual([
			'Alpha',
			'Gamma',
		]);
	});

	it('preselects no access or visibility: Whispir requires both and documents no default', async () => {
		// n8n itself refuses to run a node whose required field is empty.
		await expect(bed.run(WHISPIR, list('create', { name: 'Wardens', access: '' }))).rejects.toThrow(
			/has issues/,
		);
		// An expression that resolves to nothing is refused by the node, naming the item and the field.
		const { error } = await bed.run(
			WHISPIR,
			list('create', { name: 'Wardens', access: '={{ $json.none }}' }),
		);
		expect(error?.message).toBe('"Access" is empty in item 0');
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(0);
	});

	it('the sandbox answers 422 to a dynamic list without rules, as Whispir does', async () => {
		const response = await fetch(
			`${bed.sandbox.url}/distributionlists?apikey=${bed.sandbox.credentials.apiKey}`,
			{
				method: 'POST',
				headers: {
					'x-api-key': bed.sandbox.credentials.apiKey,
					authorization: `Basic ${Buffer.from(`${bed.sandbox.credentials.username}:${bed.sandbox.credentials.password}`).toString('base64')}`,
					'content-type': 'application/vnd.whispir.distributionlist-v1+json',
					accept: 'application/vnd.whispir.distributionlist-v1+json',
				},
				body: JSON.stringify({
					name: 'Dyn',
					access: 'Open',
					visibility: 'Public',
					type: 'dynamic',
					entityType: 'contact',
				}),
			},
		);
		expect(response.status).toBe(422);
		expect(await response.text()).toContain('at least one rule');
	});
});

describe('Distribution List → Get and Get Many', () => {
	it('gets one list with its members', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [
			{ name: 'Wardens', contactIds: 'C1,C2', userIds: 'U1' },
		]);
		const { items } = await bed.run(WHISPIR, list('get', { distributionListId: byId(id) }));
		expect(bed.sandbox.log[0]).toMatchObject({ method: 'GET', path: `/distributionlists/${id}` });
		expect(items[0].json).toMatchObject({
			id,
			name: 'Wardens',
			contactIds: 'C1,C2',
			userIds: 'U1',
			memberCount: '3',
		});
	});

	it('filters by name and by description, reading the distributionLists key', async () => {
		bed.sandbox.seed('distributionlists', [
			{ name: 'Wardens', description: 'Fire wardens level 3' },
			{ name: 'First Aid', description: 'First aid officers' },
			{ name: 'Managers', description: 'All managers' },
		]);
		const byName = await bed.run(
			WHISPIR,
			list('getAll', { returnAll: true, filters: { name: 'First Aid' } }),
		);
		expect(byName.items.map((item) => item.json.name)).toEqual(['First Aid']);
		expect(bed.sandbox.log.at(-1)?.query).toMatchObject({ name: 'First Aid' });

		const byDescription = await bed.run(
			WHISPIR,
			list('getAll', { returnAll: true, filters: { description: 'fire' } }),
		);
		expect(byDescription.items.map((item) => item.json.name)).toEqual(['Wardens']);

		const none = await bed.run(
			WHISPIR,
			list('getAll', { returnAll: true, filters: { name: 'Nobody' } }),
		);
		expect(none.items).toHaveLength(0);
	});

	it('offers lists in the "From List" picker', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [{ name: 'Wardens' }, { name: 'Managers' }]);
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchDistributionLists',
			filter: 'ward',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Wardens', value: id }]);
	});
});

describe('Distribution List → Update', () => {
	it('changes only the given fields and keeps members, description and access', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [
			{
				name: 'Wardens',
				description: 'Fire wardens',
				access: 'Restricted',
				visibility: 'Private',
				contactIds: 'C1,C2',
				userIds: 'U1',
			},
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			list('update', { distributionListId: byId(id), updateFields: { name: 'Fire Wardens' } }),
		);
		expect(error).toBeUndefined();
		const put = writes()[0];
		expect(put).toMatchObject({ method: 'PUT', path: `/distributionlists/${id}`, status: 204 });
		expect(put.body).not.toHaveProperty('memberCount');
		expect(put.body).not.toHaveProperty('link');
		const [stored] = await bed.sandbox.state('distributionlists');
		expect(stored).toMatchObject({
			name: 'Fire Wardens',
			description: 'Fire wardens',
			access: 'Restricted',
			visibility: 'Private',
			contactIds: 'C1,C2',
			userIds: 'U1',
		});
		expect(items[0].json).toMatchObject({ id, name: 'Fire Wardens', contactIds: 'C1,C2' });
	});

	it('replaces the rules of a dynamic list, and refuses rules for a static one', async () => {
		const [dynamicId, staticId] = bed.sandbox.seed('distributionlists', [
			{
				name: 'Sales',
				type: 'dynamic',
				entityType: 'contact',
				rules: [{ ruleFilter: 'division', ruleFilterActualName: 'Division', ruleContent: 'sales' }],
			},
			{ name: 'Static One' },
		]);
		const rules = { rule: [{ field: 'department', value: 'Retail' }] };
		const { error } = await bed.run(
			WHISPIR,
			list('update', { distributionListId: byId(dynamicId), updateFields: { rules } }),
		);
		expect(error).toBeUndefined();
		// One read serves both the rules check and the merge.
		expect(bed.sandbox.log.map((request) => [request.method, request.path])).toEqual([
			['GET', `/distributionlists/${dynamicId}`],
			['PUT', `/distributionlists/${dynamicId}`],
		]);
		const stored = (await bed.sandbox.state('distributionlists')).find(
			(record) => record.id === dynamicId,
		);
		expect(stored).toMatchObject({
			type: 'dynamic',
			rules: [
				{ ruleFilter: 'department', ruleFilterActualName: 'Department', ruleContent: 'Retail' },
			],
		});

		bed.sandbox.clearLog();
		const refused = await bed.run(
			WHISPIR,
			list('update', { distributionListId: byId(staticId), updateFields: { rules } }),
		);
		expect(refused.error?.message).toBe('"Rules (Dynamic Lists)" cannot be used in item 0');
		expect(writes()).toHaveLength(0);
	});
});

describe('Distribution List → Update: nothing to change', () => {
	it('refuses an empty "Update Fields" before any request', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [{ name: 'Wardens' }]);
		const { error } = await bed.run(WHISPIR, list('update', { distributionListId: byId(id) }));
		expect(error?.message).toBe('Nothing to update in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Distribution List → Add Members and Remove Members', () => {
	it('adds new members, keeps the current ones and treats existing ones as a no-op', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [
			{ name: 'Wardens', description: 'Fire', contactIds: 'C1,C2', userIds: 'U1' },
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			list('addMembers', {
				distributionListId: byId(id),
				members: { contacts: [{ id: byId('C2,C3') }], users: [{ id: byId('U2') }] },
			}),
		);
		expect(error).toBeUndefined();
		expect(writes()).toHaveLength(1);
		expect(writes()[0]).toMatchObject({
			method: 'PUT',
			path: `/distributionlists/${id}`,
			body: { contactIds: 'C1,C2,C3', userIds: 'U1,U2', description: 'Fire' },
		});
		expect(writes()[0].body).not.toHaveProperty('memberCount');
		expect(writes()[0].body).not.toHaveProperty('link');
		expect(items[0].json).toMatchObject({
			id,
			added: { contactIds: 1, userIds: 1, distListIds: 0 },
			changed: true,
		});
		const [stored] = await bed.sandbox.state('distributionlists');
		expect(stored).toMatchObject({ contactIds: 'C1,C2,C3', userIds: 'U1,U2', description: 'Fire' });

		bed.sandbox.clearLog();
		const again = await bed.run(
			WHISPIR,
			list('addMembers', {
				distributionListId: byId(id),
				members: { contacts: [{ id: byId('C1') }] },
			}),
		);
		expect(again.items[0].json).toMatchObject({ changed: false, added: { contactIds: 0 } });
		expect(writes()).toHaveLength(0);
	});

	it('removes members and leaves the others', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [
			{ name: 'Wardens', contactIds: 'C1,C2,C3', distListIds: 'L1' },
		]);
		const { items } = await bed.run(
			WHISPIR,
			list('removeMembers', {
				distributionListId: byId(id),
				members: { contacts: [{ id: byId('C2,C9') }], lists: [{ id: byId('L1') }] },
			}),
		);
		expect(writes()[0].body).toMatchObject({ contactIds: 'C1,C3', distListIds: '' });
		expect(items[0].json).toMatchObject({ removed: { contactIds: 1, distListIds: 1 } });
		const [stored] = await bed.sandbox.state('distributionlists');
		expect(stored).toMatchObject({ contactIds: 'C1,C3', distListIds: '' });
	});

	it('refuses to change the members of a dynamic list', async () => {
		const [id] = bed.sandbox.seed('distributionlists', [
			{
				name: 'Sales',
				type: 'dynamic',
				entityType: 'contact',
				rules: [{ ruleFilter: 'division', ruleFilterActualName: 'Division', ruleContent: 'sales' }],
			},
		]);
		const { error } = await bed.run(
			WHISPIR,
			list('addMembers', {
				distributionListId: byId(id),
				members: { contacts: [{ id: byId('C1') }] },
			}),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The distribution list in item 0 is dynamic');
		expect(writes()).toHaveLength(0);
	});
});

describe('Distribution List → Delete', () => {
	it('deletes the list in the chosen workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const [id] = bed.sandbox.seed('distributionlists', [{ name: 'Old' }], workspaceId);
		const { items } = await bed.run(
			WHISPIR,
			list('delete', { workspace: byId(workspaceId), distributionListId: byId(id) }),
		);
		expect(writes()[0]).toMatchObject({
			method: 'DELETE',
			path: `/workspaces/${workspaceId}/distributionlists/${id}`,
			status: 204,
		});
		expect(items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('distributionlists', workspaceId)).toHaveLength(0);
	});
});
