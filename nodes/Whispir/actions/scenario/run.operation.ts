import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator, workspaceSelector } from '../common.descriptions';
import { recordPath } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { pickedId } from '../parameters';
import { scenarioLocator } from './locator';

export const description = updateDisplayOptions(
	{ show: { resource: ['scenario'], operation: ['run'] } },
	[
		workspaceSelector,
		idLocator({
			...scenarioLocator,
			description: 'The scenario to run: its message goes out to its recipients at once',
		}),
	] satisfies INodeProperties[],
);

/** A POST to the scenario without a body sends its message (Whispir's Scenarios docs: https://developers.whispir.com/c2NoOjM4OTQzOTIw-scenario); Whispir answers 204. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, scenarioLocator, itemIndex);
	await whispirApiRequest.call(this, {
		method: 'POST',
		path: recordPath(ENDPOINTS.scenario, id),
		mediaType: ENDPOINTS.scenario.mediaType,
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.scenario),
		itemIndex,
	});
	return { id, ran: true };
}
