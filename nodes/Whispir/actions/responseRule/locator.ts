import type { IdLocatorOptions } from '../common.descriptions';

/** How every response rule operation names the rule it works on. */
export const responseRuleLocator: IdLocatorOptions = {
	name: 'responseRuleId',
	displayName: 'Response Rule',
	searchListMethod: 'searchResponseRules',
};
