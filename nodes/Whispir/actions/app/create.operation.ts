import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import {
	appBody,
	bundleIdField,
	nameField,
	pushCredentialsField,
	settingFields,
	withoutSecrets,
} from './fields';

const properties: INodeProperties[] = [
	{ ...nameField, required: true },
	{ ...bundleIdField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: settingFields,
	},
	pushCredentialsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['app'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields: IDataObject = {
		// Whispir's documented defaults, sent because "almost all the fields are mandatory".
		description: '',
		defaultWorkspaceEnabled: false,
		registrationTypes: ['SELF'],
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		name: requiredText(this, 'name', itemIndex, 'Name'),
		bundleId: requiredText(this, 'bundleId', itemIndex, 'Bundle ID'),
	};
	const app = appBody(
		this,
		itemIndex,
		fields,
		this.getNodeParameter('pushCredentials', itemIndex, {}) as IDataObject,
	);
	// Whispir answers 201 with the app, its certificates replaced by their date.
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.app,
		body: app,
		itemIndex,
	});
	return withoutSecrets({ id, ...(stored ?? app), url, ...notice });
}
