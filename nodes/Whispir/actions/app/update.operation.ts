import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import { readMergeWrite } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId } from '../parameters';
import {
	appBody,
	bundleIdField,
	nameField,
	pushCredentialsField,
	settingFields,
	withoutSecrets,
} from './fields';
import { appLocator } from './locator';

const properties: INodeProperties[] = [
	idLocator(appLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add change; the others keep their values',
		options: [bundleIdField, nameField, ...settingFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	{
		...pushCredentialsField,
		description:
			'Only to replace a certificate, key or GCM setting: those left out stay as they are in Whispir',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['app'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, appLocator, itemIndex);
	const changes = appBody(
		this,
		itemIndex,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		this.getNodeParameter('pushCredentials', itemIndex, {}) as IDataObject,
	);
	assertSomethingToUpdate(
		this,
		changes,
		itemIndex,
		'Add a field under "Update Fields" or "Push Credentials".',
	);
	// Whispir never returns certificates, and a PUT needs them only when they change (Whispir's
	// API docs, Apps, "Updating an App": https://developers.whispir.com): the merge sends back what was read (certificateDate) plus the changes.
	const updated = await readMergeWrite(this, { endpoint: ENDPOINTS.app, id, changes, itemIndex });
	return withoutSecrets(updated);
}
