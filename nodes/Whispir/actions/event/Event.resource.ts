import type { INodeProperties } from 'n8n-workflow';

import { getManyOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as close from './close.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMessages from './getMessages.operation';
import * as update from './update.operation';

const getAll = getManyOperation({ resource: 'event', endpoint: ENDPOINTS.event });

export const option = {
	name: 'Event',
	value: 'event',
	description: 'Incidents in the Events module, with the messages sent about them',
};

export const operations: Record<string, WhispirOperation> = {
	close,
	create,
	get,
	getAll,
	getMessages,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				action: 'Close an event',
				description:
					'Set the status of an event to Closed. Whispir cannot delete events; closing is how they end.',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create an event',
				description:
					'Record an incident in the Events module, with its details and up to 10 actions',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an event',
				description: 'Retrieve one event with its form fields',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many events',
				description: "List the workspace's events",
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				action: 'Get messages of an event',
				description: 'List the messages sent about an event',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an event',
				description: 'Change some fields of an event; the others keep their values',
			},
		],
		default: 'create',
	},
	...close.description,
	...create.description,
	...get.description,
	...getAll.description,
	...getMessages.description,
	...update.description,
];
