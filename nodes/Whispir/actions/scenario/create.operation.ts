import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord, withoutFields } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { checkAllowedUsers, scenarioOptionFields, scenarioParts } from './fields';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Name',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Fire Evacuation Block A',
		description: 'The name of the scenario, shown to the users who run it',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Evacuation notice for the residents of block A',
		description: 'What the scenario is for. Whispir requires it.',
	},
	{
		displayName: 'Recipients',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 61423456789;Staff.373947@List.whispir.com',
		description:
			'Phone numbers with country code, email addresses or contact, user or distribution list MRIs, separated by ; or commas',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Fire Evacuation',
		description: 'The first line of the SMS',
	},
	{
		displayName: 'SMS Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. A fire has been detected. Leave the building now; do not use the lifts.',
		description: 'The text of the SMS. Whispir documents that the API creates SMS scenarios only.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: scenarioOptionFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['scenario'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const required = {
		title: requiredText(this, 'title', itemIndex, 'Name'),
		description: requiredText(this, 'description', itemIndex, 'Description'),
		to: requiredText(this, 'to', itemIndex, 'Recipients'),
		subject: requiredText(this, 'subject', itemIndex, 'Subject'),
		body: requiredText(this, 'body', itemIndex, 'SMS Body'),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const scenario = checkAllowedUsers(
		this,
		scenarioParts({ allowedUsers: 'EVERYONE', ...additionalFields, ...required }),
		itemIndex,
	);
	// Whispir answers 201 with the new scenario; its id is in Location.
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.scenario,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.scenario),
		body: scenario,
		itemIndex,
	});
	return { id, ...withoutFields(stored ?? scenario, ['link']), url, ...notice };
}
