import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOption, workspaceSelector } from '../common.descriptions';
import { fetchRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { isOn, pickedId } from '../parameters';
import { isoTime, messageLocator } from './locator';

const properties: INodeProperties[] = [workspaceSelector, messageLocator, simplifyOption];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

/** Whispir's answer has no `id` (only links): the ID asked for is put first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, messageLocator, itemIndex);
	const record = await fetchRecord(this, {
		endpoint: ENDPOINTS.message,
		id,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.message),
		itemIndex,
	});
	if (!isOn(this.getNodeParameter('simplify', itemIndex, true))) return { id, ...record };
	const simple: IDataObject = { id };
	for (const key of ['to', 'subject', 'body', 'label', 'from', 'direction', 'responseCount']) {
		if (record[key] !== undefined && record[key] !== '') simple[key] = record[key];
	}
	for (const key of ['email', 'voice', 'web'])
		if (typeof record[key] === 'object') simple[key] = record[key];
	simple.createdAt = isoTime(record.createdTime);
	return simple;
}
