import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import * as deleteDevice from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const option = {
	name: 'Contact Device',
	value: 'contactDevice',
	description: "A contact's phones and tablets for push messages",
};

export const operations: Record<string, WhispirOperation> = {
	create,
	delete: deleteDevice,
	get,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contactDevice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact device',
				description: 'Register a phone or tablet under a contact so it can receive push messages',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact device',
				description: 'Remove a device from a contact for good',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact device',
				description: 'Retrieve one device of a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contact devices',
				description: "List a contact's active and disabled devices",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact device',
				description:
					'Change some fields of a device, such as a new push token, or re-activate a disabled device',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteDevice.description,
	...get.description,
	...getAll.description,
	...update.description,
];
