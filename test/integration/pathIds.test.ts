// IDs in request paths: an ID or Workspace that is not one (".", "..", "a/b", "%2e", blank) is refused
// before anything is sent, whatever the parameter's shape (resource locator, plain string, expression,
// number), for every operation that puts an ID in a path. The operations come from the node's own
// operation table, so a new operation cannot be left out.
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { RESOURCES } from '../../nodes/Whispir/actions/resources';
import { PROBE, WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

describe('User → Delete with the ID "."', () => {
	// Found by an attack on the packed package: a plain-string "." sent `DELETE /users/`, Whispir's
	// "delete every user of the company", and the output said {"id":".","deleted":true}.
	it.each([
		['a plain string', '.'],
		['a plain string with spaces', ' . '],
		['an expression', "={{ '.' }}"],
		['an expression reading the item', '={{ $json.id }}'],
		['a resource locator', { __rl: true, mode: 'id', value: '.' }],
	])('as %s is refused and nothing is sent', async (_shape, userId) => {
		bed.sandbox.seed('users', [
			{
				userName: 'keep.me',
				password: 'Keep_me_1',
				firstName: 'Keep',
				lastName: 'Me',
				workEmailAddress1: 'keep@example.com',
				workMobilePhone1: '61400000009',
				workCountry: 'Australia',
				timezone: 'Australia/Melbourne',
			},
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			{ resource: 'user', operation: 'delete', userId } as INodeParameters,
			{
				items: [{ json: { id: '.' } }],
			},
		);
		expect(items).toEqual([]);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"User" in item 0 is not an ID: "."');
		expect(bed.sandbox.log).toEqual([]);
		expect(await bed.sandbox.state('users')).toHaveLength(1);
	});
});

/** Values that are not IDs: path steps, separators, their percent-encoded forms, with and without spaces. */
const NOT_IDS = [
	'.',
	'..',
	' . ',
	'\t..\n',
	'a/b',
	'/',
	'%2e',
	'%2E%2e',
	'%2F',
	'a%2fb',
	'%252e',
	'?x',
	'#x',
	'a\\b',
	'..%2f..',
];

/**
 * Parameters that let an operation get as far as its IDs: its other required fields, valid. An
 * operation missing here whose other checks come first fails this table (its error names another field).
 */
const JANE = {
	firstName: 'Jane',
	lastName: 'Citizen',
	workEmailAddress1: 'jane@example.com',
	workMobilePhone1: '61423456789',
	workCountry: 'Australia',
	timezone: 'Australia/Melbourne',
};
const SMS = { to: '61423456789', subject: 'Reminder', body: 'Tomorrow at 10' };
const VALID_PARAMETERS: Record<string, INodeParameters> = {
	'activity.create': {
		module: 'Message',
		action: 'Send',
		status: 'Successful',
		description: 'Sent',
	},
	'contact.create': JANE,
	'contact.upsert': { matchOn: 'workEmailAddress1', ...JANE },
	'contact.update': { updateFields: { firstName: 'Janet' } },
	'contactDevice.create': {
		deviceName: 'Phone',
		pushToken: 'token-1',
		appId: { __rl: true, mode: 'id', value: 'APP1' },
	},
	'contactDevice.update': { updateFields: { deviceName: 'Phone 2' } },
	'distributionList.create': { name: 'Team', access: 'Open', visibility: 'Public' },
	'distributionList.update': { updateFields: { description: 'New' } },
	'distributionList.addMembers': {
		members: { contacts: [{ id: { __rl: true, mode: 'id', value: 'C1' } }] },
	},
	'distributionList.removeMembers': {
		members: { contacts: [{ id: { __rl: true, mode: 'id', value: 'C1' } }] },
	},
	'event.create': { eventLabel: 'E1', startDate: '2030-01-01T10:00:00', formName: 'MetroEvent' },
	'event.update': { updateFields: { eventLabel: 'E2' } },
	'message.send': SMS,
	'message.sendAndWait': SMS,
	'message.sendBulk': { subject: 'Hello', body: 'Hi @@value@@', smsMappingField: 'value' },
	'resource.upload': { source: 'text', content: 'a,b', name: 'a.csv', scope: 'private' },
	'resource.update': { source: 'text', content: 'a,b' },
	'responseRule.create': {
		name: 'Rule',
		categories: { category: [{ name: 'Yes', pattern: 'startswith', value: 'Y' }] },
	},
	'responseRule.update': { updateFields: { description: 'New' } },
	'scenario.create': { title: 'S', description: 'D', ...SMS },
	'scenario.update': { updateFields: { description: 'New' } },
	'template.create': { messageTemplateName: 'T', subject: 'S', body: 'B' },
	'template.update': { updateFields: { subject: 'New' } },
	'user.update': { updateFields: { firstName: 'Jo' } },
	'user.getAll': { scope: 'workspace' },
	'verify.sendCode': { to: '+61423456789' },
	'app.update': { updateFields: { name: 'New' } },
	'callback.update': { updateFields: { name: 'New' } },
	'callbackCall.updateStatus': { callIds: 'CALL1', status: 'SUCCESS' },
	'import.importContacts': {
		source: 'resource',
		resourceId: 'RES1',
		importMode: 'replace',
		fieldMapping: {
			field: ['firstName', 'lastName', 'workMobilePhone1', 'workCountry', 'timezone'].map(
				(field) => ({ field, column: field }),
			),
		},
	},
};

interface IdField {
	operation: string;
	parameters: INodeParameters;
	name: string;
	label: string;
	/** A workspace may be left empty (Whispir's default workspace); a record's ID may not. */
	optional: boolean;
}

/** Locators whose value goes into a request body, not a path (Whispir reads them by name or as data). */
const BODY_LOCATORS = new Set([
	'message.send.pushApp',
	'message.sendAndWait.pushApp',
	'import.importContacts.resourceId',
]);

/** Every resource locator of every operation: each holds an ID (of a record, its parent or its workspace). */
function idFields(): IdField[] {
	const fields: IdField[] = [];
	for (const resource of RESOURCES) {
		for (const [operation, handler] of Object.entries(resource.operations)) {
			const key = `${resource.option.value}.${operation}`;
			const locators = handler.description.filter(
				(property: INodeProperties) => property.type === 'resourceLocator',
			);
			const valid = VALID_PARAMETERS[key] ?? {};
			// Every other locator holds a good ID, so that the one under test is what is refused.
			const goodIds = Object.fromEntries(
				locators.map((locator) => [
					locator.name,
					valid[locator.name] ?? { __rl: true, mode: 'id', value: 'GOOD1' },
				]),
			);
			for (const locator of locators) {
				if (BODY_LOCATORS.has(`${key}.${locator.name}`)) continue;
				fields.push({
					operation: `${resource.option.name} → ${operation}, ${locator.displayName}`,
					parameters: {
						resource: resource.option.value as string,
						operation,
						...valid,
						...goodIds,
					},
					name: locator.name,
					label: locator.displayName,
					optional: locator.required !== true,
				});
			}
		}
	}
	return fields;
}

const FIELDS = idFields();

describe('Every ID and Workspace in a request path is refused when it is not an ID, and nothing is sent', () => {
	it('covers every operation with an ID', () => {
		// 60-odd at the time of writing; a resource that lost its locators would shrink this.
		expect(FIELDS.length).toBeGreaterThan(60);
	});

	const shapes: Array<[string, (value: string) => unknown]> = [
		[
			'a resource locator, from an expression',
			() => ({ __rl: true, mode: 'id', value: '={{ $json.value }}' }),
		],
		['a plain string, from an expression', () => '={{ $json.value }}'],
	];
	describe.each(FIELDS.map((field) => [field.operation, field] as const))('%s', (_name, field) => {
		it.each(shapes)('as %s', async (_shape, shape) => {
			const items = NOT_IDS.map((value) => ({ json: { value } as IDataObject }));
			const { items: output, error } = await bed.run(
				WHISPIR,
				{ ...field.parameters, [field.name]: shape('') } as INodeParameters,
				{
					items,
					continueOnFail: true,
				},
			);
			expect(error).toBeUndefined();
			// A batch operation fails as one: its first bad item is named.
			const messages = output.map((item) => String(item.json.error));
			const expected = NOT_IDS.map(
				(value, itemIndex) =>
					`"${field.label}" in item ${itemIndex} is not an ID: "${value.trim()}"`,
			);
			expect(messages).toEqual(output.length === items.length ? expected : [expected[0]]);
			expect(bed.sandbox.log).toEqual([]);
		});

		it('as a plain string typed in', async () => {
			const { error } = await bed.run(
				WHISPIR,
				{ ...field.parameters, [field.name]: '..' } as INodeParameters,
				{
					items: [{ json: { value: '61423456789' } }],
				},
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe(`"${field.label}" in item 0 is not an ID: ".."`);
			expect(bed.sandbox.log).toEqual([]);
		});

		// A blank Workspace means Whispir's default workspace; a blank record ID is refused.
		if (!field.optional)
			it('left blank is refused', async () => {
				const { error } = await bed.run(WHISPIR, {
					...field.parameters,
					[field.name]: { __rl: true, mode: 'id', value: "={{ '  ' }}" },
				} as INodeParameters);
				expect(error?.message).toBe(`"${field.label}" is empty in item 0`);
				expect(bed.sandbox.log).toEqual([]);
			});
	});
});

describe('The transport checks every path, whoever built it', () => {
	it.each([
		['/users/.', 'ID in DELETE /users/…', '.'],
		['/users/%2e', 'ID in DELETE /users/…', '.'],
		['/users/', 'ID in DELETE /users/…', ''],
		['/contacts/C1/devices/..', 'ID in DELETE /contacts/C1/devices/…', '..'],
		['/callbacks/a%2Fb/calls', 'ID in DELETE /callbacks/…', 'a/b'],
	])('%s is refused', async (path, label, shown) => {
		const { error } = await bed.run(PROBE, { method: 'DELETE', path, mediaType: 'user-v1' });
		expect(error?.message).toBe(`"${label}" in item 0 is not an ID: "${shown}"`);
		expect(bed.sandbox.log).toEqual([]);
	});

	it('a workspace that is not an ID is refused', async () => {
		const { error } = await bed.run(PROBE, {
			method: 'GET',
			path: '/contacts',
			mediaType: 'contact-v1',
			workspaceId: '..',
		});
		expect(error?.message).toBe('"Workspace" in item 0 is not an ID: ".."');
		expect(bed.sandbox.log).toEqual([]);
	});

	it('a number is an ID like any other', async () => {
		bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const { error } = await bed.run(WHISPIR, {
			resource: 'workspace',
			operation: 'get',
			workspaceId: '={{ 12345 }}',
		});
		// Sent, and answered by Whispir: no such workspace.
		expect(error?.message).toBe('Whispir found nothing at this address');
		expect(bed.sandbox.log.map((entry) => entry.path)).toEqual(['/workspaces/12345']);
	});
});
