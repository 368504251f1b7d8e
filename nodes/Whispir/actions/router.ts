import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failedItem } from './failedItem';
import { RESOURCES } from './resources';

/**
 * Runs the chosen operation once per input item, keeping pairing and Continue On Fail per item.
 * Batch operations (Send Bulk, Import Contacts, Delete All Users, Callback Call Update Status) get all
 * items at once and pair their own output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = RESOURCES.find((candidate) => candidate.option.value === resource)?.operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}

	if ('executeBatch' in handler) return [await handler.executeBatch.call(this)];

	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler.execute.call(this, itemIndex);
			returnData.push(
				...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
					itemData: { item: itemIndex },
				}),
			);
		} catch (error) {
			returnData.push(failedItem(this, error, itemIndex));
		}
	}
	return [returnData];
}
