import type { INodeProperties } from 'n8n-workflow';

import { getOperation } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirOperation } from '../operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as getAll from './getAll.operation';
import { contactLocator } from './locator';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

// Get always asks for the custom fields, and Simplify keeps them (as Get Many does): a contact
// without them looks incomplete.
const get = getOperation({
	resource: 'contact',
	endpoint: ENDPOINTS.contact,
	locator: contactLocator,
	simplifyKeys: (contact) => [
		...getAll.CONTACT_SIMPLE_KEYS,
		'mri',
		'workCountry',
		'timezone',
		...getAll.customFieldsOf(contact),
	],
	qs: { customFields: true },
});

export const option = {
	name: 'Contact',
	value: 'contact',
	description: "People in a workspace's address book",
};

export const operations: Record<string, WhispirOperation> = {
	create,
	delete: deleteContact,
	get,
	getAll,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Add a contact to a workspace',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				action: 'Create or update a contact',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description:
					'Remove a contact from this workspace, or from every workspace it is mapped to',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Retrieve one contact with its custom fields',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: "Search a workspace's contacts by any field or custom field",
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change some fields of a contact; every other field keeps its value',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...upsert.description,
	...deleteContact.description,
	...get.description,
	...getAll.description,
	...update.description,
];
