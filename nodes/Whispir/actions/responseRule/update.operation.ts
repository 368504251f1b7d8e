import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { readMergeWrite } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId, requiredText } from '../parameters';
import { responseRuleLocator } from './locator';
import { patternsField, responsePatterns } from './patterns';

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
		description:
			'Leave empty to keep the current categories. Categories given here replace all current ones.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['responseRule'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const changes = { ...(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject) };
	if (changes.name !== undefined)
		changes.name = requiredText(this, 'updateFields.name', itemIndex, 'Name');
	const patterns = responsePatterns(this, itemIndex);
	if (patterns) changes.responseTemplatePatterns = patterns;
	assertSomethingToUpdate(
		this,
		changes,
		itemIndex,
		'Add a field under "Update Fields", or give the new categories.',
	);
	return await readMergeWrite(this, {
		endpoint: ENDPOINTS.responseRule,
		id: pickedId(this, responseRuleLocator, itemIndex),
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.responseRule),
		changes,
		itemIndex,
	});
}
