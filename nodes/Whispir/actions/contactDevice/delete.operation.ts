import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator, workspaceSelector } from '../common.descriptions';
import { contactLocator } from '../contact/locator';
import { recordPath } from '../../helpers/records';
import { optionalText, pickedId } from '../parameters';
import { deviceLocator, devicesOf } from './deviceFields';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	idLocator(deviceLocator),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contactDevice'], operation: ['delete'] } },
	properties,
);

/** `DELETE /contacts/{cid}/devices/{did}`; the doc's example writes `/device/` (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact), its text `/devices/`. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = pickedId(this, contactLocator, itemIndex);
	const id = pickedId(this, deviceLocator, itemIndex);
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
