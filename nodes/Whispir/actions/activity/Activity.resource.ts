import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { filtersQuery, getManyOperation, getOperation } from '../recordOperations';
import { readWallClock, whispirMinutes } from '../dates';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { ACTIONS, MODULES, STATUSES } from './values';

const get = getOperation({
	resource: 'activity',
	endpoint: ENDPOINTS.activity,
	locator: {
		name: 'activityId',
		displayName: 'Activity',
		searchListMethod: 'searchActivities',
		description: 'The ID of the audit log entry, as Create or Get Many returns it',
	},
});

const TIME_FILTERS: Record<string, string> = { startTime: 'From', endTime: 'To' };

const getAll = getManyOperation({
	resource: 'activity',
	// Whispir answers 404 when nothing matches; the endpoint's emptyListIs404 makes that an empty result.
	endpoint: ENDPOINTS.activity,
	filters: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Action',
					name: 'action',
					type: 'options',
					options: ACTIONS,
					default: 'Send',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'e.g. Imported',
					description: 'Activities whose description contains this text',
				},
				{
					displayName: 'From',
					name: 'startTime',
					type: 'dateTime',
					default: '',
					description: 'Activities at or after this date and time',
				},
				{
					displayName: 'Module',
					name: 'module',
					type: 'options',
					options: MODULES,
					default: 'Message',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: STATUSES,
					default: 'Successful',
				},
				{
					displayName: 'To',
					name: 'endTime',
					type: 'dateTime',
					default: '',
					description: 'Activities at or before this date and time',
				},
				{
					displayName: 'User',
					name: 'user',
					type: 'string',
					default: '',
					placeholder: 'e.g. james',
					description: 'The username of the person who did it',
				},
				{
					displayName: 'Workspace Name',
					name: 'workspace',
					type: 'string',
					default: '',
					placeholder: 'e.g. Incident Response',
					description:
						'Activities of the workspace with this name. To read one workspace by ID, pick it in Workspace above instead.',
				},
			],
		},
	],
	query(this: IExecuteFunctions, itemIndex: number) {
		const qs = filtersQuery.call(this, itemIndex);
		// The activity search takes dd/mm/yyyy hh:mm (Whispir's Activities docs: https://developers.whispir.com/c2NoOjQ2MzAxMjM-activity): the time in the workflow's timezone,
		// as for every other date the node sends.
		for (const [key, label] of Object.entries(TIME_FILTERS)) {
			if (qs[key] === undefined) continue;
			const time = readWallClock(qs[key], this.getTimezone());
			if (time === undefined) {
				throw new NodeOperationError(
					this.getNode(),
					`"Filters → ${label}" in item ${itemIndex} is not a date: "${String(qs[key])}"`,
					{
						description: 'Pick a date and time, or give one such as 2024-03-05T09:30.',
						itemIndex,
					},
				);
			}
			qs[key] = whispirMinutes(time);
		}
		return qs;
	},
});

export const option = {
	name: 'Activity',
	value: 'activity',
	description: 'The audit log',
};

export const operations: Record<string, WhispirOperation> = { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['activity'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an activity in the audit log',
				description:
					"Write an entry in Whispir's audit log (needs a Company Admin or Leader account)",
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an activity from the audit log',
				description: 'Retrieve one audit log entry, picked from a list or by its ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many activities from the audit log',
				description: 'Search the audit log by module, action, user, status, text or time',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
