import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MEDIA = 'application/vnd.whispir.template-v1+json';
const template = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'template',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const NO_CONFERENCE_CALL = 'ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:';

const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);

function seedTemplate(fields: Record<string, unknown> = {}) {
	return bed.sandbox.seed('templates', [
		{
			messageTemplateName: 'Reminder',
			messageTemplateDescription: 'Day-before reminder',
			subject: 'Tomorrow',
			body: 'See you at 10',
			email: { body: 'Email text', footer: 'The clinic', type: 'text/plain' },
			voice: { type: NO_CONFERENCE_CALL },
			web: {},
			responseTemplateId: 'RULE1',
			features: { pushOptions: { notifications: 'enabled', escalationMins: '3' } },
			...fields,
		},
	])[0];
}

describe('Template → Create', () => {
	it('posts the template with empty email, voice and web sections and returns the id from Location', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			template('create', {
				messageTemplateName: 'Appointment Reminder',
				subject: 'Your appointment',
				body: 'Hi @@first_name@@, see you tomorrow',
				additionalFields: {
					messageTemplateDescription: 'Sent the day before',
					responseTemplateId: { __rl: true, mode: 'list', value: 'RULE9' },
					rejectReplies: true,
					pushEscalationMins: 5,
				},
			}),
		);
		expect(error).toBeUndefined();
		const [post] = requests('POST');
		expect(post).toMatchObject({
			path: '/templates',
			contentType: MEDIA,
			status: 201,
			body: {
				messageTemplateName: 'Appointment Reminder',
				messageTemplateDescription: 'Sent the day before',
				subject: 'Your appointment',
				body: 'Hi @@first_name@@, see you tomorrow',
				email: {},
				// The voice type is required (templateCreate) even without a voice body: no teleconference.
				voice: { type: NO_CONFERENCE_CALL },
				web: {},
				responseTemplateId: 'RULE9',
				type: 'defaultNoReply',
				features: { pushOptions: { escalationMins: '5' } },
			},
		});
		const [stored] = await bed.sandbox.state('templates');
		expect(items[0].json).toMatchObject({
			id: stored.id,
			messageTemplateName: 'Appointment Reminder',
		});
		expect(items[0].json.url).toBe(`${bed.sandbox.url}/templates/${stored.id}`);
	});

	it('sends an email-only template with the email format, in the chosen workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Clinic' }]);
		const { error } = await bed.run(
			WHISPIR,
			template('create', {
				workspace: byId(workspaceId),
				messageTemplateName: 'Newsletter',
				subject: 'News',
				additionalFields: { emailBody: '<p>Hello</p>', emailType: 'text/html' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0]).toMatchObject({
			path: `/workspaces/${workspaceId}/templates`,
			body: {
				email: { body: '<p>Hello</p>', type: 'text/html' },
				voice: { type: NO_CONFERENCE_CALL },
				web: {},
			},
		});
		expect(requests('POST')[0].body).not.toHaveProperty('body');
	});

	it('refuses a template without any content before sending, naming the item', async () => {
		const { error } = await bed.run(
			WHISPIR,
			template('create', { messageTemplateName: 'Empty', subject: 'S' }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"SMS Body" is empty in item 0');
		expect(requests('POST')).toHaveLength(0);
	});

	it("passes on Whispir's refusal of a name that is taken", async () => {
		seedTemplate();
		const { error } = await bed.run(
			WHISPIR,
			template('create', { messageTemplateName: 'Reminder', subject: 'S', body: 'B' }),
		);
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toContain('already exists');
	});
});

describe('Template → Update', () => {
	it('refuses an update with nothing to change before any request', async () => {
		const id = seedTemplate();
		for (const updateFields of [{}, { subject: ' ', messageTemplateName: '' }]) {
			const { error } = await bed.run(
				WHISPIR,
				template('update', { templateId: byId(id), updateFields }),
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe('Nothing to update in item 0');
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('keeps the name: saves under a temporary name, then renames back; untouched fields survive', async () => {
		const id = seedTemplate();
		const { items, error } = await bed.run(
			WHISPIR,
			template('update', {
				templateId: byId(id),
				updateFields: { body: 'See you at 11', emailFooter: 'Dr Who' },
			}),
		);
		expect(error).toBeUndefined();
		const puts = requests('PUT');
		expect(
			puts.map((request) => [
				request.status,
				(request.body as Record<string, unknown>).messageTemplateName,
			]),
		).toEqual([
			[204, expect.stringMatching(/^Reminder \(updating /)],
			[204, 'Reminder'],
		]);
		expect(puts[1]).toMatchObject({ path: `/templates/${id}`, contentType: MEDIA });
		const [stored] = await bed.sandbox.state('templates');
		expect(stored).toMatchObject({
			id,
			messageTemplateName: 'Reminder',
			messageTemplateDescription: 'Day-before reminder',
			subject: 'Tomorrow',
			body: 'See you at 11',
			email: { body: 'Email text', footer: 'Dr Who', type: 'text/plain' },
			responseTemplateId: 'RULE1',
			features: { pushOptions: { notifications: 'enabled', escalationMins: '3' } },
		});
		expect(items[0].json).toMatchObject({
			id,
			messageTemplateName: 'Reminder',
			body: 'See you at 11',
		});
	});

	it('renames with a single PUT', async () => {
		const id = seedTemplate();
		const { error } = await bed.run(
			WHISPIR,
			template('update', {
				templateId: byId(id),
				updateFields: { messageTemplateName: 'Reminder v2' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')).toHaveLength(1);
		expect((await bed.sandbox.state('templates'))[0]).toMatchObject({
			messageTemplateName: 'Reminder v2',
			body: 'See you at 10',
		});
	});

	it('says the template carries the temporary name when renaming back fails', async () => {
		const id = seedTemplate();
		// The first PUT (to the temporary name) goes through, only delayed; the second is refused.
		bed.sandbox.injectFault({ type: 'delay', delayMs: 0, method: 'PUT' });
		bed.sandbox.injectFault({
			type: 'status',
			status: 422,
			method: 'PUT',
			body: 'messageTemplateName refused',
		});
		const { error } = await bed.run(
			WHISPIR,
			template('update', { templateId: byId(id), updateFields: { subject: 'New' } }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(
			new RegExp(`^Template ${id} was saved under the temporary name "Reminder \\(updating `),
		);
		expect(error?.description).toContain('Run this Update again with Name set to "Reminder"');
		const [stored] = await bed.sandbox.state('templates');
		expect(stored.messageTemplateName).toMatch(/^Reminder \(updating /);
		expect(stored.subject).toBe('New');
	});
});

describe('Template → Get, Get Many, Delete', () => {
	it('gets one template with all its content', async () => {
		const id = seedTemplate();
		const { items } = await bed.run(WHISPIR, template('get', { templateId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/templates/${id}`,
			accept: MEDIA,
		});
		expect(items[0].json).toMatchObject({
			id,
			messageTemplateName: 'Reminder',
			email: { footer: 'The clinic' },
		});
	});

	it('lists templates with their ids', async () => {
		seedTemplate();
		seedTemplate({ messageTemplateName: 'Survey' });
		const { items } = await bed.run(WHISPIR, template('getAll', { returnAll: true }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: '/templates' });
		expect(items.map((item) => item.json.messageTemplateName)).toEqual(['Reminder', 'Survey']);
		expect(items.every((item) => typeof item.json.id === 'string')).toBe(true);
	});

	it('deletes a template', async () => {
		const id = seedTemplate();
		const { items } = await bed.run(WHISPIR, template('delete', { templateId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/templates/${id}`,
			status: 204,
		});
		expect(items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('templates')).toHaveLength(0);
	});
});
