import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getManyOperation } from '../recordOperations';
import { readWallClock, whispirMinutes } from '../dates';
import { ENDPOINTS } from '../endpoints';
import { isOn } from '../parameters';

const filters: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Without a date range, Whispir returns the messages of the last 7 days',
		options: [
			{
				displayName: 'Event Label',
				name: 'label',
				type: 'string',
				default: '',
				placeholder: 'e.g. 657126 Outage of systems in Sydney',
				description: 'Only messages sent about the event with this label',
			},
			{
				displayName: 'Include Messages by Other Users',
				name: 'shared',
				type: 'boolean',
				default: false,
				description:
					'Whether to include the messages other users sent in the workspace, not only those sent with this credential',
			},
			{
				displayName: 'Sent After',
				name: 'from',
				type: 'dateTime',
				default: '',
				description:
					"Start of the date range, in the workflow's timezone (Whispir reads it in the Whispir user's timezone)",
			},
			{
				displayName: 'Sent Before',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'End of the date range; leave empty for now',
			},
		],
	},
];

/** Whispir's date search needs all four criteria together (Whispir's API docs, Pagination: https://developers.whispir.com). */
function query(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (isOn(given.shared)) qs.viewType = 'shared';
	if (typeof given.label === 'string' && given.label.trim() !== '') qs.label = given.label.trim();
	const hasFrom = given.from !== undefined && given.from !== '';
	const hasTo = given.to !== undefined && given.to !== '';
	if (!hasFrom && !hasTo) return qs;
	if (!hasFrom) {
		throw new NodeOperationError(this.getNode(), `"Sent After" is empty in item ${itemIndex}`, {
			description: 'A date range needs its start. Add "Sent After", or remove "Sent Before".',
			itemIndex,
		});
	}
	const timeZone = this.getTimezone();
	const range: Array<[string, unknown, string]> = [
		['Sent After', given.from, 'From'],
		['Sent Before', hasTo ? given.to : new Date().toISOString(), 'To'],
	];
	for (const [label, value, side] of range) {
		const time = readWallClock(value, timeZone);
		if (!time) {
			throw new NodeOperationError(
				this.getNode(),
				`"${label}" in item ${itemIndex} is not a date and time: "${String(value)}"`,
				{
					description: 'Pick a date and time, or give one like 2026-05-01T09:30.',
					itemIndex,
				},
			);
		}
		const [date, clock] = whispirMinutes(time).split(' ');
		qs[`criteria${side}Date`] = date;
		qs[`criteria${side}Time`] = clock;
	}
	return qs;
}

export const { description, execute } = getManyOperation({
	resource: 'message',
	endpoint: ENDPOINTS.message,
	filters,
	query,
	simplifyKeys: ['subject', 'from', 'direction', 'responseCount', 'createdTime', 'repetitionCount'],
});
