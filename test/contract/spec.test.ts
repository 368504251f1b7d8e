// The judge itself: the patched spec loads, every patch is justified, and the checks catch what they must.
import { describe, expect, it } from 'vitest';

import type { LoggedRequest } from '../sandbox/types';
import { WhispirContract } from './spec';

const contract = WhispirContract.load();

const MEDIA = (type: string) => `application/vnd.whispir.${type}-v1+json`;

function exchange(fields: Partial<LoggedRequest>): LoggedRequest {
	return { seq: 1, time: 0, method: 'GET', path: '/workspaces', query: {}, status: 200, ...fields };
}

const template = (voice: object) =>
	exchange({
		method: 'POST',
		path: '/templates',
		accept: MEDIA('template'),
		contentType: MEDIA('template'),
		body: { messageTemplateName: 'T', subject: 'S', body: 'B', email: {}, voice, web: {} },
		status: 201,
	});

describe("Whispir's OpenAPI with our patches", () => {
	it("gives every patch what it changes, why, and a section of Whispir's public docs", () => {
		expect(contract.patches.length).toBeGreaterThan(10);
		for (const patch of contract.patches) {
			expect(patch.what, patch.id).toMatch(/\w{3}/);
			expect(patch.why, patch.id).toMatch(/\w{3}/);
			expect(patch.docs, patch.id).toContain('https://developers.whispir.com');
		}
	});

	it('finds the operation of a path inside or outside a workspace, and of the paths the patches add', () => {
		expect(contract.operation('GET', '/workspaces/ABC/templates/DEF')?.operationId).toBe(
			'templateRetrieve',
		);
		expect(contract.operation('GET', '/templates/DEF')?.operationId).toBe('templateRetrieve');
		expect(contract.operation('GET', '/workspaces')?.operationId).toBe('workspaceList');
		expect(contract.operation('PUT', '/workspaces/ABC/contacts/C1/devices/D1')?.operationId).toBe(
			'contactDeviceUpdate',
		);
		expect(contract.checkRequest(exchange({ path: '/nowhere' }))).toEqual([
			'no spec path matches /nowhere',
		]);
		expect(contract.checkRequest(exchange({ method: 'PATCH', path: '/templates/DEF' }))).toEqual([
			'PATCH is not an operation of /workspaces/{workspaceId}/templates/{templateId}',
		]);
	});

	it('takes a template whose voice part has its type, and flags one without', () => {
		expect(
			contract.checkRequest(
				template({ type: 'ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:' }),
			),
		).toEqual([]);
		expect(contract.checkRequest(template({}))).toEqual([
			"request body: /voice must have required property 'type'",
		]);
	});

	it('flags a wrong media type, a missing required body field and a messaging option sent empty', () => {
		expect(contract.checkRequest(exchange({ accept: MEDIA('message') }))).toEqual([
			'header Accept: application/vnd.whispir.message-v1+json is not one of application/vnd.whispir.workspace-v1+json, application/vnd.whispir.workspace-v1+xml',
		]);
		const scenario = exchange({
			method: 'POST',
			path: '/scenarios',
			accept: MEDIA('scenario'),
			contentType: MEDIA('scenario'),
			body: {
				title: 'Drill',
				description: 'D',
				message: { to: '61400000001', subject: 'S', body: 'B' },
			},
		});
		expect(contract.checkRequest(scenario)).toEqual([
			"request body: (body) must have required property 'name'",
		]);
		const contact = exchange({
			method: 'POST',
			path: '/contacts',
			accept: MEDIA('contact'),
			contentType: MEDIA('contact'),
			body: {
				firstName: 'J',
				lastName: 'C',
				messagingoptions: [
					{ channel: 'sms', enabled: 'true', primary: 'WorkMobilePhone1', tertiary: '' },
				],
			},
		});
		expect(contract.checkRequest(contact)).toEqual([
			'request body: /messagingoptions/0/tertiary must match pattern "^[A-Za-z]+[0-9]?$"',
		]);
	});

	it('checks the WhatsApp, RCS and email opt-out sections of a message against their schemas', () => {
		const message = (fields: object) =>
			exchange({
				method: 'POST',
				path: '/messages',
				accept: MEDIA('message'),
				contentType: MEDIA('message'),
				body: { to: '61400000001', subject: 'S', ...fields },
				status: 202,
			});
		const whatsapp = { type: 'template', name: 't', content: { body: [{ text: 'J' }] } };
		const rcs = { text: 'Hi', suggestions: [{ text: 'Yes', postbackData: 'y' }] };
		const email = { body: 'B', optOutOption: { rmsUnsubscribeUrl: '@@web_link@@' } };
		expect(contract.checkRequest(message({ whatsapp, rcs, email }))).toEqual([]);
		// Some x-examples of the WhatsApp schema send other types; its enum allows only "template".
		expect(
			contract.checkRequest(message({ whatsapp: { ...whatsapp, type: 'icebreaker' } })),
		).toEqual(['request body: /whatsapp/type must be equal to one of the allowed values']);
		expect(
			contract.checkRequest(message({ rcs: { ...rcs, suggestions: [{ text: 'Yes' }] } })),
		).toEqual(["request body: /rcs/suggestions/0 must have required property 'postbackData'"]);
		expect(
			contract.checkRequest(
				message({ features: { fallback: { channel: 'EMAIL', templateName: 'f' } } }),
			),
		).toEqual([
			'request body: /features/fallback/channel must be equal to one of the allowed values',
		]);
	});

	it('flags an answer with an undocumented status or a body that breaks the schema', () => {
		const get = { path: '/callbacks/C1', accept: MEDIA('api-callback') };
		expect(
			contract.checkAnswer(exchange({ ...get, status: 202, answer: { body: undefined } })),
		).toEqual(['status 202 is not a documented answer (200)']);
		const answer = (body: object) =>
			exchange({ ...get, answer: { contentType: MEDIA('api-callback'), body } });
		const callback = {
			name: 'H',
			url: 'https://example.com/h',
			auth: { type: 'httpheader', key: 'k' },
			contentType: 'json',
			removeHTML: 'disabled',
			retriesEnabled: 'true',
			email: 'ops@example.com',
			callbacks: { reply: 'enabled', undeliverable: 'disabled' },
		};
		expect(contract.checkAnswer(answer(callback))).toEqual([]);
		expect(contract.checkAnswer(answer({ ...callback, email: undefined }))).toEqual([
			"answer body: (body) must have required property 'email'",
		]);
	});

	it('checks an error answer against the response the spec documents for its status', () => {
		const error = (status: number, contentType: string, body: unknown) =>
			exchange({ path: '/callbacks/C1', status, answer: { contentType, body } });
		const apiError = { errorSummary: 'No such callback', errorText: 'Not Found', errorDetail: '' };
		expect(contract.checkAnswer(error(404, 'application/json', apiError))).toEqual([]);
		expect(contract.checkAnswer(error(404, 'text/plain', 'Not Found'))).toEqual([
			'answer media type text/plain is not one of application/json',
		]);
		expect(
			contract.checkAnswer(error(400, 'application/json', { ...apiError, errorText: '' })),
		).toEqual(['answer body: /errorText must NOT have fewer than 1 characters']);
		// The gateway's HTML refusal, by the patch gateway-refusals-are-html.
		expect(contract.checkAnswer(error(403, 'text/html', '<h1>Developer Inactive</h1>'))).toEqual(
			[],
		);
		// A status the spec does not document is reported in the summary, not as a violation.
		const conflict = error(409, 'application/json', apiError);
		expect(contract.checkAnswer(conflict)).toEqual([]);
		expect(contract.undocumentedError(conflict)).toBe(true);
		expect(contract.undocumentedError(error(404, 'application/json', apiError))).toBe(false);
	});
});
