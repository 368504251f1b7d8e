import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { idLocator, returnAllOrLimit, workspaceSelector } from '../common.descriptions';
import { fetchRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { isOn, listLimit, pickedId } from '../parameters';
import { eventLocator } from './locator';

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['getMessages'] } },
	[
		workspaceSelector,
		idLocator({ ...eventLocator, description: 'The event whose messages to list' }),
		...returnAllOrLimit,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Include Messages by Other Users',
					name: 'includeOtherUsers',
					type: 'boolean',
					default: false,
					description:
						'Whether to list the messages other users of the workspace sent about the event too, not only your own',
				},
			],
		},
	] satisfies INodeProperties[],
);

/**
 * Messages about an event carry its label; Whispir finds them with GET /messages?label=<label>
 * (the event's `retrieveEventMessages` link, Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event). The event is read first for its label.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.event);
	const event = await fetchRecord(this, {
		endpoint: ENDPOINTS.event,
		id: pickedId(this, eventLocator, itemIndex),
		workspaceId,
		itemIndex,
	});
	const label = typeof event.eventLabel === 'string' ? event.eventLabel.trim() : '';
	// Without a label, `?label=` would match every message of the last 7 days, not this event's.
	if (label === '') {
		throw new NodeOperationError(
			this.getNode(),
			`The event in item ${itemIndex} has no label, so its messages cannot be found`,
			{
				description:
					"Whispir finds an event's messages by its label. Give the event one with Event → Update.",
				itemIndex,
			},
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await whispirApiList.call(this, {
		path: ENDPOINTS.message.path,
		mediaType: ENDPOINTS.message.mediaType,
		listKey: ENDPOINTS.message.listKey,
		workspaceId,
		qs: { label, ...(isOn(options.includeOtherUsers) ? { viewType: 'shared' } : {}) },
		limit: listLimit(this, itemIndex),
		itemIndex,
	});
}
