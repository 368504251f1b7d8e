import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, filtersQuery, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { listLocator } from './locator';
import { membersOperation } from './members.operation';
import * as update from './update.operation';

const spec = {
	resource: 'distributionList',
	endpoint: ENDPOINTS.distributionList,
	locator: listLocator,
};

const get = getOperation(spec);
const getAll = getManyOperation({
	resource: 'distributionList',
	endpoint: ENDPOINTS.distributionList,
	filters: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					placeholder: 'e.g. incident',
					description: 'Lists whose description matches this text',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Incident Responders',
					description: 'The list with this name (names are unique in a workspace)',
				},
			],
		},
	],
	query: filtersQuery,
});
const addMembers = membersOperation('add');
const removeMembers = membersOperation('remove');
const deleteList = deleteOperation(spec);

export const option = {
	name: 'Distribution List',
	value: 'distributionList',
	description: 'Named groups of contacts, users and lists, fixed or rule-based',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	get,
	getAll,
	update,
	addMembers,
	removeMembers,
	delete: deleteList,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['distributionList'] } },
		options: [
			{
				name: 'Add Members',
				value: 'addMembers',
				action: 'Add members to a distribution list',
				description:
					'Add contacts, users or nested lists to a static list, keeping its current members',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a distribution list',
				description:
					'Create a static list of chosen members, or a dynamic list whose members match rules',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a distribution list',
				description: 'Delete a list. Its contacts and users are not deleted.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a distribution list',
				description: 'Retrieve one list with its members or rules',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many distribution lists',
				description: "List a workspace's distribution lists, optionally by name or description",
			},
			{
				name: 'Remove Members',
				value: 'removeMembers',
				action: 'Remove members from a distribution list',
				description: 'Take contacts, users or nested lists off a static list, keeping the others',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a distribution list',
				description:
					"Change a list's name, description, access, visibility or rules; other fields keep their values",
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...addMembers.description,
	...removeMembers.description,
	...deleteList.description,
];
