// Pure helpers of the Template, Scenario, Event and Resource operations.
import { describe, expect, it } from 'vitest';

import { simplifyEvent } from '../../nodes/Whispir/actions/event/fields';
import { mimeTypeFor } from '../../nodes/Whispir/actions/resource/fileContent';
import { scenarioParts } from '../../nodes/Whispir/actions/scenario/fields';
import { hasSomeBody, templateParts } from '../../nodes/Whispir/actions/template/fields';

describe('templateParts', () => {
	it('shapes only the given fields into sections, with the email and web formats defaulted', () => {
		expect(
			templateParts({
				emailBody: 'E',
				webBody: '<b>W</b>',
				voiceHeader: 'Hi',
				pushNotifications: false,
				pushEscalationMins: 4,
			}),
		).toEqual({
			email: { body: 'E', type: 'text/plain' },
			web: { body: '<b>W</b>', type: 'text/html' },
			voice: { header: 'Hi' },
			features: { pushOptions: { notifications: 'disabled', escalationMins: '4' } },
		});
		expect(templateParts({})).toEqual({});
	});

	it('takes the response rule from a locator or an ID, and Reject Replies as the type', () => {
		expect(
			templateParts({
				responseTemplateId: { __rl: true, mode: 'list', value: 'R1' },
				rejectReplies: true,
			}),
		).toEqual({
			responseTemplateId: 'R1',
			type: 'defaultNoReply',
		});
		expect(templateParts({ responseTemplateId: 'R2', rejectReplies: false })).toEqual({
			responseTemplateId: 'R2',
			type: '',
		});
	});

	it('hasSomeBody accepts an SMS body or any channel body', () => {
		expect(hasSomeBody({ body: ' ' })).toBe(false);
		expect(hasSomeBody({ email: {}, voice: { body: 'V' } })).toBe(true);
		expect(hasSomeBody({ body: 'S' })).toBe(true);
	});
});

describe('scenarioParts', () => {
	it('sends the name as name and title, and nests the message, only with given fields', () => {
		expect(
			scenarioParts({
				title: ' Fire ',
				description: 'D',
				to: '614',
				subject: 'S',
				body: 'B',
				label: '',
				voiceBody: 'V',
				allowedUsers: 'EVERYONE',
			}),
		).toEqual({
			name: 'Fire',
			title: 'Fire',
			description: 'D',
			allowedUsers: 'EVERYONE',
			message: { to: '614', subject: 'S', body: 'B', voice: { body: 'V' } },
		});
		expect(scenarioParts({ emailFooter: 'F' })).toEqual({
			message: { email: { footer: 'F', type: 'text/plain' } },
		});
	});
});

describe('mimeTypeFor', () => {
	const file = (mimeType?: string) => ({ bytes: Buffer.alloc(0), mimeType });
	it('prefers the given type, then the CSV/JSON/XML extension, then the binary type', () => {
		expect(mimeTypeFor('Text/CSV; charset=utf-8', 'a.txt', file('image/png'))).toBe('text/csv');
		expect(mimeTypeFor(undefined, 'a.CSV', file('application/vnd.ms-excel'))).toBe('text/csv');
		expect(mimeTypeFor('', 'a.json', file())).toBe('application/json');
		expect(mimeTypeFor(undefined, 'logo.png', file('image/png'))).toBe('image/png');
		expect(mimeTypeFor(undefined, 'notes', file())).toBe('text/plain');
	});
});

describe('simplifyEvent', () => {
	it('lays filled form fields out flat and drops blank ones', () => {
		expect(
			simplifyEvent({
				id: 'E1',
				eventLabel: 'L',
				status: 'Open',
				link: [],
				eventFormList: [
					{
						formName: 'MetroEvent',
						eventFieldList: [
							{ name: 'summary', value: 'S' },
							{ name: 'endDate' },
							{ name: 'type', value: '' },
							{ name: 'status', value: 'Active' },
						],
					},
				],
			}),
		).toEqual({ id: 'E1', eventLabel: 'L', status: 'Open', formName: 'MetroEvent', summary: 'S' });
	});
});
