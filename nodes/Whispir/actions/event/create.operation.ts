import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import {
	actionValues,
	actionsField,
	eventDate,
	formFields,
	formValues,
	simplifyEvent,
	statusField,
	type WhispirEvent,
} from './fields';

const properties: INodeProperties[] = [
	workspaceSelector,
	{
		displayName: 'Label',
		name: 'eventLabel',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2701095 - Outage of Local Systems in Sydney',
		description: 'The name of the event. Messages sent about the event carry it as their label.',
	},
	statusField,
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"When the event started, in the workflow's timezone (keep it the same as the Whispir user's)",
	},
	{
		displayName: 'Form Name',
		name: 'formName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Incident Form',
		description: "The name of your company's event form, as Whispir set it up for your company",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: formFields,
	},
	actionsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const eventLabel = requiredText(this, 'eventLabel', itemIndex, 'Label');
	const status = this.getNodeParameter('status', itemIndex) as string;
	const values: Record<string, string> = {
		startDate: eventDate(
			this,
			this.getNodeParameter('startDate', itemIndex, ''),
			'Start Date',
			itemIndex,
		),
		...formValues(
			this,
			this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
			itemIndex,
		),
		...actionValues(this, itemIndex),
		// As in the docs' example, the form carries the status too.
		status,
	};
	const event = {
		eventLabel,
		status,
		eventFormList: [
			{
				formName: requiredText(this, 'formName', itemIndex, 'Form Name'),
				eventFieldList: Object.entries(values)
					.filter(([, value]) => value !== '')
					.map(([name, value]) => ({ name, value })),
			},
		],
	};
	// Whispir answers 201 with the whole event, every form field included (eventCreate).
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.event,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.event),
		body: event,
		itemIndex,
	});
	return {
		...simplifyEvent({ id, ...((stored as WhispirEvent | undefined) ?? event) }),
		url,
		...notice,
	};
}
