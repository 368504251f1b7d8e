import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { pickedId } from '../parameters';
import { saveEventChanges } from './saveEvent';
import { eventLocator } from './locator';

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['close'] } },
	[
		workspaceSelector,
		idLocator({ ...eventLocator, description: 'The event to close' }),
	] satisfies INodeProperties[],
);

// Close writes the whole event back: items run one after the other, in order, so two items on one event cannot undo each other.
export const runsInOrder = true;

/**
 * "It is not currently possible to remove events … events should be updated to have a status of
 * 'Closed'" (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event): Close is that update, keeping every other field.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await saveEventChanges(this, {
		id: pickedId(this, eventLocator, itemIndex),
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.event),
		itemIndex,
		status: 'Closed',
		values: {},
	});
}
