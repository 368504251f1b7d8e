import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { create, get, getAll };

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
			{ name: 'Get', value: 'get', action: 'Get a workspace', description: 'Retrieve one workspace' },
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
