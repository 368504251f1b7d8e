import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { IMPORT_DELAY_MS } from '../sandbox/resources/imports';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string, path?: string) =>
	bed.sandbox.log.filter(
		(request) => request.method === method && (path === undefined || request.path === path),
	);

/** Spreadsheet-like rows, with their own column names. */
const ROWS = [
	{
		first: 'Ann',
		last: 'Lee',
		mobile: '+61 400 000 001',
		email: 'ann@example.com',
		country: 'Australia',
		tz: 'Australia/Sydney',
		staff: 'S1',
		note: 'x',
	},
	{
		first: 'Bob',
		last: 'Ray',
		mobile: '61400000002',
		email: 'bob@example.com',
		country: 'Australia',
		tz: '+10',
		staff: 'S2',
		note: 'y',
	},
];
const MAPPING = {
	field: [
		{ field: 'firstName', column: 'first' },
		{ field: 'lastName', column: 'last' },
		{ field: 'workMobilePhone1', column: 'mobile' },
		{ field: 'workEmailAddress1', column: 'email' },
		{ field: 'workCountry', column: 'country' },
		{ field: 'timezone', column: 'tz' },
	],
	customField: [{ name: 'StaffId', column: 'staff' }],
};
const importFromItems = (parameters: Record<string, unknown> = {}) => ({
	resource: 'import',
	operation: 'importContacts',
	source: 'items',
	importMode: 'replace',
	fieldMapping: MAPPING,
	...parameters,
});

async function importedContacts(count: number) {
	for (let waited = 0; waited < 2000; waited += 20) {
		const stored = await bed.sandbox.state('contacts');
		if (stored.length >= count) return stored;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return await bed.sandbox.state('contacts');
}

describe('Import → Import Contacts from the input items', () => {
	it('uploads the mapped columns as a private CSV, starts the import, and answers once for all items', async () => {
		const { items, error } = await bed.run(WHISPIR, importFromItems(), {
			items: ROWS.map((json) => ({ json })),
		});
		expect(error).toBeUndefined();

		const [upload] = requests('POST', '/resources');
		const body = upload.body as Record<string, string>;
		expect(body).toMatchObject({ scope: 'private', mimeType: 'text/csv' });
		const csv = Buffer.from(body.derefUri, 'base64').toString('utf8');
		expect(csv.split('\r\n')).toEqual([
			'first,last,mobile,email,country,tz,staff',
			'Ann,Lee,61400000001,ann@example.com,Australia,Australia/Sydney,S1',
			'Bob,Ray,61400000002,bob@example.com,Australia,+10,S2',
			'',
		]);
		const [resource] = await bed.sandbox.state('resources');

		const [start] = requests('POST', '/imports');
		expect(start).toMatchObject({
			contentType: 'application/vnd.whispir.importcontact-v1+json',
			status: 202,
			body: {
				resourceId: resource.id,
				importType: 'contact',
				importOptions: {
					importMode: 'replace',
					fieldMapping: {
						firstName: 'first',
						lastName: 'last',
						workMobilePhone1: 'mobile',
						workEmailAddress1: 'email',
						workCountry: 'country',
						timezone: 'tz',
						custom_StaffId: 'staff',
					},
				},
			},
		});
		expect(items).toEqual([
			{
				json: { accepted: true, resourceId: resource.id, rows: 2, importMode: 'replace' },
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);

		// Whispir imports in the background: the contacts arrive after the answer.
		expect(await bed.sandbox.state('contacts')).toHaveLength(0);
		const stored = await importedContacts(2);
		expect(
			stored.map((contact) => [
				contact.firstName,
				contact.workMobilePhone1,
				contact.timezone,
				contact.custom_StaffId,
			]),
		).toEqual([
			['Ann', '61400000001', '+10', 'S1'],
			['Bob', '61400000002', '+10', 'S2'],
		]);
	});

	it('with Replace updates the contact with the same email, with Ignore leaves it, with Duplicate adds one', async () => {
		const [ann] = bed.sandbox.seed('contacts', [
			{
				firstName: 'Ann',
				lastName: 'Old',
				workEmailAddress1: 'ann@example.com',
				workMobilePhone1: '61400000001',
				workCountry: 'Australia',
				timezone: '+10',
				jobTitle: 'Nurse',
			},
		]);
		const run = async (importMode: string) => {
			await bed.run(WHISPIR, importFromItems({ importMode }), { items: [{ json: ROWS[0] }] });
			await new Promise((resolve) => setTimeout(resolve, IMPORT_DELAY_MS * 3));
			return await bed.sandbox.state('contacts');
		};
		expect((await run('ignore')).map((c) => c.lastName)).toEqual(['Old']);
		const replaced = await run('replace');
		expect(replaced).toHaveLength(1);
		expect(replaced[0]).toMatchObject({ id: ann, lastName: 'Lee', jobTitle: 'Nurse' });
		expect(await run('duplicate')).toHaveLength(2);
	});

	it('refuses a mapping without the mandatory fields before sending anything', async () => {
		const mapping = {
			field: MAPPING.field.filter(({ field }) => !['workCountry', 'timezone'].includes(field)),
		};
		const { error } = await bed.run(WHISPIR, importFromItems({ fieldMapping: mapping }), {
			items: ROWS.map((json) => ({ json })),
		});
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe(
			'"Field Mapping" does not map "Work Country", "Timezone" in item 0',
		);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('with Continue On Fail, turns a mapping fault into one error item for all items, not the input passed on', async () => {
		const mapping = { field: MAPPING.field.filter(({ field }) => field !== 'timezone') };
		const { items, error } = await bed.run(WHISPIR, importFromItems({ fieldMapping: mapping }), {
			items: ROWS.map((json) => ({ json })),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					error: '"Field Mapping" does not map "Timezone" in item 0',
					details: expect.stringContaining('timezone'),
				},
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('refuses a mapped column that no item has', async () => {
		const mapping = {
			field: MAPPING.field.map((pair) =>
				pair.field === 'lastName' ? { ...pair, column: 'surname' } : pair,
			),
		};
		const { error } = await bed.run(WHISPIR, importFromItems({ fieldMapping: mapping }), {
			items: ROWS.map((json) => ({ json })),
		});
		expect(error?.message).toBe(
			'"Field Mapping" names column "surname", which no input item has, in item 0',
		);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('names the item and field of a bad row; with Continue On Fail imports the others', async () => {
		const items = [
			{ json: ROWS[0] },
			{ json: { ...ROWS[1], email: 'bob-at-example' } },
			{ json: { ...ROWS[1], first: '' } },
		];
		const stopped = await bed.run(WHISPIR, importFromItems(), { items });
		expect(stopped.error?.message).toBe('"Work Email" in item 1 is not valid: "bob-at-example"');
		expect(bed.sandbox.log).toHaveLength(0);

		const { items: output } = await bed.run(WHISPIR, importFromItems(), {
			items,
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({
			json: { accepted: true, rows: 1 },
			pairedItem: [{ item: 0 }],
		});
		expect(output[1]).toMatchObject({
			json: { error: '"Work Email" in item 1 is not valid: "bob-at-example"' },
			pairedItem: { item: 1 },
		});
		expect(output[2]).toMatchObject({
			json: { error: '"First Name" (column "first") is empty in item 2' },
			pairedItem: { item: 2 },
		});
		expect(requests('POST', '/imports')).toHaveLength(1);
	});
});

describe('Import → Import Contacts from an existing resource', () => {
	it('imports an uploaded file once per item, in the chosen workspace', async () => {
		const [workspace] = bed.sandbox.seed('workspaces', [{ projectName: 'Field' }]);
		const csv =
			'firstName,lastName,workMobilePhone1,workCountry,timezone\r\nCy,Doe,61400000003,Australia,+8\r\n';
		const [resourceId] = bed.sandbox.seed(
			'resources',
			[
				{
					name: 'people.csv',
					scope: 'private',
					mimeType: 'text/csv',
					derefUri: Buffer.from(csv).toString('base64'),
				},
			],
			workspace,
		);
		const identity = {
			field: MAPPING.field
				.filter(({ field }) => field !== 'workEmailAddress1')
				.map(({ field }) => ({ field, column: field })),
		};
		const { items, error } = await bed.run(WHISPIR, {
			resource: 'import',
			operation: 'importContacts',
			workspace: byId(workspace),
			source: 'resource',
			resourceId: byId(resourceId),
			importMode: 'duplicate',
			fieldMapping: identity,
		});
		expect(error).toBeUndefined();
		expect(requests('POST', `/workspaces/${workspace}/imports`)[0]).toMatchObject({
			status: 202,
			// Both places: the docs' importOptions and the OpenAPI's root (importCreate).
			body: { resourceId, importMode: 'duplicate', importOptions: { importMode: 'duplicate' } },
		});
		expect(requests('POST', '/resources')).toHaveLength(0);
		expect(items).toEqual([
			{ json: { accepted: true, resourceId, importMode: 'duplicate' }, pairedItem: { item: 0 } },
		]);
		const stored = await importedContacts(1);
		expect(stored[0]).toMatchObject({ firstName: 'Cy', _workspace: workspace });
	});

	it('reports Whispir refusing an unknown resource, per item with Continue On Fail', async () => {
		const identity = { field: MAPPING.field.map(({ field }) => ({ field, column: field })) };
		const { items } = await bed.run(
			WHISPIR,
			{
				resource: 'import',
				operation: 'importContacts',
				source: 'resource',
				resourceId: byId('NOPE'),
				fieldMapping: identity,
				importMode: 'replace',
			},
			{ continueOnFail: true },
		);
		expect(items[0].json.error).toMatch(/^Whispir rejected the request's content/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});
