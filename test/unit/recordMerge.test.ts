// The read-merge-write of helpers/records.ts: the default merge, the record written back, and the event's own merge.
import { describe, expect, it } from 'vitest';

import { mergeRecords, mergedRecord } from '../../nodes/Whispir/helpers/records';
import { mergeEvent } from '../../nodes/Whispir/actions/event/saveEvent';

describe('mergeRecords', () => {
	it('merges objects at every depth, replaces arrays and values, ignores undefined', () => {
		const current = {
			a: 1,
			email: { body: 'B', footer: 'F' },
			features: { pushOptions: { notifications: 'enabled', escalationMins: '3' } },
			list: [1, 2],
		};
		expect(
			mergeRecords(current, {
				email: { footer: 'G' },
				features: { pushOptions: { escalationMins: '5' } },
				list: [3],
				a: undefined,
			}),
		).toEqual({
			a: 1,
			email: { body: 'B', footer: 'G' },
			features: { pushOptions: { notifications: 'enabled', escalationMins: '5' } },
			list: [3],
		});
		expect(current.email.footer).toBe('F');
	});
});

describe('mergedRecord', () => {
	const stored = {
		id: 'T1',
		link: [{ rel: 'self' }],
		mri: 'x@Template.whispir.com',
		createdTime: '2024-01-01T00:00:00Z',
		lastModifiedTime: '2024-01-02T00:00:00Z',
		name: 'A',
		auth: { type: 'httpheader', key: 'K' },
	};

	it('drops what Whispir adds and does not take back, plus the fields asked for, and leaves the read untouched', () => {
		expect(mergedRecord(stored, { auth: { key: 'K2' } }, { readOnly: ['id'] })).toEqual({
			name: 'A',
			auth: { type: 'httpheader', key: 'K2' },
		});
		expect(stored.auth.key).toBe('K');
		expect(stored.link).toHaveLength(1);
	});

	it('uses the merge it is given', () => {
		const replaceAll = (_current: object, changes: object) => ({
			...changes,
			link: 'dropped anyway',
		});
		expect(mergedRecord(stored, { name: 'B' }, { merge: replaceAll })).toEqual({ name: 'B' });
	});
});

describe('mergeEvent', () => {
	const event = {
		id: 'E1',
		link: [],
		eventLabel: 'Outage',
		status: 'Open',
		eventFormList: [
			{
				formName: 'MetroEvent',
				eventFieldList: [
					{ name: 'summary', value: 'S' },
					{ name: 'status', value: 'Open' },
				],
			},
		],
	};

	it('replaces form fields by name, adds new ones, and moves the status on the event and in the form', () => {
		expect(
			mergeEvent(event, { status: 'Closed', values: { summary: 'S2', severity: 'Severity 5' } }),
		).toEqual({
			eventLabel: 'Outage',
			status: 'Closed',
			eventFormList: [
				{
					formName: 'MetroEvent',
					eventFieldList: [
						{ name: 'summary', value: 'S2' },
						{ name: 'status', value: 'Closed' },
						{ name: 'severity', value: 'Severity 5' },
					],
				},
			],
		});
	});

	it('keeps the label and status when none is given', () => {
		expect(mergeEvent(event, { values: {} })).toMatchObject({
			eventLabel: 'Outage',
			status: 'Open',
		});
	});
});
