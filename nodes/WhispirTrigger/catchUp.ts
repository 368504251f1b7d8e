import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { callsPath } from '../Whispir/actions/callbackCall/callsPath';
import { ENDPOINTS } from '../Whispir/actions/endpoints';
import { whispirApiList, whispirApiRequest } from '../Whispir/transport';
import { deliveryKey, eventOf, normaliseDelivery } from './delivery';
import type { TriggerSettings } from './settings';
import type { TriggerState } from './triggerState';

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
	state: TriggerState,
	settings: TriggerSettings,
	arriving?: IDataObject,
): Promise<IDataObject[]> {
	const path = callsPath(state.callbackId ?? '');
	const { mediaType, listKey } = ENDPOINTS.callbackCall;
	const failed = await whispirApiList.call(context, { path, mediaType, listKey, qs: { status: 'FAILED' } });
	// A call has the delivery's fields, in camel case (API doc L6040-6077), but no customParameters.
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
	const wanted = payloads.filter(({ payload }) => settings.events.includes(eventOf(payload)));
	if (wanted.length > 0) {
		await whispirApiRequest.call(context, {
			method: 'PUT',
			path,
			mediaType,
			qs: { id: wanted.map(({ id }) => id) },
			body: { status: 'SUCCESS' },
		});
	}
	state.catchUpPending = false;
	const replayed = wanted.map(({ id, payload }) =>
		normaliseDelivery(payload, {
			timeZone: context.getTimezone(),
			callbackName: state.callbackName ?? settings.callbackName,
			includeRaw: settings.includeRaw,
			replayedCallId: id,
		}),
	);
	return arriving === undefined ? replayed : replayed.filter((item) => deliveryKey(item) !== deliveryKey(arriving));
}
