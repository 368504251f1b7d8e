import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { isBlank, isOn, requiredText } from '../parameters';
import { assertEmail } from '../validation';
import { callbackBody } from './callbackBody';
import {
	assertUrl,
	authKeyField,
	authTypeField,
	chosenEvents,
	eventsField,
	optionalFields,
	urlField,
	withoutKey,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Ticketing replies',
		description:
			'Unique name of the callback. Messages are sent with this name (their Callback option) to reach it.',
	},
	{ ...urlField, required: true },
	{ ...eventsField, required: true },
	authTypeField,
	{ ...authKeyField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callback'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body = callbackBody({
		name: requiredText(this, 'name', itemIndex, 'Name'),
		url: assertUrl(this, requiredText(this, 'url', itemIndex, 'URL'), itemIndex),
		events: chosenEvents(this, itemIndex, this.getNodeParameter('events', itemIndex)),
		authType: this.getNodeParameter('authType', itemIndex) as 'httpheader' | 'querystring',
		key: requiredText(this, 'authKey', itemIndex, 'Key'),
		contentType: (additional.contentType as 'json' | 'xml' | undefined) ?? 'json',
		removeHtml: isOn(additional.removeHtml),
		retriesEnabled: additional.retriesEnabled !== false,
		email: isBlank(additional.email)
			? undefined
			: assertEmail(this, String(additional.email), itemIndex, 'Failure Email'),
	});
	// Whispir first GETs the URL and refuses the callback (400) unless it answers 200.
	const { id, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.callback,
		body,
		itemIndex,
	});
	return withoutKey({ id, ...body, ...notice });
}
