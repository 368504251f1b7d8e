import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MEDIA = 'application/vnd.whispir.event-v1+json';
const LABEL = '2701095 - Outage of Local Systems in Sydney';
// Create needs the company's form name (Whispir's documentation uses MetroEvent).
const event = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation,
	...(operation === 'create' ? { formName: 'MetroEvent' } : {}),
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);
type Field = { name: string; value: string };
const fieldsOf = (record: Record<string, unknown>) =>
	Object.fromEntries(
		(record.eventFormList as Array<{ eventFieldList: Field[] }>)[0].eventFieldList.map((f) => [
			f.name,
			f.value,
		]),
	);

function seedEvent() {
	return bed.sandbox.seed('events', [
		{
			eventLabel: LABEL,
			status: 'Open',
			eventFormList: [
				{
					formName: 'MetroEvent',
					eventFieldList: [
						{ name: 'summary', value: 'Outage of systems in Sydney' },
						{ name: 'status', value: 'Open' },
						{ name: 'startDate', value: '11/09/2015 17:41:00' },
						{ name: 'severity', value: 'Severity 4 - Scheduled System Changes' },
						{ name: 'actionOwner1', value: 'John Wick' },
						{ name: 'actionDetails1', value: 'Investigate' },
					],
				},
			],
		},
	])[0];
}

describe('Event → Create', () => {
	it('posts the label, status and form fields with Whispir dates, and outputs the event simplified', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			event('create', {
				eventLabel: LABEL,
				status: 'Open',
				startDate: '2015-09-11T17:41:00',
				additionalFields: {
					summary: 'Outage of systems in Sydney',
					severity: 'Severity SL3 - Minor Outage (Some Service Degradation)',
					category: 'Internal Systems',
					endDate: '2015-09-12T08:00:00',
					duration: '14:19:00',
					location: '-33.8688,151.2093',
				},
				actions: {
					action: [
						{ date: '2015-09-11T18:00:00', owner: 'John Wick', details: 'Investigate' },
						{ owner: 'Jane Roe', details: 'Tell customers' },
					],
				},
			}),
		);
		expect(error).toBeUndefined();
		const [post] = requests('POST');
		expect(post).toMatchObject({ path: '/events', contentType: MEDIA, status: 201 });
		const body = post.body as Record<string, unknown>;
		expect(body).toMatchObject({
			eventLabel: LABEL,
			status: 'Open',
			eventFormList: [{ formName: 'MetroEvent' }],
		});
		expect(fieldsOf(body)).toEqual({
			startDate: '11/09/2015 17:41:00',
			endDate: '12/09/2015 08:00:00',
			summary: 'Outage of systems in Sydney',
			severity: 'Severity SL3 - Minor Outage (Some Service Degradation)',
			category: 'Internal Systems',
			duration: '14:19:00',
			location: '-33.8688,151.2093',
			actionDate1: '11/09/2015 18:00:00',
			actionOwner1: 'John Wick',
			actionDetails1: 'Investigate',
			actionOwner2: 'Jane Roe',
			actionDetails2: 'Tell customers',
			status: 'Open',
		});
		const [stored] = await bed.sandbox.state('events');
		expect(items[0].json).toMatchObject({
			id: stored.id,
			eventLabel: LABEL,
			status: 'Open',
			formName: 'MetroEvent',
			summary: 'Outage of systems in Sydney',
			actionOwner2: 'Jane Roe',
		});
		// Simplified: the blank fields Whispir answers with are left out.
		expect(items[0].json).not.toHaveProperty('actionOwner3');
	});

	it('writes the real seconds of the start, end and action dates', async () => {
		const { error } = await bed.run(
			WHISPIR,
			event('create', {
				eventLabel: LABEL,
				startDate: '2015-09-11T17:41:37',
				additionalFields: { endDate: '2015-09-12T08:00:05.250' },
				actions: {
					action: [{ date: '2015-09-11 18:00:59', owner: 'John Wick', details: 'Investigate' }],
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(fieldsOf(requests('POST')[0].body as Record<string, unknown>)).toMatchObject({
			startDate: '11/09/2015 17:41:37',
			endDate: '12/09/2015 08:00:05',
			actionDate1: '11/09/2015 18:00:59',
		});
	});

	it('refuses 11 actions before sending, naming the item', async () => {
		const actions = Array.from({ length: 11 }, (_, index) => ({
			owner: `Owner ${index + 1}`,
			details: 'x',
		}));
		const { error } = await bed.run(
			WHISPIR,
			event('create', {
				eventLabel: '={{ $json.label }}',
				startDate: '2015-09-11T17:41:00',
				actions: { action: actions },
			}),
			{ items: [{ json: { label: 'A' } }, { json: { label: 'B' } }] },
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"Actions" has 11 entries in item 0; an event has at most 10');
		expect(requests('POST')).toHaveLength(0);
	});

	it('refuses an unreadable start date and a bad duration, item by item with Continue On Fail', async () => {
		const { items } = await bed.run(
			WHISPIR,
			event('create', {
				eventLabel: 'E',
				startDate: '={{ $json.start }}',
				additionalFields: { duration: '={{ $json.duration }}' },
			}),
			{
				items: [
					{ json: { start: 'next tuesday', duration: '01:00:00' } },
					{ json: { start: '2015-09-11T17:41:00', duration: '90 minutes' } },
					{ json: { start: '2015-09-11T17:41:00', duration: '01:30:00' } },
				],
				continueOnFail: true,
			},
		);
		expect(items.map((item) => item.json.error)).toEqual([
			'"Start Date" in item 0 is not a date: "next tuesday"',
			'"Duration" in item 1 is not valid: "90 minutes"',
			undefined,
		]);
		expect(requests('POST')).toHaveLength(1);
	});
});

describe('Event → Update and Close', () => {
	it('changes the given fields and keeps every other one', async () => {
		const id = seedEvent();
		const { items, error } = await bed.run(
			WHISPIR,
			event('update', {
				eventId: byId(id),
				updateFields: { priority: 'Priority 1 - <2hr Resolution', status: 'Active' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')[0]).toMatchObject({
			path: `/events/${id}`,
			contentType: MEDIA,
			status: 204,
		});
		const [stored] = await bed.sandbox.state('events');
		expect(stored).toMatchObject({ eventLabel: LABEL, status: 'Active' });
		expect(fieldsOf(stored)).toMatchObject({
			summary: 'Outage of systems in Sydney',
			startDate: '11/09/2015 17:41:00',
			severity: 'Severity 4 - Scheduled System Changes',
			priority: 'Priority 1 - <2hr Resolution',
			status: 'Active',
			actionOwner1: 'John Wick',
		});
		expect(items[0].json).toMatchObject({
			id,
			status: 'Active',
			priority: 'Priority 1 - <2hr Resolution',
		});
	});

	it('refuses an update with nothing to change before any request', async () => {
		const id = seedEvent();
		for (const updateFields of [{}, { eventLabel: ' ' }]) {
			const { error } = await bed.run(
				WHISPIR,
				event('update', { eventId: byId(id), updateFields }),
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe('Nothing to update in item 0');
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('replaces all actions when actions are given', async () => {
		const id = seedEvent();
		const { error } = await bed.run(
			WHISPIR,
			event('update', {
				eventId: byId(id),
				actions: { action: [{ owner: 'Ann', details: 'Call vendor' }] },
			}),
		);
		expect(error).toBeUndefined();
		const fields = fieldsOf((await bed.sandbox.state('events'))[0]);
		expect(fields).toMatchObject({
			actionOwner1: 'Ann',
			actionDetails1: 'Call vendor',
			actionOwner2: '',
			summary: 'Outage of systems in Sydney',
		});
	});

	it('closes an event by setting its status to Closed, keeping the rest', async () => {
		const id = seedEvent();
		const { items, error } = await bed.run(WHISPIR, event('close', { eventId: byId(id) }));
		expect(error).toBeUndefined();
		expect(requests('PUT')).toHaveLength(1);
		expect(requests('DELETE')).toHaveLength(0);
		const [stored] = await bed.sandbox.state('events');
		expect(stored.status).toBe('Closed');
		expect(fieldsOf(stored)).toMatchObject({
			status: 'Closed',
			summary: 'Outage of systems in Sydney',
		});
		expect(items[0].json).toMatchObject({ id, status: 'Closed', eventLabel: LABEL });
	});
});

describe('Event → Get, Get Many, Get Messages', () => {
	it('gets an event simplified or in full', async () => {
		const id = seedEvent();
		const simple = await bed.run(WHISPIR, event('get', { eventId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/events/${id}`,
			accept: MEDIA,
		});
		expect(simple.items[0].json).toEqual({
			id,
			eventLabel: LABEL,
			status: 'Open',
			formName: 'MetroEvent',
			summary: 'Outage of systems in Sydney',
			startDate: '11/09/2015 17:41:00',
			severity: 'Severity 4 - Scheduled System Changes',
			actionOwner1: 'John Wick',
			actionDetails1: 'Investigate',
		});
		const full = await bed.run(WHISPIR, event('get', { eventId: byId(id), simplify: false }));
		expect(full.items[0].json).toMatchObject({
			id,
			eventLabel: LABEL,
			eventFormList: [{ formName: 'MetroEvent' }],
		});
		expect(fieldsOf(full.items[0].json)).toMatchObject({
			summary: 'Outage of systems in Sydney',
			actionOwner1: 'John Wick',
		});
	});

	it('lists events', async () => {
		const id = seedEvent();
		const { items } = await bed.run(WHISPIR, event('getAll', { returnAll: true }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: '/events' });
		expect(items.map((item) => item.json.id)).toEqual([id]);
	});

	it('lists the messages sent about the event, found by its label', async () => {
		const id = seedEvent();
		bed.sandbox.seed('messages', [
			{ to: '61423456789', subject: 'About the outage', body: 'We are on it', label: LABEL },
			{ to: '61423456789', subject: 'Unrelated', body: 'Hello' },
			{ to: '61423456789', subject: 'Outage update', body: 'Fixed', label: LABEL },
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			event('getMessages', { eventId: byId(id), returnAll: false, limit: 1 }),
		);
		expect(error).toBeUndefined();
		const list = bed.sandbox.log.at(-1);
		expect(list).toMatchObject({
			method: 'GET',
			path: '/messages',
			query: { label: LABEL },
			accept: 'application/vnd.whispir.message-v1+json',
		});
		expect(items).toHaveLength(1);
		const all = await bed.run(
			WHISPIR,
			event('getMessages', { eventId: byId(id), returnAll: true }),
		);
		expect(all.items.map((item) => item.json.subject).sort()).toEqual([
			'About the outage',
			'Outage update',
		]);
	});

	it('refuses an event without a label instead of listing every recent message', async () => {
		// Whispir requires a label on create; an event read without one (as the fault plays it) must not widen the search.
		const id = seedEvent();
		bed.sandbox.injectFault({
			type: 'status',
			status: 200,
			method: 'GET',
			path: `/events/${id}`,
			headers: { 'Content-Type': MEDIA },
			body: JSON.stringify({ id, eventLabel: '', status: 'Open' }),
		});
		const { error } = await bed.run(
			WHISPIR,
			event('getMessages', { eventId: byId(id), returnAll: true }),
		);
		expect(error?.message).toBe(
			'The event in item 0 has no label, so its messages cannot be found',
		);
		expect(bed.sandbox.log.filter((request) => request.path === '/messages')).toHaveLength(0);
	});
});
