import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { mergeRecords, readMergeWrite, withoutFields } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId } from '../parameters';
import { checkAllowedUsers, scenarioOptionFields, scenarioParts, withNameAndTitle } from './fields';
import { scenarioLocator } from './locator';

const updatableFields = (
	[
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the scenario is for',
		},
		{
			displayName: 'Name',
			name: 'title',
			type: 'string',
			default: '',
			description: 'A new name for the scenario',
		},
		{
			displayName: 'Recipients',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: 'e.g. 61423456789;Staff.373947@List.whispir.com',
			description:
				'Phone numbers with country code, email addresses or MRIs, separated by ; or commas',
		},
		{
			displayName: 'SMS Body',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'The text of the SMS',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			description: 'The first line of the SMS',
		},
		...scenarioOptionFields,
	] satisfies INodeProperties[]
).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(scenarioLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Everything else in the scenario keeps its current value.',
		options: updatableFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['scenario'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/**
 * Read, merge at every depth (a new email footer keeps the email body), write the whole scenario
 * back. The allowed-users rule applies to the merged scenario: stored IDs would otherwise stay
 * behind when the scenario goes back to Everyone.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, scenarioLocator, itemIndex);
	const changes = scenarioParts(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	assertSomethingToUpdate(this, changes, itemIndex);
	const endpoint = ENDPOINTS.scenario;
	return await readMergeWrite(this, {
		endpoint,
		id,
		workspaceId: workspaceOf(this, itemIndex, endpoint),
		itemIndex,
		changes,
		readOnly: ['id'],
		merge: (current, scenarioChanges) => {
			// The message carries a creation time of its own, which Whispir sets too.
			const message = withoutFields((current.message ?? {}) as IDataObject, ['createdTime']);
			return checkAllowedUsers(
				this,
				mergeRecords(withNameAndTitle({ ...current, message }), scenarioChanges),
				itemIndex,
			);
		},
	});
}
