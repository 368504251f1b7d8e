import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, returnAllOrLimit, workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/locator';
import { fetchRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { listLimit, optionalText, pickedId } from '../parameters';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contactDevice'], operation: ['getAll'] } },
	properties,
);

/**
 * The docs show a contact's devices only inside `GET /contacts/{id}` (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact); the
 * `/contacts/{id}/devices` list is named but never shown. We follow the documented read: one
 * request, the `devices` array. Deleted devices are never in it.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const contactId = pickedId(this, contactLocator, itemIndex);
	const limit = listLimit(this, itemIndex);
	const contact = await fetchRecord(this, {
		endpoint: ENDPOINTS.contact,
		id: contactId,
		workspaceId: optionalText(this, 'workspace', itemIndex),
		itemIndex,
	});
	const devices = Array.isArray(contact.devices) ? (contact.devices as IDataObject[]) : [];
	const withContact = devices.map((device) => ({ ...device, contactId }));
	return limit === undefined ? withContact : withContact.slice(0, limit);
}
