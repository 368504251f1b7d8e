import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cancellation, isCancelled, requestConcurrency } from '../transport';
import { runPool, type PoolFailure } from '../transport/workerPool';
import { failedItemOrThrow } from './failedItem';
import type { WhispirItemOperation } from './operation';
import { RESOURCES } from './resources';

/**
 * Paced parallel items by default; a user who needs strict order, or no item to start after one
 * failed, switches to one at a time. Batch operations (all items in one request) do not show it.
 */
export const itemOrderProperty: INodeProperties = {
	displayName: 'Item Order',
	name: 'itemOrder',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'In Parallel, Paced',
			value: 'parallel',
			description:
				"Items run side by side, as many as keep the credential's rate full; the output keeps the input order",
		},
		{
			name: 'One at a Time',
			value: 'sequential',
			description:
				'Each item starts when the one before it has finished, in input order; without Continue On Fail, no item starts after a failed one',
		},
	],
	default: 'parallel',
	description: 'How the input items are run',
	displayOptions: {
		// Operations that run once for all items (executeBatch) have no item order to choose.
		hide: { operation: ['sendBulk', 'sendAndWait', 'importContacts', 'deleteAll', 'updateStatus'] },
	},
};

/**
 * Runs the chosen operation once per input item, keeping pairing and Continue On Fail per item.
 * Items run concurrently, as many at once as keep the credential's rate full (the transport paces
 * every request), except for operations marked `runsInOrder`, which run one item after the other.
 * Output comes in input order whatever order the answers arrive in.
 * Batch operations (Send Bulk, Send and Wait for Reply, Import Contacts, Delete All Users, Callback Call Update Status) get all
 * items at once and pair their own output.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = RESOURCES.find((candidate) => candidate.option.value === resource)?.operations[
		operation
	];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	if ('executeBatch' in handler) return [await handler.executeBatch.call(this)];

	const items = this.getInputData();
	// One slot per item, filled as its answer arrives, read in input order at the end.
	const results: INodeExecutionData[][] = new Array(items.length);
	const runItem = async (itemIndex: number) => {
		try {
			const result = await handler.execute.call(this, itemIndex);
			results[itemIndex] = this.helpers.constructExecutionMetaData(
				this.helpers.returnJsonArray(result),
				{
					itemData: { item: itemIndex },
				},
			);
		} catch (error) {
			// Without Continue On Fail, this throws the error for the pool to report.
			results[itemIndex] = [failedItemOrThrow(this, error, itemIndex)];
		}
	};

	const failure = await runPool(items.length, runItem, {
		concurrency: await concurrencyOf(
			this,
			handler,
			this.getNodeParameter('itemOrder', 0, 'parallel') === 'sequential',
		),
		keepGoing: () => !isCancelled(this),
	});
	// A stopped execution starts no more items and outputs nothing with gaps; the waits it cut short
	// are not item failures.
	if (isCancelled(this)) throw cancellation(this);
	// Without Continue On Fail the node stops as a loop would, at the first failed item…
	if (failure)
		throw withDoneItemsNote(failure.error as NodeApiError | NodeOperationError, failure, results);
	return [results.flat()];
}

/**
 * Operations where two items may change the same record (read-merge-write updates, Create or
 * Update, list members, activation) run one item at a time: run side by side, the second write
 * would be built from a read taken before the first one landed, and undo it. So does every
 * operation when the user chose Item Order "One at a Time".
 */
async function concurrencyOf(
	context: IExecuteFunctions,
	operation: WhispirItemOperation,
	oneAtATime: boolean,
): Promise<number> {
	if (operation.runsInOrder || oneAtATime) return 1;
	try {
		return await requestConcurrency(context, 0);
	} catch {
		// An unreadable credential: item 0 then fails with the reason and the fix.
		return 1;
	}
}

/**
 * …but the items before it were done, and items after it may have been too (they run side by side).
 * The error says which, so that nobody runs the node again without checking: a second run would send
 * their messages twice.
 */
function withDoneItemsNote(
	nodeError: NodeApiError | NodeOperationError,
	failure: PoolFailure,
	results: INodeExecutionData[][],
): NodeApiError | NodeOperationError {
	const doneAfter: number[] = [];
	for (let index = failure.index + 1; index < failure.started; index++)
		if (results[index]) doneAfter.push(index);
	const before = failure.index === 0 ? '' : `items 0 to ${failure.index - 1}`;
	const listed = doneAfter.slice(0, 20).join(', ') + (doneAfter.length > 20 ? ', …' : '');
	const after = doneAfter.length === 0 ? '' : `${doneAfter.length} item(s) after it (${listed})`;
	if (!before && !after) return nodeError;
	const note =
		`The node stopped at item ${failure.index}, but ${[before, after].filter(Boolean).join(' and ')} had already succeeded. ` +
		'Running the node again repeats them, so remove them from the input first, ' +
		'or set "On Error" to "Continue" in the node settings to get one result per item.';
	nodeError.description = nodeError.description ? `${nodeError.description} ${note}` : note;
	return nodeError;
}
