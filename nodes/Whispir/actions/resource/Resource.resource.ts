import type { INodeProperties } from 'n8n-workflow';

import { deleteOperation, filtersQuery, getManyOperation, getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import { resourceLocator } from './locator';
import * as update from './update.operation';
import * as upload from './upload.operation';

const endpoint = ENDPOINTS.resource;
// Whispir answers metadata only, never the file content (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource).
const get = getOperation({ resource: 'resource', endpoint, locator: resourceLocator });
const deleteResource = deleteOperation({
	resource: 'resource',
	endpoint,
	locator: resourceLocator,
});
// List items carry no id; the transport takes it from each item's self link.
const getAll = getManyOperation({
	resource: 'resource',
	endpoint,
	filters: [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Name Contains',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. australia',
					description:
						'Only files whose name contains this text; a full name with its extension finds that file',
				},
				{
					displayName: 'Scope',
					name: 'scope',
					type: 'options',
					options: [
						{ name: 'Private', value: 'private' },
						{ name: 'Public', value: 'public' },
					],
					default: 'private',
					description: 'Only public or only private files',
				},
			],
		},
	],
	query: filtersQuery,
});

// Whispir's API calls stored files "resources"; n8n users know them as files. The value stays
// `resource`, so saved workflows keep working.
export const option = {
	name: 'File',
	value: 'resource',
	description:
		'Files stored in Whispir (its API calls them resources): attachments, bulk message data, contact imports',
};

export const operations: Record<string, WhispirOperation> = {
	delete: deleteResource,
	get,
	getAll,
	update,
	upload,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['resource'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: "Delete a stored file. A public file's download URL stops working.",
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a file',
				description:
					"Retrieve a stored file's name, scope, MIME type and public URL (not its content)",
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many files',
				description: 'List stored files, newest first, optionally by scope or name',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a file',
				description:
					'Replace the content of a stored file, optionally renaming it or changing its scope',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description:
					'Store a file (from a binary property or text) in Whispir, publicly or for bulk messages and imports',
			},
		],
		default: 'upload',
	},
	...deleteResource.description,
	...get.description,
	...getAll.description,
	...update.description,
	...upload.description,
];
