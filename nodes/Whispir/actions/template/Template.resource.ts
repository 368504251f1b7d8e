import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { templateLocator } from './locator';
import * as update from './update.operation';

const endpoint = ENDPOINTS.template;
const get = getOperation({ resource: 'template', endpoint, locator: templateLocator });
const getAll = getManyOperation({ resource: 'template', endpoint });
const deleteTemplate = deleteOperation({
	resource: 'template',
	endpoint,
	locator: templateLocator,
});

export const option = {
	name: 'Template',
	value: 'template',
	description: 'Reusable message content',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	delete: deleteTemplate,
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
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a template',
				description:
					'Save message content (SMS, email, voice, web) as a template that messages can use by name or ID',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a template',
				description:
					'Delete a template. Whispir does not check where it is used: scenarios, events and sends that use it will fail.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a template',
				description: 'Retrieve one template with all its content',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many templates',
				description: "List the workspace's templates (names and IDs)",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a template',
				description: 'Change some fields of a template; the others keep their values',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteTemplate.description,
	...get.description,
	...getAll.description,
	...update.description,
];
