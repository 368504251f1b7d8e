import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Our errors already say what to fix; anything else (a bug) is wrapped so n8n shows it per item. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/**
 * What a failure becomes: with Continue On Fail, an output item with the error and how to fix it,
 * paired with the input item (or, for a batch, all the items) it concerns; otherwise the error,
 * thrown, which stops the node.
 */
export function failedItemOrThrow(
	context: IExecuteFunctions,
	error: unknown,
	items: number | number[],
): INodeExecutionData {
	const nodeError = asNodeError(context, error, typeof items === 'number' ? items : undefined);
	if (!context.continueOnFail()) throw nodeError;
	return {
		json: {
			error: nodeError.message,
			...(nodeError.description ? { details: nodeError.description } : {}),
		},
		pairedItem: typeof items === 'number' ? { item: items } : items.map((item) => ({ item })),
	};
}
