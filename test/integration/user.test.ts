import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const user = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'user',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const writes = () => bed.sandbox.log.filter((request) => request.method !== 'GET');
const stored = async (id: string) =>
	(await bed.sandbox.state('users')).find((record) => record.id === id);

const john = {
	userName: 'John.Wick',
	password: 'AmF10gt_x',
	firstName: 'John',
	lastName: 'Wick',
	workEmailAddress1: 'jwick@example.com',
	workMobilePhone1: '+61 423 456 789',
};

/** A full user as Whispir would hold it, for the update tests. */
const fullProfile = {
	userName: 'fred.smith',
	password: 'Secret_123',
	firstName: 'Fred',
	middleName: 'James',
	lastName: 'Smith',
	nickname: 'Freddie',
	companyName: 'Whispir',
	jobTitle: 'Engineer',
	department: 'Ops',
	timezone: 'Australia/Melbourne',
	workEmailAddress1: 'fred@example.com',
	workMobilePhone1: '61400000001',
	workCountry: 'Australia',
	personalEmailAddress1: 'fred@home.example',
	teamName1: 'Blue',
	status: 'ACTIVE',
};

describe('User → Create', () => {
	it('posts the user with its profile, mobile as digits, and outputs it without the password', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			user('create', {
				...john,
				additionalFields: {
					timezone: 'Australia/Melbourne',
					nickname: 'JW',
					workCountry: 'Australia',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(writes()[0]).toMatchObject({
			method: 'POST',
			path: '/users',
			contentType: 'application/vnd.whispir.user-v1+json',
			status: 201,
			body: {
				...john,
				workMobilePhone1: '61423456789',
				timezone: 'Australia/Melbourne',
				nickname: 'JW',
				workCountry: 'Australia',
			},
		});
		expect(writes()[0].body).not.toHaveProperty('status');
		const [record] = await bed.sandbox.state('users');
		expect(items[0].json).toMatchObject({
			id: record.id,
			userName: 'John.Wick',
			status: 'PENDING',
			workMobilePhone1: '61423456789',
		});
		expect(items[0].json).not.toHaveProperty('password');
		expect(JSON.stringify(items)).not.toContain('AmF10gt_x');
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('refuses bad input before sending, naming the item and the field', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[
				{ ...john, password: 'short_A1'.slice(0, 6) },
				'"Password" in item 0 does not meet Whispir\'s rules',
			],
			[
				{ ...john, password: 'alllowercase1' },
				'"Password" in item 0 does not meet Whispir\'s rules',
			],
			[
				{ ...john, password: 'Has-Dash-123' },
				'"Password" in item 0 does not meet Whispir\'s rules',
			],
			[
				{ ...john, workEmailAddress1: 'not-an-email' },
				'"Work Email" in item 0 is not valid: "not-an-email"',
			],
			[{ ...john, workMobilePhone1: '12ab' }, '"Work Mobile" in item 0 is not valid: "12ab"'],
			[{ ...john, lastName: '={{ $json.nothing }}' }, '"Last Name" is empty in item 0'],
			[
				{ ...john, additionalFields: { personalEmailAddress1: 'x@' } },
				'"Personal Email" in item 0 is not valid: "x@"',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bed.run(WHISPIR, user('create', parameters));
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe(message);
			// A weak password is never echoed.
			expect(`${error?.message} ${error?.description}`).not.toContain(String(parameters.password));
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('with Continue On Fail, reports the bad item and creates the others', async () => {
		const { items } = await bed.run(
			WHISPIR,
			user('create', { ...john, userName: '={{ $json.u }}', workEmailAddress1: '={{ $json.e }}' }),
			{
				items: [
					{ json: { u: 'a.one', e: 'a@example.com' } },
					{ json: { u: 'b.two', e: 'b-at-example.com' } },
					{ json: { u: 'c.three', e: 'c@example.com' } },
				],
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.json.userName ?? item.json.error)).toEqual([
			'a.one',
			'"Work Email" in item 1 is not valid: "b-at-example.com"',
			'c.three',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(writes()).toHaveLength(2);
	});
});

describe('User → Get', () => {
	it('reads one user, simplified by default, never with a password', async () => {
		const [id] = bed.sandbox.seed('users', [fullProfile]);
		const simple = await bed.run(WHISPIR, user('get', { userId: byId(id) }));
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: `/users/${id}`,
			accept: 'application/vnd.whispir.user-v1+json',
		});
		expect(simple.items[0].json).toEqual({
			id,
			userName: 'fred.smith',
			firstName: 'Fred',
			lastName: 'Smith',
			status: 'ACTIVE',
			workEmailAddress1: 'fred@example.com',
			workMobilePhone1: '61400000001',
			jobTitle: 'Engineer',
			companyName: 'Whispir',
		});
		const raw = await bed.run(WHISPIR, user('get', { userId: byId(id), simplify: false }));
		expect(raw.items[0].json).toMatchObject({ nickname: 'Freddie', teamName1: 'Blue' });
		expect(raw.items[0].json).not.toHaveProperty('password');
		expect(JSON.stringify(raw.items)).not.toContain('Secret_123');
	});
});

describe('User → Get Many', () => {
	beforeEach(() => {
		bed.sandbox.seed('users', [
			{ ...fullProfile, userName: 'a', firstName: 'Sam', lastName: 'Zed', status: 'ACTIVE' },
			{ ...fullProfile, userName: 'b', firstName: 'Sam', lastName: 'Abe', status: 'ACTIVE' },
			{ ...fullProfile, userName: 'c', firstName: 'Kim', lastName: 'Lee', status: 'ACTIVE' },
			{ ...fullProfile, userName: 'd', firstName: 'Sam', lastName: 'Pending', status: 'PENDING' },
			{ ...fullProfile, userName: 'e', firstName: 'Ina', lastName: 'Inactive', status: 'INACTIVE' },
		]);
	});

	it("lists the company's active users from the `Users` key with single-object links", async () => {
		const { items } = await bed.run(WHISPIR, user('getAll', { returnAll: true, simplify: false }));
		expect(items.map((item) => item.json.lastName)).toEqual(['Zed', 'Abe', 'Lee']);
		expect(bed.sandbox.log[0]).toMatchObject({ method: 'GET', path: '/users' });
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('searches by field and sorts', async () => {
		const { items } = await bed.run(
			WHISPIR,
			user('getAll', {
				returnAll: true,
				filters: { firstName: 'Sam' },
				options: { sortFields: 'lastName', sortOrder: 'asc' },
			}),
		);
		expect(bed.sandbox.log[0].query).toMatchObject({
			firstName: 'Sam',
			sortFields: 'lastName',
			sortOrder: 'asc',
		});
		expect(items.map((item) => item.json.lastName)).toEqual(['Abe', 'Zed']);
	});

	it("turns a status filter into Whispir's short search code", async () => {
		const { items } = await bed.run(
			WHISPIR,
			user('getAll', { returnAll: true, filters: { status: 'INACTIVE' } }),
		);
		expect(bed.sandbox.log[0].query.status).toBe('I');
		expect(items.map((item) => item.json.lastName)).toEqual(['Inactive']);
	});

	it('lists the users of one workspace from the `users` key', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		bed.sandbox.seed('users', [
			{
				...fullProfile,
				userName: 'w1',
				lastName: 'InOps',
				status: 'PENDING',
				_workspaces: [workspaceId],
			},
			{ ...fullProfile, userName: 'w2', lastName: 'AlsoOps', _workspaces: [workspaceId] },
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			user('getAll', { scope: 'workspace', workspace: byId(workspaceId), returnAll: true }),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: `/workspaces/${workspaceId}/users`,
			status: 200,
		});
		expect(items.map((item) => item.json.lastName)).toEqual(['InOps', 'AlsoOps']);
	});

	it('offers users in the "From List" picker', async () => {
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchUsers',
			filter: 'kim',
			credentials: bed.credentials,
		});
		expect(results).toHaveLength(1);
		expect(results[0].name).toBe('Kim Lee');
	});
});

describe('User → Update', () => {
	it('keeps every field the user did not touch, the password included', async () => {
		const [id] = bed.sandbox.seed('users', [fullProfile]);
		const before = await stored(id);
		const { items, error } = await bed.run(
			WHISPIR,
			user('update', {
				userId: byId(id),
				updateFields: { jobTitle: 'Lead Engineer', workMobilePhone1: '+61 400 000 999' },
			}),
		);
		expect(error).toBeUndefined();
		const put = writes()[0];
		expect(put).toMatchObject({ method: 'PUT', path: `/users/${id}`, status: 204 });
		// The blank password Whispir reads back is not sent (it would not be kept otherwise).
		expect(put.body).not.toHaveProperty('password');
		expect(put.body).not.toHaveProperty('link');

		const after = await stored(id);
		expect(after).toEqual({
			...before,
			jobTitle: 'Lead Engineer',
			workMobilePhone1: '61400000999',
		});
		expect(after?._password).toBe('Secret_123');
		expect(items[0].json).toMatchObject({ id, jobTitle: 'Lead Engineer', nickname: 'Freddie' });
		expect(items[0].json).not.toHaveProperty('password');
	});

	it('sets a new password and a permitted status change', async () => {
		const [id] = bed.sandbox.seed('users', [fullProfile]);
		const { error } = await bed.run(
			WHISPIR,
			user('update', {
				userId: byId(id),
				updateFields: { password: 'NewPass_99', status: 'SUSPENDED' },
			}),
		);
		expect(error).toBeUndefined();
		expect(await stored(id)).toMatchObject({
			_password: 'NewPass_99',
			status: 'SUSPENDED',
			nickname: 'Freddie',
		});
	});

	it("shows Whispir's refusal of a status change the state machine forbids", async () => {
		const [id] = bed.sandbox.seed('users', [{ ...fullProfile, status: 'PENDING' }]);
		const { error } = await bed.run(
			WHISPIR,
			user('update', { userId: byId(id), updateFields: { status: 'ACTIVE' } }),
		);
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(`${error?.message} ${error?.description}`).toContain(
			'status cannot change from PENDING to ACTIVE',
		);
		expect((await stored(id))?.status).toBe('PENDING');
	});

	it('refuses a weak new password before reading or writing anything', async () => {
		const [id] = bed.sandbox.seed('users', [fullProfile]);
		const { error } = await bed.run(
			WHISPIR,
			user('update', { userId: byId(id), updateFields: { password: 'weak' } }),
		);
		expect(error?.message).toBe('"Password" in item 0 does not meet Whispir\'s rules');
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('refuses an update with nothing to change, blank fields included, before any request', async () => {
		const [id] = bed.sandbox.seed('users', [fullProfile]);
		for (const updateFields of [{}, { jobTitle: '  ', password: '' }]) {
			const { error } = await bed.run(WHISPIR, user('update', { userId: byId(id), updateFields }));
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe('Nothing to update in item 0');
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('User → Activate', () => {
	it('takes a Pending user through Inactive to Active with exactly two PUTs of the full record', async () => {
		const [id] = bed.sandbox.seed('users', [{ ...fullProfile, status: 'PENDING' }]);
		const { items, error } = await bed.run(WHISPIR, user('activate', { userId: byId(id) }));
		expect(error).toBeUndefined();
		expect(
			bed.sandbox.log.map((request) => [request.method, request.path, request.status]),
		).toEqual([
			['GET', `/users/${id}`, 200],
			['PUT', `/users/${id}`, 204],
			['PUT', `/users/${id}`, 204],
		]);
		const [first, second] = writes();
		expect(first.body).toMatchObject({
			status: 'INACTIVE',
			nickname: 'Freddie',
			workEmailAddress1: 'fred@example.com',
		});
		expect(second.body).toMatchObject({ status: 'ACTIVE', nickname: 'Freddie' });
		expect(first.body).not.toHaveProperty('password');
		expect(first.body).not.toHaveProperty('link');
		expect(await stored(id)).toMatchObject({
			status: 'ACTIVE',
			nickname: 'Freddie',
			_password: 'Secret_123',
		});
		expect(items[0].json).toMatchObject({
			id,
			status: 'ACTIVE',
			previousStatus: 'PENDING',
			alreadyActive: false,
		});
	});

	it('activates Inactive and Suspended users with one PUT, and leaves Active users alone', async () => {
		const [inactive, suspended, active] = bed.sandbox.seed('users', [
			{ ...fullProfile, userName: 'i', status: 'INACTIVE' },
			{ ...fullProfile, userName: 's', status: 'SUSPENDED' },
			{ ...fullProfile, userName: 'a', status: 'ACTIVE' },
		]);
		const { items } = await bed.run(
			WHISPIR,
			user('activate', { userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }),
			{
				items: [{ json: { id: inactive } }, { json: { id: suspended } }, { json: { id: active } }],
			},
		);
		expect(
			writes().map((request) => [request.path, (request.body as { status: string }).status]),
		).toEqual([
			[`/users/${inactive}`, 'ACTIVE'],
			[`/users/${suspended}`, 'ACTIVE'],
		]);
		expect(items.map((item) => [item.json.previousStatus, item.json.alreadyActive])).toEqual([
			['INACTIVE', false],
			['SUSPENDED', false],
			['ACTIVE', true],
		]);
	});

	it('refuses a Deleted user without writing', async () => {
		const [id] = bed.sandbox.seed('users', [{ ...fullProfile, status: 'DELETED' }]);
		const { error } = await bed.run(WHISPIR, user('activate', { userId: byId(id) }));
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('The user in item 0 cannot be activated: their status is DELETED');
		expect(writes()).toHaveLength(0);
	});
});

describe('User → Delete and Delete All', () => {
	it('deletes one user', async () => {
		const [id, other] = bed.sandbox.seed('users', [
			fullProfile,
			{ ...fullProfile, userName: 'other' },
		]);
		const { items } = await bed.run(WHISPIR, user('delete', { userId: byId(id) }));
		expect(writes()).toEqual([
			expect.objectContaining({ method: 'DELETE', path: `/users/${id}`, status: 204 }),
		]);
		expect(items[0].json).toEqual({ id, deleted: true });
		expect((await bed.sandbox.state('users')).map((record) => record.id)).toEqual([other]);
	});

	it('sends nothing unless every item confirms with the exact phrase', async () => {
		bed.sandbox.seed('users', [fullProfile]);
		const refused = [
			{ confirmation: 'delete all users' },
			{ confirmation: 'DELETE ALL USERS ' },
			{ confirmation: '={{ $json.phrase }}' },
		];
		for (const parameters of refused) {
			const { error } = await bed.run(WHISPIR, user('deleteAll', parameters), {
				items: [{ json: { phrase: 'DELETE ALL USERS' } }, { json: { phrase: 'yes' } }],
			});
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toMatch(/^"Confirmation" in item [01] is not "DELETE ALL USERS"$/);
		}
		expect(bed.sandbox.log).toHaveLength(0);
		expect(await bed.sandbox.state('users')).toHaveLength(1);

		const withContinue = await bed.run(WHISPIR, user('deleteAll', { confirmation: 'nope' }), {
			continueOnFail: true,
		});
		expect(withContinue.items[0].json.error).toBe(
			'"Confirmation" in item 0 is not "DELETE ALL USERS"',
		);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('with the exact phrase, sends one DELETE /users for the whole execution', async () => {
		bed.sandbox.seed('users', [fullProfile, { ...fullProfile, userName: 'two' }]);
		const { items, error } = await bed.run(
			WHISPIR,
			user('deleteAll', { confirmation: '={{ $json.phrase }}' }),
			{
				items: [{ json: { phrase: 'DELETE ALL USERS' } }, { json: { phrase: 'DELETE ALL USERS' } }],
			},
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log).toEqual([
			expect.objectContaining({ method: 'DELETE', path: '/users', status: 204 }),
		]);
		expect(items).toEqual([
			{
				json: { deleted: 'all users', allUsersDeleted: true },
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		expect(await bed.sandbox.state('users')).toHaveLength(0);
	});
});
