import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../endpoints';
import { getManyOperation, getOperation } from '../recordOperations';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';

const get = getOperation({
	resource: 'workspace',
	endpoint: ENDPOINTS.workspace,
	locator: { name: 'workspaceId', displayName: 'Workspace', searchListMethod: 'searchWorkspaces' },
});
const getAll = getManyOperation({ resource: 'workspace', endpoint: ENDPOINTS.workspace });

export const option = {
	name: 'Workspace',
	value: 'workspace',
	description:
		'Separate areas of the company, each with its own contacts, lists, templates and messages',
};

export const operations: Record<string, WhispirOperation> = { create, get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a workspace',
				description: 'Create a workspace. Whispir cannot rename or delete workspaces afterwards.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a workspace',
				description: 'Retrieve one workspace',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many workspaces',
				description: "List the company's workspaces",
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
];
