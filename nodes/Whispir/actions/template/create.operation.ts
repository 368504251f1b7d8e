import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord, mergeRecords } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { optionalText, requiredText } from '../parameters';
import { hasSomeBody, templateParts, templatePartFields, withVoiceType } from './fields';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Name',
		name: 'messageTemplateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Appointment Reminder',
		description:
			'A name no other template in the workspace has. Messages can use the template by this name.',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Your appointment tomorrow',
		description: 'The first line of the SMS and voice call, and the subject of the email',
	},
	{
		displayName: 'SMS Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Hi @@first_name@@, see you tomorrow at 10:00.',
		description:
			'The text of the SMS. @@tags@@ are filled in when sending. Leave empty for a template without SMS, but then give an email, voice or web body.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: templatePartFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const smsBody = optionalText(this, 'body', itemIndex);
	const template = withVoiceType(
		mergeRecords(
			{
				messageTemplateName: requiredText(this, 'messageTemplateName', itemIndex, 'Name'),
				subject: requiredText(this, 'subject', itemIndex, 'Subject'),
				...(smsBody ? { body: smsBody } : {}),
				// Whispir refuses a template without these three, even when they are unused (templateCreate;
				// https://developers.whispir.com/c2NoOjM0ODAzNDA4-template).
				email: {},
				voice: {},
				web: {},
			},
			templateParts(additionalFields),
		),
	);
	if (!hasSomeBody(template)) {
		throw new NodeOperationError(this.getNode(), `"SMS Body" is empty in item ${itemIndex}`, {
			description:
				'A template needs some content: enter an SMS body, or add an email, voice or web body.',
			itemIndex,
		});
	}
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.template);
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.template,
		workspaceId,
		body: template,
		itemIndex,
	});
	return { id, ...template, ...stored, url, ...notice };
}
