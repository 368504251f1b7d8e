import type { IdLocatorOptions } from '../common.descriptions';

/** How every user operation names the user it works on. */
export const userLocator: IdLocatorOptions = {
	name: 'userId',
	displayName: 'User',
	searchListMethod: 'searchUsers',
};
