import type { IdLocatorOptions } from '../common.descriptions';

/** How every scenario operation names the scenario it works on. */
export const scenarioLocator: IdLocatorOptions = {
	name: 'scenarioId',
	displayName: 'Scenario',
	searchListMethod: 'searchScenarios',
};
