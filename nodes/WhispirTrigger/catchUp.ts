import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { CallbackEvent } from '../Whispir/actions/callback/callbackBody';
import { listCalls, setCallStatus } from '../Whispir/actions/callbackCall/calls';
import { deliveryKey, eventOf, normaliseDelivery, type NormaliseOptions } from './delivery';

/**
 * Catch Up on Missed Deliveries. n8n gives webhook lifecycle methods (create, checkExists) no way to
 * start an execution, so the deliveries Whispir could not make while the workflow was away are read
 * when the first delivery after a re-activation arrives, and go out in front of it, marked `replayed`.
 * They are marked SUCCESS at Whispir before they are emitted, so a restart cannot replay them again.
 * The delivery that arrived may itself be Whispir's retry of one of them: that call is marked but not
 * replayed, so it comes out once (as the delivery, with its custom parameters).
 */
export async function replayFailedCalls(
	context: IWebhookFunctions,
	callbackId: string,
	events: CallbackEvent[],
	options: NormaliseOptions,
	arriving?: IDataObject,
): Promise<IDataObject[]> {
	const failed = await listCalls(context, { callbackId, qs: { status: 'FAILED' } });
	// A call has the delivery's fields, in camel case (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback), but no customParameters.
	const payloads = failed.map((call) => ({
		id: String(call.id),
		payload: {
			messageid: call.messageId ?? call.messageid,
			messagelocation: call.messageLocation ?? call.messagelocation,
			from: call.from,
			responseMessage: call.responseMessage,
			customParameters: call.customParameters,
		} as IDataObject,
	}));
	const wanted = payloads.filter(({ payload }) => events.includes(eventOf(payload)));
	if (wanted.length > 0) {
		await setCallStatus(context, { callbackId, callIds: wanted.map(({ id }) => id), status: 'SUCCESS' });
	}
	const replayed = wanted.map(({ id, payload }) => normaliseDelivery(payload, { ...options, replayedCallId: id }));
	return arriving === undefined ? replayed : replayed.filter((item) => deliveryKey(item) !== deliveryKey(arriving));
}
