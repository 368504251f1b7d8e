import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { CallbackEvent } from '../Whispir/actions/callback/callbackBody';
import { claimFailedCalls, MAX_CLAIMED_CALLS } from '../Whispir/actions/callbackCall/calls';
import { eventOf, normaliseDelivery, type NormaliseOptions } from './delivery';
import { catchUpDueAgain, claimCatchUp, firstDelivery } from './processMemory';

/**
 * Catch Up on Missed Deliveries. n8n runs no trigger code at start-up in every mode (2.40 re-publishes
 * workflows without calling checkExists), and lifecycle methods cannot start executions anyway; what
 * the trigger can rely on is that a delivery arrives. So a delivery looks for the calls Whispir could
 * not make (its FAILED calls): the first one a process handles after it started (a restarted n8n is a
 * new process, whichever way it re-activates the workflow), then one at most every
 * CATCH_UP_INTERVAL_MINUTES. They go out in front of the delivery,
 * marked `replayed`, after they were marked SUCCESS at Whispir: that mark is the durable record of
 * what was replayed. A call that this process already ran (Whispir's own retry of it arrived first)
 * is marked but not output again.
 */
export async function catchUp(
	context: IWebhookFunctions,
	callbackId: string,
	events: CallbackEvent[],
	options: NormaliseOptions,
): Promise<IDataObject[]> {
	if (!claimCatchUp(callbackId)) return [];
	try {
		const { claimed, listed } = await claimFailedCalls(context, {
			callbackId,
			limit: MAX_CLAIMED_CALLS,
			wanted: (delivery) => events.includes(eventOf(delivery)),
		});
		// A full batch: more may be waiting, so the next delivery takes the next batch.
		if (listed === MAX_CLAIMED_CALLS) catchUpDueAgain(callbackId);
		return claimed
			.map(({ callId, delivery }) =>
				normaliseDelivery(delivery, { ...options, replayedCallId: callId }),
			)
			.filter((item) => firstDelivery(callbackId, item));
	} catch (error) {
		// The delivery that arrived must not be lost because Whispir could not be asked: it goes out
		// alone, and the next delivery tries again.
		catchUpDueAgain(callbackId);
		context.logger.warn(
			`Whispir Trigger: could not read the missed deliveries of callback ${callbackId}; trying again with the next delivery`,
			{
				error: (error as Error).message,
			},
		);
		return [];
	}
}
