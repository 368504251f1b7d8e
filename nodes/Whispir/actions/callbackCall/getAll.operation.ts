import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { callbackLocator } from '../callback/locator';
import { returnAllOrLimit } from '../common.descriptions';
import { filtersQuery } from '../recordOperations';
import { listLimit, pickedId } from '../parameters';
import { CALL_STATUSES, callbackField, listCalls } from './calls';

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

export const description = updateDisplayOptions(
	{ show: { resource: ['callbackCall'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await listCalls(this, {
		callbackId: pickedId(this, callbackLocator, itemIndex),
		qs: filtersQuery.call(this, itemIndex),
		limit: listLimit(this, itemIndex),
		itemIndex,
	});
}
