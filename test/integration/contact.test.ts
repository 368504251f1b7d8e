import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const contact = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'contact',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);

const JANE = {
	firstName: 'Jane',
	lastName: 'Citizen',
	workEmailAddress1: 'jane@example.com',
	workMobilePhone1: '61423456789',
	workCountry: 'Australia',
	timezone: 'Australia/Melbourne',
};

/** A contact with something in every kind of field an update could lose. */
const FULL_CONTACT = {
	...JANE,
	timezone: '+10',
	jobTitle: 'Engineer',
	department: 'Operations',
	personalMobilePhone1: '61400000001',
	workAddress1: '1 Collins St',
	custom_StaffId: 'S-100',
	custom_CostCentre: 'CC-9',
	messagingoptions: [
		{
			channel: 'sms',
			enabled: 'true',
			primary: 'WorkMobilePhone1',
			secondary: 'PersonalMobilePhone1',
		},
		{ channel: 'email', enabled: 'true', primary: 'WorkEmailAddress1' },
		{ channel: 'voice', enabled: 'false', primary: 'WorkMobilePhone1' },
	],
};

describe('Contact → Create', () => {
	it('posts the contact with checked fields, messaging options and custom fields, and returns id and mri', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			contact('create', {
				...JANE,
				workMobilePhone1: '+61 423 456 789',
				additionalFields: { jobTitle: 'Engineer', personalEmailAddress1: ' jane@home.example ' },
				messagingOptions: {
					sms: {
						enabled: true,
						primary: 'WorkMobilePhone1',
						secondary: 'PersonalMobilePhone1',
						tertiary: '',
					},
				},
				customFields: { field: [{ name: 'StaffId', value: 'S-100' }] },
			}),
		);
		expect(error).toBeUndefined();
		const [post] = requests('POST');
		expect(post).toMatchObject({
			path: '/contacts',
			contentType: 'application/vnd.whispir.contact-v1+json',
			status: 201,
			body: {
				...JANE,
				workMobilePhone1: '61423456789',
				status: 'A',
				jobTitle: 'Engineer',
				personalEmailAddress1: 'jane@home.example',
				custom_StaffId: 'S-100',
				messagingoptions: [
					{
						channel: 'sms',
						enabled: 'true',
						primary: 'WorkMobilePhone1',
						secondary: 'PersonalMobilePhone1',
					},
				],
			},
		});
		// An unchosen tertiary field is left out, not sent empty (contactCreate allows no empty value).
		expect((post.body as { messagingoptions: object[] }).messagingoptions[0]).not.toHaveProperty(
			'tertiary',
		);
		const [stored] = await bed.sandbox.state('contacts');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: stored.id,
			mri: stored.mri,
			firstName: 'Jane',
			timezone: '+10',
		});
		expect(String(items[0].json.mri)).toMatch(/^Jane_Citizen\.\d{6}@Contact\.whispir\.com$/);
		expect(stored.custom_StaffId).toBe('S-100');
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('refuses a malformed email or mobile, or a missing mandatory field, before sending, naming item and field', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[
				{ ...JANE, workEmailAddress1: 'jane.example.com' },
				'"Work Email" in item 0 is not valid: "jane.example.com"',
			],
			[{ ...JANE, workMobilePhone1: '04x23' }, '"Work Mobile" in item 0 is not valid: "04x23"'],
			// The editor refuses an empty required field; an expression can still resolve to nothing.
			[{ ...JANE, workCountry: '={{ $json.missing }}' }, '"Work Country" is empty in item 0'],
		];
		for (const [values, message] of cases) {
			const { error } = await bed.run(WHISPIR, contact('create', values));
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe(message);
		}
		const { error } = await bed.run(
			WHISPIR,
			contact('create', { ...JANE, additionalFields: { personalMobilePhone1: 'call me' } }),
		);
		expect(error?.message).toBe('"Personal Mobile" in item 0 is not valid: "call me"');
		expect(requests('POST')).toHaveLength(0);
	});

	it('with Continue On Fail, reports the bad item and creates the others', async () => {
		const { items } = await bed.run(
			WHISPIR,
			contact('create', { ...JANE, workEmailAddress1: '={{ $json.email }}' }),
			{
				items: [
					{ json: { email: 'a@example.com' } },
					{ json: { email: 'nope' } },
					{ json: { email: 'c@example.com' } },
				],
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json.error).toBe('"Work Email" in item 1 is not valid: "nope"');
		expect(items[2].json.workEmailAddress1).toBe('c@example.com');
		expect(requests('POST')).toHaveLength(2);
	});
});

describe('Contact → Get', () => {
	it('asks for the custom fields and returns the whole contact', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const { items, error } = await bed.run(
			WHISPIR,
			contact('get', { contactId: byId(id), simplify: false }),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/contacts/${id}`,
			query: { customFields: 'true' },
		});
		expect(items[0].json).toMatchObject({
			id,
			jobTitle: 'Engineer',
			custom_StaffId: 'S-100',
			devices: [],
		});
		// Whispir's single-object link is passed on, without the API key.
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('simplifies to the fields a person usually needs and the custom fields', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const { items } = await bed.run(WHISPIR, contact('get', { contactId: byId(id) }));
		expect(Object.keys(items[0].json).sort()).toEqual(
			[
				'id',
				'firstName',
				'lastName',
				'workEmailAddress1',
				'workMobilePhone1',
				'status',
				'mri',
				'workCountry',
				'timezone',
				'custom_StaffId',
				'custom_CostCentre',
			].sort(),
		);
		expect(items[0].json.custom_StaffId).toBe('S-100');
	});
});

describe('Contact → Get Many', () => {
	beforeEach(() => {
		bed.sandbox.seed('contacts', [
			{
				...JANE,
				firstName: 'Sam',
				lastName: 'Gamgee',
				jobTitle: 'Gardener',
				custom_StaffId: '123456',
			},
			{
				...JANE,
				firstName: 'Samantha',
				lastName: 'Carter',
				jobTitle: 'Colonel',
				custom_StaffId: '98123',
			},
			{
				...JANE,
				firstName: 'Frodo',
				lastName: 'Baggins',
				jobTitle: 'Bearer',
				custom_StaffId: '777',
			},
		]);
	});

	it('searches on contact and custom fields, sorts, and chooses the returned fields', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			contact('getAll', {
				returnAll: true,
				filters: {
					field: [{ name: 'firstName', value: 'Sam' }],
					customField: [{ name: 'StaffId', value: '123' }],
				},
				options: {
					fields: ['jobTitle', 'lastName'],
					sortFields: ['lastName'],
					sortOrder: 'desc',
					customFields: true,
				},
				simplify: false,
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			path: '/contacts',
			query: {
				firstName: 'Sam',
				custom_StaffId: '123',
				fields: 'jobTitle,lastName',
				sortFields: 'lastName',
				sortOrder: 'desc',
				customFields: 'true',
			},
		});
		// Whispir's search means "contains": Samantha's 98123 contains 123 too.
		expect(items.map((item) => item.json.lastName)).toEqual(['Gamgee', 'Carter']);
		expect(items[0].json).toMatchObject({ jobTitle: 'Gardener', custom_StaffId: '123456' });
	});

	it('pages through with Return All and stops at the Limit', async () => {
		bed.sandbox.seed(
			'contacts',
			Array.from({ length: 40 }, (_, index) => ({ ...JANE, lastName: `L${index}` })),
		);
		const all = await bed.run(WHISPIR, contact('getAll', { returnAll: true }));
		expect(all.items).toHaveLength(43);
		expect(Object.keys(all.items[0].json).sort()).toEqual([
			'firstName',
			'id',
			'lastName',
			'status',
		]);
		const some = await bed.run(WHISPIR, contact('getAll', { returnAll: false, limit: 5 }));
		expect(some.items).toHaveLength(5);
	});
});

describe('Contact → Update', () => {
	it('changes only the fields given and keeps every other field, custom fields and messaging options included', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const [before] = await bed.sandbox.state('contacts');
		const { items, error } = await bed.run(
			WHISPIR,
			contact('update', {
				contactId: byId(id),
				updateFields: { jobTitle: 'Lead Engineer', workMobilePhone2: '+61 400 000 002' },
				messagingOptions: {
					voice: { enabled: true, primary: 'WorkMobilePhone2', secondary: '', tertiary: '' },
				},
				customFields: { field: [{ name: 'custom_CostCentre', value: 'CC-10' }] },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('GET')[0]).toMatchObject({
			path: `/contacts/${id}`,
			query: { customFields: 'true' },
		});
		expect(requests('PUT')).toHaveLength(1);
		// What Whispir adds to a contact and does not take back is not written.
		for (const key of ['id', 'type', 'devices', 'link', 'mri', 'lastModifiedTime']) {
			expect(requests('PUT')[0].body, key).not.toHaveProperty(key);
		}

		const [after] = await bed.sandbox.state('contacts');
		const { lastModifiedTime: _before, ...unchanged } = before;
		expect(after).toMatchObject({
			...unchanged,
			jobTitle: 'Lead Engineer',
			workMobilePhone2: '61400000002',
			custom_CostCentre: 'CC-10',
			messagingoptions: [
				FULL_CONTACT.messagingoptions[0],
				FULL_CONTACT.messagingoptions[1],
				{ channel: 'voice', enabled: 'true', primary: 'WorkMobilePhone2' },
			],
		});
		// Nothing the user did not touch went missing.
		for (const key of Object.keys(before)) expect(after[key], key).toBeDefined();
		expect(after.custom_StaffId).toBe('S-100');
		expect(items[0].json).toMatchObject({ id, jobTitle: 'Lead Engineer', custom_StaffId: 'S-100' });
	});

	it('with Replace Whole Record writes only the fields given (Whispir erases the rest)', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const { error } = await bed.run(
			WHISPIR,
			contact('update', {
				contactId: byId(id),
				updateFields: { firstName: 'Jane', lastName: 'Doe' },
				replaceWholeRecord: true,
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('GET')).toHaveLength(0);
		expect(requests('PUT')[0].body).toEqual({ firstName: 'Jane', lastName: 'Doe' });
		const [after] = await bed.sandbox.state('contacts');
		expect(after.lastName).toBe('Doe');
		expect(after.jobTitle).toBeUndefined();
		expect(after.custom_StaffId).toBeUndefined();
	});

	it('refuses Replace Whole Record without any field, and a malformed email, before sending', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const empty = await bed.run(
			WHISPIR,
			contact('update', { contactId: byId(id), replaceWholeRecord: true }),
		);
		expect(empty.error?.message).toBe(
			'"Replace Whole Record" is on but no field is given in item 0',
		);
		const bad = await bed.run(
			WHISPIR,
			contact('update', { contactId: byId(id), updateFields: { workEmailAddress2: 'x@' } }),
		);
		expect(bad.error?.message).toBe('"Work Email 2" in item 0 is not valid: "x@"');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Contact → Update with nothing to change', () => {
	it('refuses before any request instead of reading and writing the contact back', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const { error } = await bed.run(
			WHISPIR,
			contact('update', { contactId: byId(id), updateFields: { jobTitle: '={{ "" }}' } }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Nothing to update in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Contact → Create or Update', () => {
	it('creates the contact when no contact has the email, ignoring mere "contains" matches', async () => {
		bed.sandbox.seed('contacts', [{ ...JANE, workEmailAddress1: 'mary-jane@example.com' }]);
		const { items, error } = await bed.run(
			WHISPIR,
			contact('upsert', { matchOn: 'workEmailAddress1', ...JANE }),
		);
		expect(error).toBeUndefined();
		expect(requests('GET')[0]).toMatchObject({
			path: '/contacts',
			query: { workEmailAddress1: 'jane@example.com', fields: 'workEmailAddress1' },
		});
		expect(requests('POST')).toHaveLength(1);
		expect(requests('PUT')).toHaveLength(0);
		expect(items[0].json).toMatchObject({ operation: 'created', firstName: 'Jane' });
		expect(await bed.sandbox.state('contacts')).toHaveLength(2);
	});

	it('merges into the one contact with the email (any case), keeping its other fields', async () => {
		const [id] = bed.sandbox.seed('contacts', [
			{ ...FULL_CONTACT, workEmailAddress1: 'JANE@example.com', status: 'D' },
			{ ...JANE, workEmailAddress1: 'mary-jane@example.com' },
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			contact('upsert', {
				matchOn: 'workEmailAddress1',
				...JANE,
				lastName: 'Smith',
				additionalFields: { department: 'Security' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')).toHaveLength(0);
		expect(requests('PUT')[0].path).toBe(`/contacts/${id}`);
		expect(items[0].json).toMatchObject({ id, operation: 'updated' });
		const after = (await bed.sandbox.state('contacts')).find((record) => record.id === id);
		expect(after).toMatchObject({
			lastName: 'Smith',
			department: 'Security',
			jobTitle: 'Engineer',
			custom_StaffId: 'S-100',
			// A status the user did not give is kept, not reset to active.
			status: 'D',
			messagingoptions: FULL_CONTACT.messagingoptions,
		});
	});

	it('matches mobiles by their digits and custom fields by name', async () => {
		const [id] = bed.sandbox.seed('contacts', [{ ...JANE, custom_StaffId: 'S-7' }]);
		const mobile = await bed.run(
			WHISPIR,
			contact('upsert', {
				matchOn: 'workMobilePhone1',
				...JANE,
				workMobilePhone1: '+61 423-456-789',
			}),
		);
		expect(mobile.items[0].json).toMatchObject({ id, operation: 'updated' });
		const custom = await bed.run(
			WHISPIR,
			contact('upsert', {
				matchOn: 'other',
				matchFieldName: 'StaffId',
				...JANE,
				customFields: { field: [{ name: 'StaffId', value: 'S-7' }] },
			}),
		);
		expect(custom.items[0].json).toMatchObject({ id, operation: 'updated' });
		expect(
			bed.sandbox.log.filter((request) => request.path === '/contacts').at(-1)?.query,
		).toMatchObject({
			custom_StaffId: 'S-7',
			customFields: 'true',
		});
	});

	it('changes only the one field given on a matched contact: the create fields are optional', async () => {
		const [id] = bed.sandbox.seed('contacts', [FULL_CONTACT]);
		const { items, error } = await bed.run(
			WHISPIR,
			contact('upsert', {
				matchOn: 'workEmailAddress1',
				workEmailAddress1: JANE.workEmailAddress1,
				additionalFields: { jobTitle: 'Lead' },
			}),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id, operation: 'updated' });
		const after = (await bed.sandbox.state('contacts')).find((record) => record.id === id);
		expect(after).toMatchObject({ ...FULL_CONTACT, jobTitle: 'Lead' });
	});

	it('needs the create fields only when no contact matches, and then names the missing one', async () => {
		const { error } = await bed.run(
			WHISPIR,
			contact('upsert', {
				matchOn: 'workEmailAddress1',
				workEmailAddress1: 'new@example.com',
				firstName: 'New',
			}),
		);
		expect(error?.message).toBe('"Last Name" is empty in item 0');
		expect(error?.description).toContain('a new one would be created');
		expect(requests('POST')).toHaveLength(0);
	});

	it('shows Workspace first, then Match On', () => {
		const names = new Whispir().description.properties
			.filter((property) => property.displayOptions?.show?.operation?.includes('upsert'))
			.map((property) => property.name);
		expect(names.slice(0, 2)).toEqual(['workspace', 'matchOn']);
	});

	it('stops when several contacts match, saying how many and on what, and changes nothing', async () => {
		bed.sandbox.seed('contacts', [JANE, JANE, JANE]);
		const { error } = await bed.run(
			WHISPIR,
			contact('upsert', { matchOn: 'workEmailAddress1', ...JANE }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('3 contacts match "Work Email" = "jane@example.com" in item 0');
		expect(requests('POST')).toHaveLength(0);
		expect(requests('PUT')).toHaveLength(0);
	});
});

describe('Contact → Delete', () => {
	it('deletes from this workspace only', async () => {
		const [other] = bed.sandbox.seed('workspaces', [{ projectName: 'Field' }]);
		const [id] = bed.sandbox.seed('contacts', [{ ...JANE, _mappedTo: [other] }]);
		const { items, error } = await bed.run(WHISPIR, contact('delete', { contactId: byId(id) }));
		expect(error).toBeUndefined();
		expect(requests('DELETE')[0]).toMatchObject({
			path: `/contacts/${id}`,
			query: {},
			status: 204,
		});
		expect(items[0].json).toEqual({ id, deleted: true, from: 'workspace' });
		// Still there in the workspace it is mapped to.
		expect(await bed.sandbox.state('contacts')).toHaveLength(1);
	});

	it('deletes from every mapped workspace with the typed confirmation', async () => {
		const [home, other] = bed.sandbox.seed('workspaces', [
			{ projectName: 'HQ' },
			{ projectName: 'Field' },
		]);
		const [id] = bed.sandbox.seed('contacts', [{ ...JANE, _mappedTo: [other] }], home);
		const { items, error } = await bed.run(
			WHISPIR,
			contact('delete', {
				workspace: byId(home),
				contactId: byId(id),
				deleteFrom: 'allWorkspaces',
				confirmation: 'DELETE FROM ALL WORKSPACES',
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('DELETE')[0]).toMatchObject({
			path: `/workspaces/${home}/contacts/${id}`,
			query: { action: 'deleteAll' },
		});
		expect(items[0].json).toEqual({ id, deleted: true, from: 'allWorkspaces' });
		expect(await bed.sandbox.state('contacts')).toHaveLength(0);
	});

	it('sends nothing when the confirmation is not exactly the phrase', async () => {
		const [home] = bed.sandbox.seed('workspaces', [{ projectName: 'HQ' }]);
		const [id] = bed.sandbox.seed('contacts', [JANE], home);
		for (const confirmation of [
			'delete from all workspaces',
			'={{ $json.answer }}',
			'={{ $json.missing }}',
		]) {
			const { error } = await bed.run(
				WHISPIR,
				contact('delete', {
					workspace: byId(home),
					contactId: byId(id),
					deleteFrom: 'allWorkspaces',
					confirmation,
				}),
				{ items: [{ json: { answer: 'yes' } }] },
			);
			expect(error?.message).toBe(
				'"Confirmation" does not say DELETE FROM ALL WORKSPACES in item 0',
			);
		}
		expect(bed.sandbox.log).toHaveLength(0);
		expect(await bed.sandbox.state('contacts')).toHaveLength(1);
	});
});

describe('Contact list search', () => {
	it('finds contacts by name for the "From List" picker', async () => {
		const [id] = bed.sandbox.seed('contacts', [JANE, { ...JANE, firstName: 'Bob' }]);
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchContacts',
			filter: 'jane',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Jane Citizen', value: id }]);
	});
});
