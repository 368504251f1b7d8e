import type { IdLocatorOptions } from '../common.descriptions';

/** How every event operation names the event it works on. */
export const eventLocator: IdLocatorOptions = {
	name: 'eventId',
	displayName: 'Event',
	searchListMethod: 'searchEvents',
};
