import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { responseRuleLocator } from './locator';
import * as update from './update.operation';

const endpoint = ENDPOINTS.responseRule;
const get = getOperation({ resource: 'responseRule', endpoint, locator: responseRuleLocator });
const getAll = getManyOperation({ resource: 'responseRule', endpoint });
const deleteRule = deleteOperation({
	resource: 'responseRule',
	endpoint,
	locator: responseRuleLocator,
});

export const option = {
	name: 'Response Rule',
	value: 'responseRule',
	description: 'Categories for replies, matched by text or keypad input',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	delete: deleteRule,
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
		displayOptions: { show: { resource: ['responseRule'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a response rule',
				description:
					'Create a rule that sorts replies into categories (e.g. Yes / No) by text or key press',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a response rule',
				description: 'Delete a response rule',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a response rule',
				description: 'Retrieve one response rule with its categories',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many response rules',
				description: "List the workspace's response rules",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a response rule',
				description:
					'Change the name, description or categories of a response rule; the rest is kept',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteRule.description,
	...get.description,
	...getAll.description,
	...update.description,
];
