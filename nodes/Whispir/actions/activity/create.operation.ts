import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { ACTIONS, MODULES, STATUSES } from './values';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Module',
		name: 'module',
		type: 'options',
		options: MODULES,
		required: true,
		default: 'Message',
		description: 'The part of Whispir the activity belongs to',
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: ACTIONS,
		required: true,
		default: 'Send',
		description: 'What was done',
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUSES,
		required: true,
		default: 'Successful',
		description: 'How it ended',
	},
	{
		// One part of the doc requires module, action and status, another action, description and
		// status: the description is asked for, so that both readings are met.
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Contacts synced from the HR system by n8n',
		description: 'What happened, as it should read in the audit log',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['activity'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const activity: IDataObject = {
		module: requiredText(this, 'module', itemIndex, 'Module'),
		action: requiredText(this, 'action', itemIndex, 'Action'),
		status: requiredText(this, 'status', itemIndex, 'Status'),
		description: requiredText(this, 'description', itemIndex, 'Description'),
	};
	// Whispir answers 201 with the new address in Location and no body.
	const { id, url, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.activity,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.activity),
		body: activity,
		itemIndex,
	});
	return { id, ...activity, url, ...notice };
}
