import type { IdLocatorOptions } from '../common.descriptions';

/** How every contact operation names the contact it works on. */
export const contactLocator: IdLocatorOptions = {
	name: 'contactId',
	displayName: 'Contact',
	searchListMethod: 'searchContacts',
};
