import type { INodeProperties } from 'n8n-workflow';

import { filtersQuery, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';

const get = getOperation({
	resource: 'customList',
	endpoint: ENDPOINTS.customList,
	locator: {
		name: 'customListId',
		displayName: 'Custom List',
		searchListMethod: 'searchCustomLists',
		description: 'The custom list to read, with its values',
	},
});

const getAll = getManyOperation({
	resource: 'customList',
	// Whispir answers 404 when nothing matches; the endpoint's emptyListIs404 makes that an empty result.
	endpoint: ENDPOINTS.customList,
	filters: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Incident Category',
					description: 'The custom list with this name',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Contact', value: 'CONTACT' },
						{ name: 'Incident', value: 'INCIDENT' },
						{ name: 'Message', value: 'MESSAGE' },
						{ name: 'RSS', value: 'RSS' },
					],
					default: 'MESSAGE',
					description: 'Where the list is used in Whispir',
				},
			],
		},
	],
	query: filtersQuery,
});

export const option = {
	name: 'Custom List',
	value: 'customList',
	description: 'The drop-down lists defined in Whispir',
};

export const operations: Record<string, WhispirOperation> = { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customList'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a custom list',
				description: 'Retrieve one custom list with its values (label and internal value)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many custom lists',
				description: "List a workspace's custom (drop-down) lists, optionally by name or type",
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
