import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { fetchRecord, updateByMerge, workspaceOf } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { ACCESS_OPTIONS, VISIBILITY_OPTIONS, assertListName, assertNameIsFree, rulesField, rulesOf } from './fields';
import { listLocator } from './locator';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(listLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add change; the others keep their values',
		options: [
			{
				displayName: 'Access',
				name: 'access',
				type: 'options',
				options: ACCESS_OPTIONS,
				default: 'Open',
				description: 'Who can join the list in the Whispir portal',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the list is for',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Incident Responders',
				description: 'A new name, unique in the workspace, with only letters, digits and spaces',
			},
			{
				...rulesField,
				displayName: 'Rules (Dynamic Lists)',
				description: "Replaces all of a dynamic list's rules with these",
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: VISIBILITY_OPTIONS,
				default: 'Public',
				description: 'From which workspaces people can join the list in the Whispir portal',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['distributionList'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requiredText(this, listLocator.name, itemIndex, listLocator.displayName);
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.distributionList);
	const { rules: rulesGiven, ...changes } = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (rulesGiven === undefined && Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), `"Update Fields" is empty in item ${itemIndex}`, {
			description: 'Add at least one field to change. Members are changed with Add Members and Remove Members.',
			itemIndex,
		});
	}

	if (changes.name !== undefined) {
		const name = assertListName(this, String(changes.name).trim(), itemIndex);
		await assertNameIsFree(this, { name, itemIndex, workspaceId, exceptId: id });
		changes.name = name;
	}
	if (rulesGiven !== undefined) {
		const rules = rulesOf(this, itemIndex, 'updateFields.rules');
		const current = await fetchRecord(this, { endpoint: ENDPOINTS.distributionList, id, workspaceId, itemIndex });
		if (String(current.type ?? 'static').toLowerCase() !== 'dynamic' || rules.length === 0) {
			throw new NodeOperationError(this.getNode(), `"Rules (Dynamic Lists)" cannot be used in item ${itemIndex}`, {
				description:
					rules.length === 0
						? 'A dynamic list needs at least one rule.'
						: `The list ${id} is static: its members are managed with Add Members and Remove Members.`,
				itemIndex,
			});
		}
		changes.rules = rules;
	}

	return await updateByMerge(this, {
		endpoint: ENDPOINTS.distributionList,
		id,
		changes,
		workspaceId,
		itemIndex,
		readOnly: ['memberCount'],
	});
}
