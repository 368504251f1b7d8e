import type { INodeProperties } from 'n8n-workflow';

import { callbackLocator } from '../callback/locator';
import { idLocator } from '../common.descriptions';
import { recordPath } from '../crud';
import { ENDPOINTS } from '../endpoints';

/** Calls live under their callback: `/callbacks/{id}/calls` (endpoints.md §2.11). */
export function callsPath(callbackId: string): string {
	return `${recordPath(ENDPOINTS.callback, callbackId)}${ENDPOINTS.callbackCall.path}`;
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
