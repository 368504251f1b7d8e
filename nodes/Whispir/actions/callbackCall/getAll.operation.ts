import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { callbackLocator } from '../callback/locator';
import { returnAllOrLimit } from '../common.descriptions';
import { filtersQuery } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { listLimit, pickedId } from '../parameters';
import { CALL_STATUSES, callbackField, callsPath } from './callsPath';

const properties: INodeProperties[] = [
	callbackField,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: CALL_STATUSES,
				default: 'FAILED',
				description: 'Only deliveries with this outcome',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['callbackCall'], operation: ['getAll'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const callbackId = pickedId(this, callbackLocator, itemIndex);
	// Pages are read by offset; the calls' own links are relative paths and are not followed.
	return await whispirApiList.call(this, {
		path: callsPath(callbackId),
		mediaType: ENDPOINTS.callbackCall.mediaType,
		listKey: ENDPOINTS.callbackCall.listKey,
		qs: filtersQuery.call(this, itemIndex),
		limit: listLimit(this, itemIndex),
		itemIndex,
	});
}
