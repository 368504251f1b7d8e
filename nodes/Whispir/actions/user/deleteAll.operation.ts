import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { ENDPOINTS } from '../endpoints';
import { refuseAsAgentTool } from '../agentTool';
import { failedItemOrThrow } from '../failedItem';

/** What the user must type, exactly, before the node sends `DELETE /users`. */
const CONFIRMATION_PHRASE = 'DELETE ALL USERS';

const properties: INodeProperties[] = [
	{
		displayName:
			'This deletes EVERY user of your Whispir company (DELETE /users), whatever the input. It cannot be undone.',
		name: 'deleteAllNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Type DELETE ALL USERS to Confirm',
		name: 'confirmation',
		type: 'string',
		required: true,
		default: '',
		placeholder: CONFIRMATION_PHRASE,
		description: `Nothing is sent unless this is exactly "${CONFIRMATION_PHRASE}" (capitals, no extra spaces) for every input item`,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['deleteAll'] } },
	properties,
);

/** The refusal for an item whose confirmation is not exactly the phrase, or undefined. */
function unconfirmed(
	context: IExecuteFunctions,
	itemIndex: number,
): NodeOperationError | undefined {
	const typed = context.getNodeParameter('confirmation', itemIndex, '') as unknown;
	if (typed === CONFIRMATION_PHRASE) return undefined;
	return new NodeOperationError(
		context.getNode(),
		`"Confirmation" in item ${itemIndex} is not "${CONFIRMATION_PHRASE}"`,
		{
			description: `Nothing was deleted. To delete every user of the company, type ${CONFIRMATION_PHRASE} exactly.`,
			itemIndex,
		},
	);
}

/**
 * Runs once per execution, not once per item: one request deletes everyone, so repeating it per
 * item would add nothing. Every item must confirm (an expression could resolve differently per
 * item); one that does not stops the whole operation before anything is sent. The single output
 * item is paired with all input items.
 */
export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	// No item, no confirmation: nothing to do.
	if (items.length === 0) return [];
	const itemIndexes = items.map((_item, itemIndex) => itemIndex);
	try {
		refuseAsAgentTool(this, 'Delete All Users', 0);
	} catch (error) {
		return [failedItemOrThrow(this, error, itemIndexes)];
	}
	const refusal = itemIndexes
		.map((itemIndex) => unconfirmed(this, itemIndex))
		.find((error) => error !== undefined);
	if (refusal !== undefined) return [failedItemOrThrow(this, refusal, itemIndexes)];
	try {
		await whispirApiRequest.call(this, {
			method: 'DELETE',
			path: ENDPOINTS.user.path,
			mediaType: ENDPOINTS.user.mediaType,
			itemIndex: 0,
		});
	} catch (error) {
		return [failedItemOrThrow(this, error, itemIndexes)];
	}
	return [
		{
			json: { deleted: 'all users', allUsersDeleted: true },
			pairedItem: itemIndexes.map((item) => ({ item })),
		},
	];
}
