import type { IdLocatorOptions } from '../common.descriptions';

/** How every app operation names the app it works on. */
export const appLocator: IdLocatorOptions = {
	name: 'appId',
	displayName: 'App',
	searchListMethod: 'searchApps',
};
