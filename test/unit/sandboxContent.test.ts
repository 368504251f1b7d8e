// The sandbox's templates, response rules, scenarios and events, as Whispir documents them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '../sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

function api(path: string, type: string, method = 'GET', body?: object): Promise<Response> {
	const { username, password, apiKey } = sb.credentials;
	const u = new URL(sb.url + path);
	u.searchParams.set('apikey', apiKey);
	const media = `application/vnd.whispir.${type}-v1+json`;
	return fetch(u, {
		method,
		headers: {
			'x-api-key': apiKey,
			authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
			accept: media,
			...(body ? { 'content-type': media } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
}
const idOf = (res: Response) =>
	new URL(res.headers.get('location') ?? '').pathname.split('/').pop()!;

describe('templates', () => {
	const template = {
		messageTemplateName: 'T',
		subject: 'S',
		body: 'B',
		email: {},
		voice: {},
		web: {},
	};

	it('create: 201 with Location; email, voice and web must be present; some body is required', async () => {
		const ok = await api('/templates', 'template', 'POST', template);
		expect(ok.status).toBe(201);
		expect(ok.headers.get('location')).toContain('/templates/');
		const { web: _web, ...noWeb } = template;
		expect(
			await (
				await api('/templates', 'template', 'POST', { ...noWeb, messageTemplateName: 'U' })
			).text(),
		).toMatch(/web is required/);
		const noBody = await api('/templates', 'template', 'POST', {
			...template,
			messageTemplateName: 'V',
			body: '',
		});
		expect(noBody.status).toBe(422);
		const emailOnly = await api('/templates', 'template', 'POST', {
			...template,
			messageTemplateName: 'W',
			body: '',
			email: { body: 'E' },
		});
		expect(emailOnly.status).toBe(201);
	});

	it("names are unique, and a PUT may not repeat even the template's own name", async () => {
		const id = idOf(await api('/templates', 'template', 'POST', template));
		expect(
			(await api('/templates', 'template', 'POST', { ...template, messageTemplateName: ' t ' }))
				.status,
		).toBe(422);
		expect((await api(`/templates/${id}`, 'template', 'PUT', template)).status).toBe(422);
		expect(
			(await api(`/templates/${id}`, 'template', 'PUT', { ...template, messageTemplateName: 'T2' }))
				.status,
		).toBe(204);
		expect(
			(await api(`/templates/${id}`, 'template', 'PUT', { ...template, messageTemplateName: 'T' }))
				.status,
		).toBe(204);
		const list = (await (await api('/templates', 'template')).json()) as Record<string, any>;
		expect(list.messagetemplates).toEqual([
			expect.objectContaining({ id, messageTemplateName: 'T', messageTemplateDescription: '' }),
		]);
	});
});

describe('response rules', () => {
	it('201 with the id only in Location; match types and voice keys checked', async () => {
		const pattern = {
			name: 'Yes',
			pattern: 'startswith',
			textPrompt: 'YES',
			voicePrompt: '1',
			colour: '#00947d',
		};
		const res = await api('/responserules', 'responserule', 'POST', {
			name: 'R',
			responseTemplatePatterns: { responseTemplatePattern: [pattern] },
		});
		expect(res.status).toBe(201);
		expect(await res.text()).toBe('');
		const one = (await (await api(`/responserules/${idOf(res)}`, 'responserule')).json()) as Record<
			string,
			any
		>;
		expect(one.responseTemplatePatterns.responseTemplatePattern[0].pattern).toBe('startsWith');
		for (const bad of [
			{ ...pattern, pattern: 'regex' },
			{ ...pattern, voicePrompt: '12' },
		]) {
			const refused = await api('/responserules', 'responserule', 'POST', {
				name: 'X',
				responseTemplatePatterns: { responseTemplatePattern: [bad] },
			});
			expect(refused.status).toBe(422);
		}
	});
});

describe('scenarios', () => {
	const scenario = {
		title: 'Fire',
		description: 'D',
		message: { to: '61423456789', subject: 'S', body: 'B' },
	};

	it('201 with the scenario; the list has no ids; name is taken as title', async () => {
		const res = await api('/scenarios', 'scenario', 'POST', scenario);
		expect(res.status).toBe(201);
		const created = (await res.json()) as Record<string, any>;
		expect(created).toMatchObject({
			title: 'Fire',
			allowedUsers: 'EVERYONE',
			message: { body: 'B' },
		});
		expect(created.link.map((l: any) => l.rel)).toEqual([
			'self',
			'updateScenario',
			'deleteScenario',
		]);
		const { title: _t, ...named } = scenario;
		expect((await api('/scenarios', 'scenario', 'POST', { ...named, name: 'Flood' })).status).toBe(
			201,
		);
		const list = (await (await api('/scenarios', 'scenario')).json()) as Record<string, any>;
		expect(list.scenarios.map((s: any) => [s.title, s.id])).toEqual([
			['Fire', undefined],
			['Flood', undefined],
		]);
		expect(
			(await api('/scenarios', 'scenario', 'POST', { ...scenario, message: { to: 'x' } })).status,
		).toBe(422);
	});
});

describe('events', () => {
	const event = {
		eventLabel: 'Outage',
		status: 'Open',
		eventFormList: [
			{
				formName: 'MetroEvent',
				eventFieldList: [{ name: 'startDate', value: '11/09/2015 17:41:00' }],
			},
		],
	};

	it('201 with the whole form, blank fields included, and the retrieveEventMessages link', async () => {
		const res = await api('/events', 'event', 'POST', event);
		expect(res.status).toBe(201);
		const created = (await res.json()) as Record<string, any>;
		const names = created.eventFormList[0].eventFieldList.map((f: any) => f.name);
		expect(names).toEqual(
			expect.arrayContaining([
				'summary',
				'severity',
				'actionDate10',
				'actionOwner10',
				'impactToOrg',
				'startDate',
			]),
		);
		expect(created.link.find((l: any) => l.rel === 'retrieveEventMessages').uri).toContain(
			'/messages?label=Outage',
		);
	});

	it('refuses a missing start date, a bad date, an 11th action and a bad status; DELETE is 405', async () => {
		const form = (fields: Array<{ name: string; value: string }>) => ({
			...event,
			eventFormList: [{ formName: 'M', eventFieldList: fields }],
		});
		const start = { name: 'startDate', value: '11/09/2015 17:41:00' };
		for (const body of [
			form([]),
			form([{ name: 'startDate', value: '2015-09-11' }]),
			form([start, { name: 'actionOwner11', value: 'X' }]),
			{ ...event, status: 'Gone' },
		]) {
			expect((await api('/events', 'event', 'POST', body)).status).toBe(422);
		}
		const id = idOf(await api('/events', 'event', 'POST', event));
		expect((await api(`/events/${id}`, 'event', 'DELETE')).status).toBe(405);
		expect(
			(await api(`/events/${id}`, 'event', 'PUT', { ...event, status: 'Closed' })).status,
		).toBe(204);
		const closed = (await (await api(`/events/${id}`, 'event')).json()) as Record<string, any>;
		expect(closed).toMatchObject({ id, eventLabel: 'Outage', status: 'Closed' });
	});
});

describe('messages on WhatsApp and RCS, and the email opt-out (schemas WhatsApp, RCS, OptOutOption)', () => {
	const send = (fields: object) =>
		api('/messages', 'message', 'POST', { to: '61423456789', subject: 'S', ...fields });
	const refusal = async (fields: object) => {
		const res = await send(fields);
		expect(res.status).toBe(422);
		// Whispir's ApiError shape, as for every other refusal.
		return ((await res.json()) as { errorSummary: string }).errorSummary;
	};

	it('accepts the documented shapes', async () => {
		for (const fields of [
			{ whatsapp: { type: 'template', name: 't', content: { body: [{ text: 'John' }] } } },
			{ whatsapp: { type: 'template', name: 't', language: 'en_SG', parameters: ['a', 'b'] } },
			{ rcs: { text: 'Hello' }, features: { fallback: { channel: 'SMS', templateName: 'f' } } },
			{
				email: {
					body: 'B',
					type: 'text/plain',
					optOutOption: { rmsUnsubscribeUrl: '@@web_link@@' },
				},
			},
		])
			expect((await send(fields)).status).toBe(202);
	});

	it('refuses WhatsApp without an approved template', async () => {
		expect(await refusal({ whatsapp: { name: 't' } })).toContain(
			'whatsapp.type must be "template"',
		);
		expect(await refusal({ whatsapp: { type: 'template' } })).toContain(
			'whatsapp.name is required',
		);
		expect(await refusal({ whatsapp: { type: 'template', name: 'unapproved_x' } })).toContain(
			'is not approved',
		);
		expect(
			await refusal({
				whatsapp: { type: 'template', name: 't', parameters: ['a'], content: { body: [] } },
			}),
		).toContain('not supported with whatsapp.parameters');
		expect(
			await refusal({
				whatsapp: {
					type: 'template',
					name: 't',
					content: { body: [], button: [{ index: '0', sub_type: 'url' }] },
				},
			}),
		).toContain('text is required for a url button');
	});

	it('refuses RCS with more than one element, bad suggestions or a fallback elsewhere', async () => {
		expect(
			await refusal({ rcs: { text: 'a', media: { fileUrl: 'https://example.com/a.png' } } }),
		).toContain('one of text, media and richCard');
		expect(await refusal({ rcs: { richCard: { cards: [] } } })).toContain('at least one card');
		expect(
			await refusal({
				rcs: { text: 'a', suggestions: [{ text: 'x'.repeat(26), postbackData: 'p' }] },
			}),
		).toContain('at most 25 characters');
		expect(
			await refusal({ body: 'B', features: { fallback: { channel: 'SMS', templateName: 'f' } } }),
		).toContain('only supported for RCS');
		expect(
			await refusal({
				rcs: { text: 'a' },
				features: { fallback: { channel: 'EMAIL', templateName: 'f' } },
			}),
		).toContain('channel must be SMS');
	});

	it('refuses one-click unsubscribe without an unsubscribe URL', async () => {
		expect(
			await refusal({
				email: { body: 'B', type: 'text/plain', optOutOption: { oneClickApiMapping: '2ab64862' } },
			}),
		).toContain('rmsUnsubscribeUrl is required');
	});
});
