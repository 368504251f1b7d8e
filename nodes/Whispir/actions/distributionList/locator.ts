import type { IdLocatorOptions } from '../common.descriptions';

/** How every distribution-list operation names the list it works on. */
export const listLocator: IdLocatorOptions = {
	name: 'distributionListId',
	displayName: 'Distribution List',
	searchListMethod: 'searchDistributionLists',
};
