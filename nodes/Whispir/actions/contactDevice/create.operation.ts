import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { appLocator } from '../app/locator';
import { contactLocator } from '../contact/locator';
import { createRecord } from '../../helpers/records';
import { nonEmptyTexts, optionalText, pickedId, requiredText } from '../parameters';
import { devicesOf, optionalDeviceProperties, platformProperty } from './deviceFields';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	{
		displayName: 'Device Name',
		name: 'deviceName',
		type: 'string',
		required: true,
		default: '',
		placeholder: "e.g. Jane's iPhone",
		description: 'A name to recognise the device by',
	},
	idLocator({
		...appLocator,
		description: 'The push app installed on the device (see the App resource)',
	}),
	platformProperty,
	{
		displayName: 'Push Token',
		name: 'pushToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'The device token APNS or Firebase gave your app on this device',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalDeviceProperties,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contactDevice'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = pickedId(this, contactLocator, itemIndex);
	const device: IDataObject = {
		deviceName: requiredText(this, 'deviceName', itemIndex, 'Device Name'),
		appId: pickedId(this, appLocator, itemIndex),
		platform: this.getNodeParameter('platform', itemIndex) as string,
		pushToken: requiredText(this, 'pushToken', itemIndex, 'Push Token'),
		status: 'ACTIVE',
		// Blank additional fields are left out; a status given there replaces ACTIVE.
		...nonEmptyTexts(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	const endpoint = devicesOf(contactId);
	// Whispir answers 201 with the device and its id.
	const { id, stored, notice } = await createRecord(this, {
		endpoint,
		workspaceId: optionalText(this, 'workspace', itemIndex),
		body: device,
		itemIndex,
	});
	return { id, contactId, ...device, ...stored, ...notice };
}
