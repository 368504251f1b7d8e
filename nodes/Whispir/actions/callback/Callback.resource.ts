import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { deleteOperation, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirItemOperation, WhispirOperation } from '../operation';
import * as create from './create.operation';
import { withoutKey } from './fields';
import { callbackLocator } from './locator';
import * as update from './update.operation';

/** Whispir's answer includes the callback's secret key (`auth.key`): it never reaches the output. */
function hidingKey(operation: WhispirItemOperation): WhispirItemOperation {
	return {
		description: operation.description,
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const result = await operation.execute.call(this, itemIndex);
			return Array.isArray(result)
				? result.map((callback) => withoutKey(callback))
				: withoutKey(result as IDataObject);
		},
	};
}

// Callbacks are company-wide (no workspace form is documented, Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback).
const get = hidingKey(
	getOperation({ resource: 'callback', endpoint: ENDPOINTS.callback, locator: callbackLocator }),
);
const getAll = hidingKey(getManyOperation({ resource: 'callback', endpoint: ENDPOINTS.callback }));
const remove = deleteOperation({
	resource: 'callback',
	endpoint: ENDPOINTS.callback,
	locator: callbackLocator,
});

export const option = {
	name: 'Callback',
	value: 'callback',
	description: 'Web addresses Whispir calls when a message gets a reply or is undeliverable',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	get,
	getAll,
	update,
	delete: remove,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callback'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a callback',
				description:
					'Register a URL that Whispir calls with replies and undeliverable notices of messages sent with the callback name',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a callback',
				description: 'Remove a callback; messages sent with its name no longer report back',
			},
			{ name: 'Get', value: 'get', action: 'Get a callback', description: 'Retrieve one callback' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many callbacks',
				description: "List the company's callbacks (ID, name and URL)",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a callback',
				description: 'Change some settings of a callback and keep the others',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...remove.description,
];
