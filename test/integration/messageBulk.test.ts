import { NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const bulk = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'sendBulk',
	smsMappingField: 'mobile',
	emailMappingField: '',
	subject: 'Account',
	body: 'Hi @@first_name@@, you owe @@amount_due@@.',
	...parameters,
});

const rows = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		json: {
			'First Name': `Person ${index}`,
			mobile: `6140${String(index).padStart(7, '0')}`,
			amount_due: `$${index}.00`,
		},
	}));

describe('Message → Send Bulk', () => {
	it('sends 1,000 personalised messages with one upload and one send', async () => {
		const { items, error } = await bed.run(WHISPIR, bulk(), { items: rows(1000) });
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /resources',
			'POST /messages',
		]);
		const [upload, send] = bed.sandbox.log;
		expect(upload).toMatchObject({
			method: 'POST',
			path: '/resources',
			contentType: 'application/vnd.whispir.resource-v1+json',
			status: 201,
		});
		expect(upload.body).toMatchObject({ scope: 'private', mimeType: 'text/csv' });
		const csv = Buffer.from(
			String((upload.body as { derefUri: string }).derefUri),
			'base64',
		).toString('utf8');
		expect(csv.split('\r\n')[0]).toBe('First Name,mobile,amount_due');

		const [resource] = await bed.sandbox.state('resources');
		expect(send).toMatchObject({
			method: 'POST',
			path: '/messages',
			contentType: 'application/vnd.whispir.bulkmessage-v1+json',
			status: 202,
			body: {
				resource: { resourceId: resource.id, smsMappingField: 'mobile' },
				subject: 'Account',
				body: 'Hi @@first_name@@, you owe @@amount_due@@.',
			},
		});

		const messages = await bed.sandbox.state('messages');
		const perRow = messages.filter((message) => message._bulkId !== undefined);
		expect(perRow).toHaveLength(1000);
		expect(perRow[0]).toMatchObject({ to: '61400000000', body: 'Hi Person 0, you owe $0.00.' });
		expect(perRow[999]).toMatchObject({
			to: '61400000999',
			body: 'Hi Person 999, you owe $999.00.',
		});

		expect(items).toHaveLength(1);
		const bulkMessage = messages.find((message) => message._bulkId === undefined)!;
		expect(items[0].json).toEqual({
			id: bulkMessage.id,
			url: `${bed.sandbox.url}/messages/${bulkMessage.id}`,
			resourceId: resource.id,
			rows: 1000,
		});
		expect(items[0].pairedItem).toHaveLength(1000);
	});

	it('sends a template and email content, in a workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Billing', status: 'A' }]);
		const [templateId] = bed.sandbox.seed(
			'templates',
			[{ messageTemplateName: 'Due', subject: 'Due', body: '@@amount_due@@ is due' }],
			workspaceId,
		);
		const { error } = await bed.run(
			WHISPIR,
			bulk({
				workspace: { __rl: true, mode: 'id', value: workspaceId },
				subject: '',
				body: '',
				emailMappingField: 'email',
				channels: ['email'],
				emailBody: 'Dear @@first_name@@',
				options: {
					template: { __rl: true, mode: 'list', value: templateId },
					resolveRecipients: false,
				},
			}),
			{
				items: [
					{
						json: {
							first_name: 'Ann',
							mobile: '61400000001',
							email: 'ann@example.com',
							amount_due: '$5',
						},
					},
				],
			},
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			`POST /workspaces/${workspaceId}/resources`,
			`POST /workspaces/${workspaceId}/messages`,
		]);
		expect(bed.sandbox.log[1].body).toEqual({
			resource: expect.objectContaining({
				smsMappingField: 'mobile',
				emailMappingField: 'email',
				options: { resolveRecipients: false },
			}),
			email: { body: 'Dear @@first_name@@', type: 'text/plain' },
			messageTemplateId: templateId,
		});
		const row = (await bed.sandbox.state('messages', workspaceId)).find(
			(message) => message._bulkId !== undefined,
		);
		expect(row).toMatchObject({
			to: '61400000001;ann@example.com',
			body: '$5 is due',
			email: { body: 'Dear Ann' },
		});
	});

	it('refuses a mapping field no item has, or an item without a recipient, before uploading', async () => {
		const missing = await bed.run(WHISPIR, bulk({ smsMappingField: 'phone' }), { items: rows(2) });
		expect(missing.error).toBeInstanceOf(NodeOperationError);
		expect(missing.error?.message).toBe(
			'"SMS Column" names the field "phone", which no input item has',
		);
		expect(missing.error?.description).toContain('First Name, mobile, amount_due');

		const empty = await bed.run(WHISPIR, bulk(), { items: [...rows(1), { json: { mobile: '' } }] });
		expect(empty.error?.message).toBe('Item 1 has no recipient in "mobile"');
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('works with the preset columns when the items have no "email" field, and sends numbers as digits', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			{ resource: 'message', operation: 'sendBulk', subject: 'Hi', body: 'Hi @@name@@' },
			{ items: [{ json: { name: 'Ann', mobile: '+61 400 000 001' } }] },
		);
		expect(error).toBeUndefined();
		const [upload, send] = bed.sandbox.log;
		expect(
			Buffer.from(String((upload.body as { derefUri: string }).derefUri), 'base64').toString(
				'utf8',
			),
		).toBe('name,mobile\r\nAnn,61400000001\r\n');
		expect((send.body as { resource: object }).resource).toEqual({
			resourceId: expect.any(String),
			smsMappingField: 'mobile',
		});
		expect(items[0].json).toMatchObject({ rows: 1 });
		const row = (await bed.sandbox.state('messages')).find(
			(message) => message._bulkId !== undefined,
		);
		expect(row).toMatchObject({ to: '61400000001', body: 'Hi Ann' });
	});

	it('with Continue On Fail, an item without a recipient becomes an error item and the others are sent once', async () => {
		const input = [...rows(2), { json: { 'First Name': 'Nobody', mobile: '' } }];
		const { items } = await bed.run(WHISPIR, bulk(), { items: input, continueOnFail: true });
		expect(items).toEqual([
			{ json: expect.objectContaining({ rows: 2 }), pairedItem: [{ item: 0 }, { item: 1 }] },
			{
				json: expect.objectContaining({ error: 'Item 2 has no recipient in "mobile"' }),
				pairedItem: [{ item: 2 }],
			},
		]);
		expect(bed.sandbox.log.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /resources',
			'POST /messages',
		]);
		const perRow = (await bed.sandbox.state('messages')).filter(
			(message) => message._bulkId !== undefined,
		);
		expect(perRow.map((message) => message.to)).toEqual(['61400000000', '61400000001']);
	});

	it('with Continue On Fail, returns one error item paired with every input', async () => {
		const { items } = await bed.run(WHISPIR, bulk({ body: '' }), {
			items: rows(2),
			continueOnFail: true,
		});
		expect(items).toEqual([
			{
				json: expect.objectContaining({ error: '"SMS Text" is empty in item 0' }),
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		expect(bed.sandbox.log).toHaveLength(0);
	});
});
