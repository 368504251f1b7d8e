import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { withoutSecrets } from './fields';
import { appLocator } from './locator';
import * as update from './update.operation';

const spec = { resource: 'app', endpoint: ENDPOINTS.app, locator: appLocator };
// Get and Get Many leave out any key or secret Whispir might return.
const get = getOperation({ ...spec, output: withoutSecrets });
const getAll = getManyOperation({
	resource: 'app',
	endpoint: ENDPOINTS.app,
	output: withoutSecrets,
});
const deleteApp = deleteOperation(spec);

export const option = {
	name: 'App',
	value: 'app',
	description: 'Push-notification apps',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	get,
	getAll,
	update,
	delete: deleteApp,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['app'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a push app',
				description:
					'Register a mobile app for push notifications, with its APNs and GCM credentials',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a push app',
				description:
					'Delete a push app for good. Devices registered for it must be updated or deleted separately.',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a push app',
				description: 'Retrieve one push app (certificates and keys are never returned)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many push apps',
				description: "List the company's push apps",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a push app',
				description:
					"Change some of an app's settings or replace its credentials; the rest keep their values",
			},
		],
		default: 'getAll',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteApp.description,
];
