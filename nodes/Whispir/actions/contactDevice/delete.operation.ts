import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/contactFields';
import { recordPath } from '../crud';
import { optionalText, requiredText } from '../parameters';
import { deviceLocator, devicesOf } from './deviceFields';

const properties: INodeProperties[] = [workspaceSelector, contactLocator, deviceLocator];

export const description = updateDisplayOptions({ show: { resource: ['contactDevice'], operation: ['delete'] } }, properties);

/** `DELETE /contacts/{cid}/devices/{did}`; the doc's example writes `/device/` (L4870), its text `/devices/`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = requiredText(this, 'contactId', itemIndex, 'Contact');
	const id = requiredText(this, 'deviceId', itemIndex, 'Device');
	const endpoint = devicesOf(contactId);
	await whispirApiRequest.call(this, {
		method: 'DELETE',
		path: recordPath(endpoint, id),
		mediaType: endpoint.mediaType,
		workspaceId: optionalText(this, 'workspace', itemIndex),
		itemIndex,
	});
	return { id, contactId, deleted: true };
}
