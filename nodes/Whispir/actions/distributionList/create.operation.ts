import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import {
	accessField,
	assertListName,
	assertNameIsFree,
	membersField,
	membersOf,
	rulesField,
	rulesOf,
	visibilityField,
} from './fields';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Incident Responders',
		description: 'A name unique in the workspace, with only letters, digits and spaces',
	},
	{
		displayName: 'List Type',
		name: 'listType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Static',
				value: 'static',
				description: 'The members you choose; they change only when you add or remove them',
			},
			{
				name: 'Dynamic',
				value: 'dynamic',
				description: 'The contacts matching rules, worked out each time the list is used',
			},
		],
		default: 'static',
	},
	// Whispir requires both and documents no default, so the user chooses: nothing is preselected.
	{ ...accessField, required: true, default: '' },
	{ ...visibilityField, required: true, default: '' },
	{ ...membersField, displayOptions: { show: { listType: ['static'] } } },
	{ ...rulesField, displayOptions: { show: { listType: ['dynamic'] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. Everyone paged for P1 incidents',
				description: 'What the list is for; Get Many can search on it',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['distributionList'], operation: ['create'] } },
	properties,
);

// Two items may give the same name: in order, the second one gets the clear "already used" error.
export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = assertListName(this, requiredText(this, 'name', itemIndex, 'Name'), itemIndex);
	const listType = this.getNodeParameter('listType', itemIndex) as 'static' | 'dynamic';
	const { description = '' } = this.getNodeParameter(
		'additionalFields',
		itemIndex,
		{},
	) as IDataObject;
	const list: IDataObject = {
		name,
		description,
		access: requiredText(this, 'access', itemIndex, 'Access'),
		visibility: requiredText(this, 'visibility', itemIndex, 'Visibility'),
		type: listType,
	};
	if (listType === 'dynamic') {
		const rules = rulesOf(this, itemIndex);
		if (rules.length === 0) {
			throw new NodeOperationError(this.getNode(), `"Rules" is empty in item ${itemIndex}`, {
				description: 'A dynamic list needs at least one rule: add a rule, or make the list static.',
				itemIndex,
			});
		}
		// "The value is currently strictly limited to 'contact'" (field table; the example writes "Contact").
		Object.assign(list, { entityType: 'contact', rules });
	} else {
		const members = membersOf(this, itemIndex);
		Object.assign(list, {
			contactIds: members.contactIds.join(','),
			userIds: members.userIds.join(','),
			distListIds: members.distListIds.join(','),
		});
	}

	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.distributionList);
	await assertNameIsFree(this, { name, itemIndex, workspaceId });
	// Whispir answers 201 with the new address in Location and no body.
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.distributionList,
		workspaceId,
		body: list,
		itemIndex,
	});
	return { id, ...list, ...stored, url, ...notice };
}
