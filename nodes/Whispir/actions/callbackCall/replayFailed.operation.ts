import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { normaliseDelivery } from '../../../WhispirTrigger/delivery';
import { callbackLocator } from '../callback/locator';
import { pickedId, wholeNumber } from '../parameters';
import { callbackField, claimFailedCalls, MAX_CLAIMED_CALLS } from './calls';

const properties: INodeProperties[] = [
	callbackField,
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_CLAIMED_CALLS },
		default: MAX_CLAIMED_CALLS,
		description: `How many failed deliveries to take in one run, at most ${MAX_CLAIMED_CALLS}; the rest come with the next run`,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callbackCall'], operation: ['replayFailed'] } },
	properties,
);

/**
 * "Check for missed deliveries" on a schedule, for a Whispir Trigger whose workflow receives no new
 * delivery that would start its catch-up. Outputs the callback's failed deliveries as the trigger
 * does (`replayed: true`, `callId`), after marking them SUCCESS at Whispir, so that neither this
 * operation, nor the trigger's catch-up, nor Whispir's retries deliver them again.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const callbackId = pickedId(this, callbackLocator, itemIndex);
	const limit = wholeNumber(
		this,
		this.getNodeParameter('batchSize', itemIndex, MAX_CLAIMED_CALLS),
		{ label: 'Batch Size', min: 1 },
		itemIndex,
	);
	if (limit > MAX_CLAIMED_CALLS) {
		throw new NodeOperationError(
			this.getNode(),
			`"Batch Size" in item ${itemIndex} is more than ${MAX_CLAIMED_CALLS}: ${limit}`,
			{
				description: `Whispir marks up to ${MAX_CLAIMED_CALLS} calls in one request; the rest come with the next run.`,
				itemIndex,
			},
		);
	}
	const { claimed } = await claimFailedCalls(this, { callbackId, limit, itemIndex });
	const timeZone = this.getTimezone();
	return claimed.map(({ callId, callbackName, delivery }) =>
		normaliseDelivery(delivery, {
			timeZone,
			callbackName,
			includeRaw: false,
			replayedCallId: callId,
		}),
	);
}

// Two items for the same callback side by side would both read the same failed calls.
export const runsInOrder = true;
