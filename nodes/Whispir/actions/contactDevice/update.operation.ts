import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/locator';
import { readMergeWrite } from '../../helpers/records';
import {
	assertSomethingToUpdate,
	isOn,
	nonEmptyTexts,
	optionalText,
	pickedId,
} from '../parameters';
import {
	deviceLocator,
	devicesOf,
	optionalDeviceProperties,
	platformProperty,
} from './deviceFields';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	idLocator(deviceLocator),
	{
		displayName: 'Re-Activate',
		name: 'reactivate',
		type: 'boolean',
		default: false,
		description:
			'Whether to set the device back to Active. Whispir disables a device after two failed pushes in a row and never re-enables it by itself.',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Every field you do not add keeps its current value.',
		options: (
			[
				...optionalDeviceProperties,
				{
					displayName: 'Device Name',
					name: 'deviceName',
					type: 'string',
					default: '',
					description: 'A name to recognise the device by',
				},
				{
					displayName: 'Push Token',
					name: 'pushToken',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'The new device token, after the app was reinstalled or the OS upgraded',
				},
				{ ...platformProperty, required: false },
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contactDevice'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/** Whispir's PUT replaces the device (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact), so the device is read, changed and written back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = pickedId(this, contactLocator, itemIndex);
	const id = pickedId(this, deviceLocator, itemIndex);
	// Blank fields are left out: they change nothing.
	const changes = nonEmptyTexts(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	if (isOn(this.getNodeParameter('reactivate', itemIndex, false))) changes.status = 'ACTIVE';
	assertSomethingToUpdate(
		this,
		changes,
		itemIndex,
		'Add a field under "Update Fields", or turn on "Re-Activate".',
	);
	const updated = await readMergeWrite(this, {
		endpoint: devicesOf(contactId),
		id,
		changes,
		itemIndex,
		workspaceId: optionalText(this, 'workspace', itemIndex),
		readOnly: ['id', 'registrationDate', 'lastModifiedDate'],
	});
	return { ...updated, contactId };
}
