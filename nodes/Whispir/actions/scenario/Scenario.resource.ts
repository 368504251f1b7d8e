import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import { scenarioLocator } from './locator';
import * as run from './run.operation';
import * as update from './update.operation';

const endpoint = ENDPOINTS.scenario;
const get = getOperation({ resource: 'scenario', endpoint, locator: scenarioLocator });
// List items carry no id; the transport takes it from each item's self link.
const getAll = getManyOperation({ resource: 'scenario', endpoint });
const deleteScenario = deleteOperation({
	resource: 'scenario',
	endpoint,
	locator: scenarioLocator,
});

export const option = {
	name: 'Scenario',
	value: 'scenario',
	description: 'A saved message to a saved audience, sent with one click',
};

export const operations: Record<string, WhispirOperation> = {
	create,
	delete: deleteScenario,
	get,
	getAll,
	run,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['scenario'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a scenario',
				description:
					'Save an SMS and its recipients as a scenario that can be sent later with one action',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a scenario',
				description: 'Delete a scenario',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a scenario',
				description: 'Retrieve one scenario with its message',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many scenarios',
				description: "List the workspace's scenarios",
			},
			{
				name: 'Run',
				value: 'run',
				action: 'Run a scenario',
				description: "Send the scenario's message to its recipients now",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a scenario',
				description: 'Change some fields of a scenario; the others keep their values',
			},
		],
		default: 'run',
	},
	...create.description,
	...deleteScenario.description,
	...get.description,
	...getAll.description,
	...run.description,
	...update.description,
];
