import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';

/** Calls live under their callback: `/callbacks/{id}/calls` (endpoints.md §2.11). */
export function callsPath(callbackId: string): string {
	return `${ENDPOINTS.callback.path}/${encodeURIComponent(callbackId)}${ENDPOINTS.callbackCall.path}`;
}

export const callbackLocator: INodeProperties = idLocator({
	name: 'callbackId',
	displayName: 'Callback',
	searchListMethod: 'searchCallbacks',
	description: 'The callback whose deliveries to work with',
});

export const CALL_STATUSES = [
	{ name: 'Failed', value: 'FAILED', description: 'The callback URL did not accept the delivery' },
	{ name: 'Success', value: 'SUCCESS', description: 'The callback URL accepted the delivery' },
];
