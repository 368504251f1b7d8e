import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as activate from './activate.operation';
import * as create from './create.operation';
import * as deleteAll from './deleteAll.operation';
import { SIMPLE_KEYS, withoutPassword } from './fields';
import * as getAll from './getAll.operation';
import { userLocator } from './locator';
import * as update from './update.operation';

const spec = { resource: 'user', endpoint: ENDPOINTS.user, locator: userLocator };
// Whispir answers the password blank, but the node shows no password field at all.
const get = getOperation({ ...spec, simplifyKeys: SIMPLE_KEYS, output: withoutPassword });
const deleteUser = deleteOperation(spec);

export const option = {
	name: 'User',
	value: 'user',
	description: 'People who log in to Whispir',
};

export const operations: Record<string, WhispirOperation> = {
	activate,
	create,
	delete: deleteUser,
	deleteAll,
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
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Activate',
				value: 'activate',
				action: 'Activate a user',
				description:
					'Make a Pending, Inactive or Suspended user Active, taking the status steps Whispir requires',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a user',
				description: 'Create a Whispir user; new users start as Pending',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a user', description: 'Delete one user' },
			{
				name: 'Delete All',
				value: 'deleteAll',
				action: 'Delete all users of the company',
				description: 'Delete EVERY user of the company in one request; needs a typed confirmation',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a user',
				description: 'Retrieve one user with their profile and status',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many users',
				description: "Search the company's active users, or list the users of one workspace",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user',
				description:
					"Change some of a user's fields or their status; every other field keeps its value",
			},
		],
		default: 'get',
	},
	...activate.description,
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteUser.description,
	...deleteAll.description,
];
