import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { callbackLocator } from '../callback/locator';
import { ID_PATTERN } from '../common.descriptions';
import { failedItemOrThrow } from '../failedItem';
import { pickedId, requiredText, splitIds } from '../parameters';
import { CALL_STATUSES, callbackField, setCallStatus } from './calls';

const properties: INodeProperties[] = [
	callbackField,
	{
		displayName: 'Call IDs',
		name: 'callIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. B3EDFE83DF389DFE, C41A0B9E2D7F6A13',
		description:
			"The deliveries to mark: one ID, several separated by commas, or an expression that gives each item's call ID (the ID field of Callback Call → Get Many). The IDs of all input items are sent in one request per callback.",
	},
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: CALL_STATUSES,
		default: 'SUCCESS',
		description:
			'Mark them Success once you processed them yourself, so they are not handled again',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callbackCall'], operation: ['updateStatus'] } },
	properties,
);

interface Batch {
	callbackId: string;
	status: string;
	callIds: string[];
	itemIndexes: number[];
}

const CALL_ID = new RegExp(ID_PATTERN);

function callIdsOf(context: IExecuteFunctions, itemIndex: number): string[] {
	const ids = splitIds(requiredText(context, 'callIds', itemIndex, 'Call IDs'));
	const bad = ids.find((id) => !CALL_ID.test(id));
	if (bad !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`"Call IDs" in item ${itemIndex} is not valid: "${bad}"`,
			{
				description:
					'Enter call IDs (letters and digits) separated by commas, as Callback Call → Get Many returns them.',
				itemIndex,
			},
		);
	}
	return ids;
}

/**
 * Whispir updates many calls in one request (`setCallStatus`), so the IDs of all items for the same
 * callback and status go into one; each item gets its own output (or its own error item with
 * Continue On Fail).
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const failed = (itemIndex: number, error: unknown) => {
		output[itemIndex] = failedItemOrThrow(this, error, itemIndex);
	};

	const batches = new Map<string, Batch>();
	const itemCount = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const callbackId = pickedId(this, callbackLocator, itemIndex);
			const status = this.getNodeParameter('status', itemIndex) as string;
			const callIds = callIdsOf(this, itemIndex);
			const key = JSON.stringify([callbackId, status]);
			const batch = batches.get(key) ?? { callbackId, status, callIds: [], itemIndexes: [] };
			batch.callIds.push(...callIds.filter((id) => !batch.callIds.includes(id)));
			batch.itemIndexes.push(itemIndex);
			batches.set(key, batch);
			output[itemIndex] = {
				json: { callbackId, callIds, status },
				pairedItem: { item: itemIndex },
			};
		} catch (error) {
			failed(itemIndex, error);
		}
	}

	for (const batch of batches.values()) {
		try {
			await setCallStatus(this, { ...batch, itemIndex: batch.itemIndexes[0] });
			for (const itemIndex of batch.itemIndexes) output[itemIndex].json.updated = true;
		} catch (error) {
			for (const itemIndex of batch.itemIndexes) failed(itemIndex, error);
		}
	}
	return output;
}
