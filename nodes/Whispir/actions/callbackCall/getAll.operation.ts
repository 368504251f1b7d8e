import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { returnAllOrLimit } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { CALL_STATUSES, callbackLocator, callsPath } from './callsPath';

const properties: INodeProperties[] = [
	callbackLocator,
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
	const callbackId = requiredText(this, 'callbackId', itemIndex, 'Callback');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
	// Pages are read by offset; the calls' own links are relative paths and are not followed.
	return await whispirApiList.call(this, {
		path: callsPath(callbackId),
		mediaType: ENDPOINTS.callbackCall.mediaType,
		listKey: ENDPOINTS.callbackCall.listKey,
		qs: filters.status ? { status: filters.status } : undefined,
		limit: returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number),
		itemIndex,
	});
}
