import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/locator';
import { fetchRecord } from '../../helpers/records';
import { optionalText, pickedId } from '../parameters';
import { deviceLocator, devicesOf } from './deviceFields';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	idLocator(deviceLocator),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contactDevice'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = pickedId(this, contactLocator, itemIndex);
	const device = await fetchRecord(this, {
		endpoint: devicesOf(contactId),
		id: pickedId(this, deviceLocator, itemIndex),
		workspaceId: optionalText(this, 'workspace', itemIndex),
		itemIndex,
	});
	return { ...device, contactId };
}
