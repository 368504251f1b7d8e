import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { optionalText, requiredText } from '../parameters';
import { patternsField, responsePatterns } from './patterns';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Yes or No',
		description: 'The name of the response rule; templates refer to it',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. Confirms or declines an appointment',
		description: 'What the rule is for',
	},
	patternsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['responseRule'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const rule: IDataObject = {
		name: requiredText(this, 'name', itemIndex, 'Name'),
		description: optionalText(this, 'description', itemIndex) ?? '',
		responseTemplatePatterns: responsePatterns(this, itemIndex) ?? { responseTemplatePattern: [] },
	};
	// "The Response Rule ID will be returned in the Location header" (responseRuleCreate; https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule); there is no body.
	const { id, url, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.responseRule,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.responseRule),
		body: rule,
		itemIndex,
	});
	return { id, ...rule, url, ...notice };
}
