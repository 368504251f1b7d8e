import type { IdLocatorOptions } from '../common.descriptions';

/** How every template operation names the template it works on. */
export const templateLocator: IdLocatorOptions = {
	name: 'templateId',
	displayName: 'Template',
	searchListMethod: 'searchTemplates',
};
