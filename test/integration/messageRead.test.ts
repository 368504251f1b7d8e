import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const message = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation,
	...parameters,
});

/** The control API, as a test or a demo drives the simulated recipients. */
async function control(route: string, body: object): Promise<Record<string, unknown>> {
	const response = await fetch(`${bed.sandbox.url}/__sandbox/messages/${route}`, {
		method: 'POST',
		body: JSON.stringify(body),
	});
	const answer = (await response.json()) as Record<string, unknown>;
	if (response.status !== 200) throw new Error(String(answer.error));
	return answer;
}

const gets = () => bed.sandbox.log.filter((request) => request.method === 'GET');

describe('Message → Get', () => {
	it('reads one message with its content and status links, simplified or raw', async () => {
		const [id] = bed.sandbox.seed('messages', [
			{ to: '61423456789', subject: 'Hello', body: 'World' },
		]);
		const simple = await bed.run(WHISPIR, message('get', { messageId: locator(id) }));
		expect(simple.error).toBeUndefined();
		expect(gets()[0]).toMatchObject({
			path: `/messages/${id}`,
			accept: 'application/vnd.whispir.message-v1+json',
			status: 200,
		});
		expect(simple.items[0].json).toMatchObject({
			id,
			to: '61423456789',
			subject: 'Hello',
			body: 'World',
			direction: 'OUTGOING',
		});
		expect(simple.items[0].json.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

		const raw = await bed.run(WHISPIR, message('get', { messageId: locator(id), simplify: false }));
		const links = raw.items[0].json.link as Array<{ rel: string; uri: string }>;
		expect(links.map((link) => link.rel)).toEqual([
			'self',
			'summaryStatus',
			'detailedStatus',
			'summaryResponses',
			'detailedResponses',
			'summaryResponsesWithResponseRule',
			'detailedResponsesWithResponseRule',
		]);
		expect(JSON.stringify(raw.items)).not.toContain(bed.sandbox.credentials.apiKey);
	});
});

describe('Message → Get Many', () => {
	beforeEach(() => {
		const day = 24 * 60 * 60 * 1000;
		bed.sandbox.seed('messages', [
			...Array.from({ length: 23 }, (_, index) => ({
				to: '61400000000',
				subject: `Mine ${index}`,
				body: 'x',
			})),
			{ to: '61400000000', subject: 'By a colleague', body: 'x', sender: 'colleague' },
			{ to: '61400000000', subject: 'About the outage', body: 'x', label: '657126 Outage' },
			{ to: '61400000000', subject: 'Old one', body: 'x', createdTime: Date.now() - 30 * day },
		]);
	});

	it('returns my messages of the last 7 days across pages, newest first, with ids', async () => {
		const { items } = await bed.run(WHISPIR, message('getAll', { returnAll: true }));
		expect(items).toHaveLength(24);
		expect(items[0].json).toMatchObject({ subject: 'About the outage', direction: 'OUTGOING' });
		expect(items.every((item) => typeof item.json.id === 'string')).toBe(true);
		expect(gets().map((request) => request.query.offset)).toEqual(['0', '20']);
	});

	it('turns the filters into viewType, label and all four date criteria', async () => {
		const shared = await bed.run(
			WHISPIR,
			message('getAll', { returnAll: true, filters: { shared: true } }),
		);
		expect(shared.items).toHaveLength(25);
		expect(gets()[0].query).toMatchObject({ viewType: 'shared' });

		const labelled = await bed.run(
			WHISPIR,
			message('getAll', { returnAll: true, filters: { label: '657126 Outage' } }),
		);
		expect(labelled.items.map((item) => item.json.subject)).toEqual(['About the outage']);

		bed.sandbox.clearLog();
		const ranged = await bed.run(
			WHISPIR,
			message('getAll', {
				returnAll: true,
				filters: { from: '2020-01-01T00:00:00', to: '2099-07-01T23:59:00' },
			}),
		);
		expect(gets()[0].query).toMatchObject({
			criteriaFromDate: '01/01/2020',
			criteriaFromTime: '00:00',
			criteriaToDate: '01/07/2099',
			criteriaToTime: '23:59',
		});
		expect(ranged.items).toHaveLength(25);
	});

	it('takes Return All and Limit given as text by expressions; refuses a Limit that is no number', async () => {
		const limited = await bed.run(
			WHISPIR,
			message('getAll', { returnAll: '={{ "false" }}', limit: '={{ "3" }}' }),
		);
		expect(limited.items).toHaveLength(3);

		bed.sandbox.clearLog();
		const bad = await bed.run(
			WHISPIR,
			message('getAll', { returnAll: false, limit: '={{ "all" }}' }),
			{ continueOnFail: true },
		);
		expect(bad.items).toEqual([
			{
				json: {
					error: '"Limit" in item 0 is not a whole number of at least 1: "all"',
					details: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('refuses an end without a start before asking Whispir', async () => {
		const { error } = await bed.run(
			WHISPIR,
			message('getAll', { returnAll: true, filters: { to: '2099-07-01T23:59:00' } }),
		);
		expect(error?.message).toBe('"Sent After" is empty in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Message → Get Status', () => {
	it('follows the recipients from PENDING to SENT, DELIVRD, READ and FAILED', async () => {
		const to = Array.from(
			{ length: 22 },
			(_, index) => `614000000${String(index).padStart(2, '0')}`,
		).join(';');
		const [id] = bed.sandbox.seed('messages', [
			{ to, subject: 'Drill', body: 'Reply OK', email: {} },
		]);
		const summary = async () =>
			(await bed.run(WHISPIR, message('getStatus', { messageId: locator(id) }))).items[0].json;

		expect(await summary()).toEqual({
			messageId: id,
			sent: 0,
			pending: 22,
			received: 0,
			acknowledged: 0,
			undeliverable: 0,
			total: 22,
		});
		expect(gets()[0]).toMatchObject({
			path: `/messages/${id}/messagestatus`,
			query: { view: 'summary' },
			accept: 'application/vnd.whispir.messagestatus-v1+json',
		});
		await control('advance', { messageId: id });
		expect(await summary()).toMatchObject({ sent: 22, pending: 0 });
		await control('advance', { messageId: id });
		await control('reply', { messageId: id, recipient: '61400000000', content: 'OK' });
		await control('undeliverable', {
			messageId: id,
			recipient: '61400000001',
			reason: 'Number disconnected',
		});
		expect(await summary()).toMatchObject({
			received: 20,
			acknowledged: 1,
			undeliverable: 1,
			total: 22,
		});

		bed.sandbox.clearLog();
		const detailed = await bed.run(
			WHISPIR,
			message('getStatus', { messageId: locator(id), view: 'detailed', returnAll: true }),
		);
		expect(gets().map((request) => [request.query.view, request.query.offset])).toEqual([
			['detailed', '0'],
			['detailed', '20'],
		]);
		expect(detailed.items).toHaveLength(22);
		expect(detailed.items[0].json).toMatchObject({
			messageId: id,
			name: '61400000000',
			sms: { status: 'READ', destination: '61400000000' },
		});
		const sms = detailed.items[0].json.sms as Record<string, string>;
		expect(sms.acknowledgedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(detailed.items[1].json).toMatchObject({
			info: 'Number disconnected',
			sms: { status: 'FAILED' },
		});

		const raw = await bed.run(
			WHISPIR,
			message('getStatus', { messageId: locator(id), view: 'detailed', limit: 1, simplify: false }),
		);
		expect(raw.items).toHaveLength(1);
		const channels = raw.items[0].json.status as Array<Record<string, string>>;
		// Whispir's JSON: epoch-seconds strings and the misspelt acknowlegedTimestamp.
		expect(channels.find((channel) => channel.type === 'sms')?.acknowlegedTimestamp).toMatch(
			/^\d{10}$/,
		);
		expect(channels.map((channel) => channel.type)).toEqual(['email', 'sms', 'voice']);
	});
});

describe('Message → Get Responses', () => {
	it('matches replies against the template response rule and reports them per recipient and in summary', async () => {
		const [ruleId] = bed.sandbox.seed('responserules', [
			{
				name: 'Yes or No',
				responseTemplatePatterns: {
					responseTemplatePattern: [
						{ name: 'Yes', pattern: 'startsWith', textPrompt: 'YES' },
						{ name: 'No', pattern: 'exactmatch', textPrompt: 'no' },
					],
				},
			},
		]);
		bed.sandbox.seed('templates', [
			{
				messageTemplateName: 'Confirm',
				subject: 'Confirm',
				body: 'Reply YES or NO',
				responseTemplateId: ruleId,
			},
		]);
		const sent = await bed.run(WHISPIR, {
			...message('send', { to: '61400000001;61400000002;61400000003', subject: '', body: '' }),
			options: { template: { __rl: true, mode: 'name', value: 'Confirm' } },
		});
		const id = String(sent.items[0].json.id);
		await control('reply', { messageId: id, recipient: '61400000001', content: 'yes please' });
		await control('reply', { messageId: id, recipient: '61400000002', content: 'maybe' });

		bed.sandbox.clearLog();
		const detailed = await bed.run(
			WHISPIR,
			message('getResponses', { messageId: locator(id), view: 'detailed', returnAll: true }),
		);
		expect(gets()[0]).toMatchObject({
			path: `/messages/${id}/messageresponses`,
			query: { view: 'detailed', filter: 'default' },
			accept: 'application/vnd.whispir.messageresponse-v1+json',
		});
		expect(
			detailed.items.map((item) => [
				item.json.mobile,
				item.json.category,
				item.json.reply,
				item.json.channel,
			]),
		).toEqual([
			['61400000001', 'Yes', 'yes please', 'SMS'],
			['61400000002', 'notmatched', 'maybe', 'SMS'],
			['61400000003', 'noresponse', null, null],
		]);
		expect(detailed.items[0].json.repliedAt).toMatch(/^\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

		// Summary is the default view, as in Get Status.
		const summary = await bed.run(
			WHISPIR,
			message('getResponses', { messageId: locator(id), byResponseRule: true }),
		);
		expect(bed.sandbox.log.at(-1)?.query).toMatchObject({
			view: 'summary',
			filter: 'responserule',
		});
		expect(summary.items.map((item) => [item.json.category, item.json.recipients])).toEqual([
			['Yes', 1],
			['No', 0],
			['notmatched', 1],
			['noresponse', 1],
		]);
	});
});

describe('Message list search', () => {
	it('finds recent messages by subject', async () => {
		const [id] = bed.sandbox.seed('messages', [
			{ to: '61400000000', subject: 'Server down', body: 'x' },
			{ to: '61400000000', subject: 'Lunch', body: 'x' },
		]);
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchMessages',
			filter: 'server',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Server down', value: id }]);
	});

	it('offers contacts and distribution lists by MRI, and callbacks by name', async () => {
		bed.sandbox.seed('contacts', [
			{ firstName: 'Jane', lastName: 'Doe', mri: 'Jane_Doe.1@Contact.whispir.com' },
		]);
		bed.sandbox.seed('distributionlists', [{ name: 'Oncall' }]);
		bed.sandbox.seed('callbacks', [{ name: 'Replies', url: 'https://example.com/hook' }]);
		const lists = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchDistributionListMris',
			credentials: bed.credentials,
		});
		expect(lists.results).toEqual([
			{ name: 'Oncall', value: expect.stringMatching(/^Oncall\..+@list\./i) },
		]);
		const contacts = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchContactMris',
			credentials: bed.credentials,
		});
		expect(contacts.results).toEqual([
			{ name: 'Jane Doe', value: 'Jane_Doe.1@Contact.whispir.com' },
		]);
		const callbacks = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchCallbackNames',
			credentials: bed.credentials,
		});
		expect(callbacks.results).toEqual([{ name: 'Replies', value: 'Replies' }]);
	});
});
