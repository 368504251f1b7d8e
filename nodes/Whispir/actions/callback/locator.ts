import type { IdLocatorOptions } from '../common.descriptions';

/** How every callback and callback-call operation names the callback it works on. */
export const callbackLocator: IdLocatorOptions = {
	name: 'callbackId',
	displayName: 'Callback',
	searchListMethod: 'searchCallbacks',
};
