import type { IdLocatorOptions } from '../common.descriptions';

/** How every resource operation names the stored file it works on. */
export const resourceLocator: IdLocatorOptions = {
	name: 'resourceId',
	displayName: 'File',
	searchListMethod: 'searchResources',
};
