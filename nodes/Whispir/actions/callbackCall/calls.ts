import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { whispirApiList, whispirApiRequest, type WhispirContext } from '../../transport';
import { callbackLocator } from '../callback/locator';
import { idLocator } from '../common.descriptions';
import { recordPath } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';

/**
 * The calls of a callback (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback), read and marked in one place for the Callback Call
 * resource and the Whispir Trigger, which replays failed calls after a restart.
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
	return await whispirApiList.call(context, { ...rest, path: callsPath(callbackId), mediaType, listKey });
}

/** Many calls in one `PUT /callbacks/{id}/calls?id=A&id=B…` (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback, answer 204). */
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

/** The Callback field of the call operations. */
export const callbackField: INodeProperties = idLocator({
	...callbackLocator,
	description: 'The callback whose deliveries to work with',
});

export const CALL_STATUSES = [
	{ name: 'Failed', value: 'FAILED', description: 'The callback URL did not accept the delivery' },
	{ name: 'Success', value: 'SUCCESS', description: 'The callback URL accepted the delivery' },
];
