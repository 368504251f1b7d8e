import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator, workspaceSelector } from '../common.descriptions';
import { recordPath } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { optionalText, pickedId, requiredText } from '../parameters';
import { contactLocator } from './locator';
import { refuseAsAgentTool } from '../agentTool';

/** Typed by the user to delete a contact everywhere; an expression must resolve to exactly this. */
const DELETE_ALL_CONFIRMATION = 'DELETE FROM ALL WORKSPACES';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	{
		displayName: 'Delete From',
		name: 'deleteFrom',
		type: 'options',
		options: [
			{
				name: 'This Workspace',
				value: 'workspace',
				description: 'Remove the contact from the chosen workspace only',
			},
			{
				name: 'All Workspaces',
				value: 'allWorkspaces',
				description:
					'Remove the contact from every workspace it is mapped to. Whispir does this in the background and it cannot be stopped.',
			},
		],
		default: 'workspace',
	},
	{
		displayName: 'Confirmation',
		name: 'confirmation',
		type: 'string',
		required: true,
		default: '',
		placeholder: DELETE_ALL_CONFIRMATION,
		description: `Type ${DELETE_ALL_CONFIRMATION} to confirm (capitals, no extra spaces). Anything else deletes nothing and fails the item.`,
		displayOptions: { show: { deleteFrom: ['allWorkspaces'] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, contactLocator, itemIndex);
	const everywhere = this.getNodeParameter('deleteFrom', itemIndex) === 'allWorkspaces';
	let workspaceId = optionalText(this, 'workspace', itemIndex);
	if (everywhere) {
		refuseAsAgentTool(this, 'Deleting a contact from every workspace', itemIndex);
		// Exactly the phrase: no trimming, so an expression that resolves to almost the phrase deletes nothing.
		const confirmation = this.getNodeParameter('confirmation', itemIndex, '') as unknown;
		if (confirmation !== DELETE_ALL_CONFIRMATION) {
			throw new NodeOperationError(
				this.getNode(),
				`"Confirmation" does not say ${DELETE_ALL_CONFIRMATION} in item ${itemIndex}`,
				{
					description: `Nothing was deleted. Type ${DELETE_ALL_CONFIRMATION} exactly to delete the contact from every workspace, or choose "This Workspace".`,
					itemIndex,
				},
			);
		}
		// The documented call names a workspace (DELETE /workspaces/{wid}/contacts/{id}?action=deleteAll).
		workspaceId = requiredText(this, 'workspace', itemIndex, 'Workspace');
	}
	await whispirApiRequest.call(this, {
		method: 'DELETE',
		path: recordPath(ENDPOINTS.contact, id),
		mediaType: ENDPOINTS.contact.mediaType,
		workspaceId,
		qs: everywhere ? { action: 'deleteAll' } : undefined,
		itemIndex,
	});
	return { id, deleted: true, from: everywhere ? 'allWorkspaces' : 'workspace' };
}
