// Input validation at the edge, one table for every class of input (phone numbers, emails, dates,
// sizes, IDs, whole numbers) across the operations that take it. Each bad value arrives from an
// upstream item through an expression, as it would in a workflow, and must be refused with the item
// and the field named, before any request: the sandbox's log stays empty.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromItem = '={{ $json.value }}';
const JANE = {
	firstName: 'Jane',
	lastName: 'Citizen',
	workEmailAddress1: 'jane@example.com',
	workMobilePhone1: '61423456789',
	workCountry: 'Australia',
	timezone: 'Australia/Melbourne',
};
const USER = {
	userName: 'jo.bloggs',
	password: 'AmF10gt_x',
	firstName: 'Jo',
	lastName: 'Bloggs',
	workEmailAddress1: 'jo@example.com',
	workMobilePhone1: '61423456780',
	workCountry: 'Australia',
	timezone: 'Australia/Melbourne',
};
const SMS = {
	resource: 'message',
	operation: 'send',
	to: '61423456789',
	subject: 'Reminder',
	body: 'Tomorrow at 10',
};

interface Case {
	/** What is wrong, and where. */
	name: string;
	parameters: INodeParameters;
	/** The value every input item hands the expression. */
	value: unknown;
	/** The error, with # for the item's index. */
	message: string | RegExp;
	/** More fields of every input item. */
	json?: Record<string, unknown>;
	/** An operation that makes one request from all input items: run with one item. */
	singleItem?: boolean;
}

const cases: Record<string, Case[]> = {
	'phone numbers': [
		{
			name: 'Contact → Create, Work Mobile with letters',
			parameters: { resource: 'contact', operation: 'create', ...JANE, workMobilePhone1: fromItem },
			value: '04x23',
			message: '"Work Mobile" in item # is not valid: "04x23"',
		},
		{
			name: 'Contact → Create, Work Mobile too short',
			parameters: { resource: 'contact', operation: 'create', ...JANE, workMobilePhone1: fromItem },
			value: '+61 4',
			message: '"Work Mobile" in item # is not valid: "+61 4"',
		},
		{
			name: 'Contact → Create, Work Mobile too long',
			parameters: { resource: 'contact', operation: 'create', ...JANE, workMobilePhone1: fromItem },
			value: '6142345678901234',
			message: '"Work Mobile" in item # is not valid: "6142345678901234"',
		},
		{
			name: 'User → Create, Work Mobile as words',
			parameters: { resource: 'user', operation: 'create', ...USER, workMobilePhone1: fromItem },
			value: 'call me',
			message: '"Work Mobile" in item # is not valid: "call me"',
		},
	],
	emails: [
		{
			name: 'Contact → Create, Work Email without @',
			parameters: {
				resource: 'contact',
				operation: 'create',
				...JANE,
				workEmailAddress1: fromItem,
			},
			value: 'jane.example.com',
			message: '"Work Email" in item # is not valid: "jane.example.com"',
		},
		{
			name: 'Contact → Create, two emails in one',
			parameters: {
				resource: 'contact',
				operation: 'create',
				...JANE,
				workEmailAddress1: fromItem,
			},
			value: 'a@b.co;c@d.co',
			message: '"Work Email" in item # is not valid: "a@b.co;c@d.co"',
		},
		{
			name: 'User → Create, Work Email without a domain',
			parameters: { resource: 'user', operation: 'create', ...USER, workEmailAddress1: fromItem },
			value: 'jo@',
			message: '"Work Email" in item # is not valid: "jo@"',
		},
		{
			name: 'Callback → Create, Failure Email',
			parameters: {
				resource: 'callback',
				operation: 'create',
				name: '={{ "cb" + $itemIndex }}',
				url: 'https://example.com/hook',
				authKey: 'abc123',
				events: ['reply'],
				additionalFields: { email: fromItem },
			},
			value: 'ops at example',
			message: '"Failure Email" in item # is not valid: "ops at example"',
		},
	],
	dates: [
		{
			name: 'Message → Send, Send At in words',
			parameters: { ...SMS, options: { sendAt: fromItem } },
			value: 'tomorrow',
			message: '"Send At" in item # is not a date and time: "tomorrow"',
		},
		{
			name: 'Message → Send, Send At on 30 February',
			parameters: { ...SMS, options: { sendAt: fromItem } },
			value: '2099-02-30T10:00',
			message: '"Send At" in item # is not a date and time: "2099-02-30T10:00"',
		},
		{
			name: 'Event → Create, Start Date at 25:00',
			parameters: {
				resource: 'event',
				operation: 'create',
				eventLabel: 'E',
				formName: 'MetroEvent',
				startDate: fromItem,
			},
			value: '2030-01-01T25:00:00',
			message: '"Start Date" in item # is not a date: "2030-01-01T25:00:00"',
		},
		{
			name: 'Activity → Get Many, From filter',
			parameters: {
				resource: 'activity',
				operation: 'getAll',
				returnAll: true,
				filters: { startTime: fromItem },
			},
			value: 'last week',
			message: '"Filters → From" in item # is not a date: "last week"',
		},
	],
	sizes: [
		{
			name: 'Resource → Upload, text above 10 MB',
			parameters: {
				resource: 'resource',
				operation: 'upload',
				source: 'text',
				content: fromItem,
				name: 'big.csv',
				scope: 'private',
			},
			value: 'a'.repeat(10 * 1024 * 1024 + 1),
			message: /^The file in item # is 10\.1 MB; Whispir accepts at most 10 MB$/,
		},
		{
			name: 'Import → Import Contacts, input items above 10 MB',
			parameters: {
				resource: 'import',
				operation: 'importContacts',
				source: 'items',
				importMode: 'replace',
				fieldMapping: {
					field: [
						{ field: 'firstName', column: 'first' },
						{ field: 'lastName', column: 'value' },
						{ field: 'workMobilePhone1', column: 'mobile' },
						{ field: 'workCountry', column: 'country' },
						{ field: 'timezone', column: 'tz' },
					],
				},
			},
			value: 'L'.repeat(10 * 1024 * 1024),
			json: { first: 'Jo', mobile: '61423456789', country: 'Australia', tz: 'Australia/Melbourne' },
			message: /^The input items make a 10\.0 MB file; Whispir accepts at most 10 MB$/,
			singleItem: true,
		},
	],
	IDs: [
		{
			name: 'User → Delete, ID "." (would be DELETE /users/: every user)',
			parameters: { resource: 'user', operation: 'delete', userId: byId(fromItem) },
			value: '.',
			message: '"User" in item # is not an ID: "."',
		},
		{
			name: 'Template → Delete, ID ".."',
			parameters: { resource: 'template', operation: 'delete', templateId: byId(fromItem) },
			value: '..',
			message: '"Template" in item # is not an ID: ".."',
		},
		{
			name: 'Contact → Get, ID "."',
			parameters: { resource: 'contact', operation: 'get', contactId: byId(fromItem) },
			value: '.',
			message: '"Contact" in item # is not an ID: "."',
		},
		{
			name: 'Template → Get Many, Workspace ".."',
			parameters: {
				resource: 'template',
				operation: 'getAll',
				returnAll: true,
				workspace: byId(fromItem),
			},
			value: '..',
			message: '"Workspace" in item # is not an ID: ".."',
		},
		{
			name: 'Scenario → Run, empty ID',
			parameters: { resource: 'scenario', operation: 'run', scenarioId: byId(fromItem) },
			value: '  ',
			message: '"Scenario" is empty in item #',
		},
	],
	'whole numbers': [
		{
			name: 'Template → Get Many, Limit as words',
			parameters: { resource: 'template', operation: 'getAll', returnAll: false, limit: fromItem },
			value: 'ten',
			message: '"Limit" in item # is not a whole number of at least 1: "ten"',
		},
		{
			name: 'Contact → Get Many, Limit 0',
			parameters: { resource: 'contact', operation: 'getAll', returnAll: false, limit: fromItem },
			value: 0,
			message: '"Limit" in item # is not a whole number of at least 1: "0"',
		},
	],
};

/** The expected message for one item: # becomes its index. */
function expectedFor(message: string | RegExp, itemIndex: number): string | RegExp {
	return typeof message === 'string'
		? message.replace('#', String(itemIndex))
		: new RegExp(message.source.replace('#', String(itemIndex)), message.flags);
}

describe('Input validation at the edge: refused before any request, item and field named', () => {
	for (const [kind, table] of Object.entries(cases)) {
		describe(kind, () => {
			it.each(table.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
				const items = (c.singleItem ? [0] : [0, 1]).map(() => ({
					json: { ...c.json, value: c.value } as IDataObject,
				}));
				// Without Continue On Fail: the run stops at item 0 with a NodeOperationError.
				const stopped = await bed.run(WHISPIR, c.parameters, { items });
				expect(stopped.error?.constructor.name).toBe('NodeOperationError');
				expect(String(stopped.error?.message)).toMatch(asPattern(expectedFor(c.message, 0)));
				// With Continue On Fail: every item's own error names that item.
				const continued = await bed.run(WHISPIR, c.parameters, { items, continueOnFail: true });
				expect(continued.items).toHaveLength(items.length);
				continued.items.forEach((item, itemIndex) =>
					expect(String(item.json.error)).toMatch(asPattern(expectedFor(c.message, itemIndex))),
				);
				expect(bed.sandbox.log).toEqual([]);
			});
		});
	}
});

const asPattern = (expected: string | RegExp) =>
	typeof expected === 'string'
		? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
		: expected;
