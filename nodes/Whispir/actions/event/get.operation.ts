import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, simplifyOption, workspaceSelector } from '../common.descriptions';
import { fetchRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { isOn, pickedId } from '../parameters';
import { simplifyEvent, type WhispirEvent } from './fields';
import { eventLocator } from './locator';

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['get'] } },
	[
		workspaceSelector,
		idLocator(eventLocator),
		{
			...simplifyOption,
			description:
				"Whether to lay the filled-in form fields out flat (summary, startDate, actionOwner1…) instead of returning Whispir's full form with every blank field",
		},
	] satisfies INodeProperties[],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const event = await fetchRecord(this, {
		endpoint: ENDPOINTS.event,
		id: pickedId(this, eventLocator, itemIndex),
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.event),
		itemIndex,
	});
	return isOn(this.getNodeParameter('simplify', itemIndex, true))
		? simplifyEvent(event as WhispirEvent)
		: event;
}
