import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { whispirApiList, whispirApiRequest, type WhispirContext } from '../../transport';
import { callbackLocator } from '../callback/locator';
import { idLocator } from '../common.descriptions';
import { recordPath } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';

/**
 * The calls of a callback, read and marked in one place for the Callback Call resource and the
 * Whispir Trigger, which replays failed calls (catch-up).
 */

const { mediaType, listKey } = ENDPOINTS.callbackCall;

/** Calls live under their callback: `/callbacks/{id}/calls`. */
function callsPath(callbackId: string): string {
	return `${recordPath(ENDPOINTS.callback, callbackId)}${ENDPOINTS.callbackCall.path}`;
}

export async function listCalls(
	context: WhispirContext,
	request: { callbackId: string; qs?: IDataObject; limit?: number; itemIndex?: number },
): Promise<IDataObject[]> {
	const { callbackId, ...rest } = request;
	return await whispirApiList.call(context, {
		...rest,
		path: callsPath(callbackId),
		mediaType,
		listKey,
	});
}

/** Many calls in one `PUT /callbacks/{id}/calls?id=A&id=B…`, answered 204 ("Updating the status of calls" in Whispir's callback docs). */
export async function setCallStatus(
	context: WhispirContext,
	request: { callbackId: string; callIds: string[]; status: string; itemIndex?: number },
): Promise<void> {
	await whispirApiRequest.call(context, {
		method: 'PUT',
		path: callsPath(request.callbackId),
		mediaType,
		qs: { id: request.callIds },
		body: { status: request.status },
		itemIndex: request.itemIndex,
	});
}

/** Failed calls taken in one go: one PUT marks them all, and its URL must stay short. */
export const MAX_CLAIMED_CALLS = 100;

/**
 * The delivery a call stands for. A call has the delivery's fields, camel-cased, but Whispir's docs show no
 * custom parameters in it ("Retrieving attempted calls" in Whispir's callback docs).
 */
export function deliveryOfCall(call: IDataObject): IDataObject {
	return {
		messageid: call.messageId ?? call.messageid,
		messagelocation: call.messageLocation ?? call.messagelocation,
		from: call.from,
		responseMessage: call.responseMessage,
		customParameters: call.customParameters,
	};
}

/**
 * Takes up to `limit` FAILED calls of a callback that `wanted` accepts and marks them SUCCESS at
 * Whispir before anything is done with them: at most once, so that no later check (in any n8n
 * process, after any restart) and no retry by Whispir delivers them again.
 */
export async function claimFailedCalls(
	context: WhispirContext,
	request: {
		callbackId: string;
		limit: number;
		wanted?: (delivery: IDataObject) => boolean;
		itemIndex?: number;
	},
): Promise<{
	claimed: Array<{ callId: string; callbackName: string; delivery: IDataObject }>;
	listed: number;
}> {
	const { callbackId, limit, wanted = () => true, itemIndex } = request;
	const failed = await listCalls(context, {
		callbackId,
		qs: { status: 'FAILED' },
		limit,
		itemIndex,
	});
	const claimed = failed
		.map((call) => ({
			callId: String(call.id),
			callbackName: String((call.callback as IDataObject | undefined)?.name ?? ''),
			delivery: deliveryOfCall(call),
		}))
		.filter(({ delivery }) => wanted(delivery));
	if (claimed.length > 0) {
		await setCallStatus(context, {
			callbackId,
			callIds: claimed.map(({ callId }) => callId),
			status: 'SUCCESS',
			itemIndex,
		});
	}
	return { claimed, listed: failed.length };
}

/** The Callback field of the call operations. */
export const callbackField: INodeProperties = idLocator({
	...callbackLocator,
	description: 'The callback whose deliveries to work with',
});

export const CALL_STATUSES = [
	{ name: 'Failed', value: 'FAILED', description: 'The callback URL did not accept the delivery' },
	{ name: 'Success', value: 'SUCCESS', description: 'The callback URL accepted the delivery' },
];
