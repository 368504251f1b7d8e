import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { updateByMerge, workspaceOf } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { patternsField, responsePatterns } from './patterns';

export const responseRuleLocator = {
	name: 'responseRuleId',
	displayName: 'Response Rule',
	searchListMethod: 'searchResponseRules',
};

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(responseRuleLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; the others keep their current values',
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the rule is for',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Yes or No',
				description: 'A new name for the response rule',
			},
		],
	},
	{
		...patternsField,
		description: 'Leave empty to keep the current categories. Categories given here replace all current ones.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['responseRule'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const changes = { ...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) };
	if (changes.name !== undefined) changes.name = requiredText(this, 'updateFields.name', itemIndex, 'Name');
	const patterns = responsePatterns(this, itemIndex);
	if (patterns) changes.responseTemplatePatterns = patterns;
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), `Nothing to update in item ${itemIndex}`, {
			description: 'Add a field under "Update Fields", or give the new categories.',
			itemIndex,
		});
	}
	return await updateByMerge(this, {
		endpoint: ENDPOINTS.responseRule,
		id: requiredText(this, 'responseRuleId', itemIndex, 'Response Rule'),
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.responseRule),
		changes,
		itemIndex,
	});
}
