import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';
import * as importContacts from './importContacts.operation';

export const option = {
	name: 'Import',
	value: 'import',
	description: 'Contact imports from a file',
};

export const operations: Record<string, WhispirOperation> = { importContacts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['import'] } },
		options: [
			{
				name: 'Import Contacts',
				value: 'importContacts',
				action: 'Import contacts',
				description:
					'Add or update many contacts at once from the input items or an uploaded file. Whispir imports in the background.',
			},
		],
		default: 'importContacts',
	},
	...importContacts.description,
];
