import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/contactFields';
import { fetchRecord } from '../crud';
import { optionalText, requiredText } from '../parameters';
import { deviceLocator, devicesOf } from './deviceFields';

const properties: INodeProperties[] = [workspaceSelector, contactLocator, deviceLocator];

export const description = updateDisplayOptions({ show: { resource: ['contactDevice'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = requiredText(this, 'contactId', itemIndex, 'Contact');
	const device = await fetchRecord(this, {
		endpoint: devicesOf(contactId),
		id: requiredText(this, 'deviceId', itemIndex, 'Device'),
		workspaceId: optionalText(this, 'workspace', itemIndex),
		itemIndex,
	});
	return { ...device, contactId };
}
