import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { fetchRecord, updateByMerge, workspaceOf } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { mergeRecord } from '../template/mergeRecord';
import { checkAllowedUsers, scenarioOptionFields, scenarioParts } from './fields';

export const scenarioLocator = { name: 'scenarioId', displayName: 'Scenario', searchListMethod: 'searchScenarios' };

const updatableFields = (
	[
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'What the scenario is for' },
		{ displayName: 'Name', name: 'title', type: 'string', default: '', description: 'A new name for the scenario' },
		{
			displayName: 'Recipients',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: 'e.g. 61423456789;Staff.373947@List.whispir.com',
			description: 'Phone numbers, email addresses or MRIs, separated by ;',
		},
		{
			displayName: 'SMS Body',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'The text of the SMS',
		},
		{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'The first line of the SMS' },
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

export const description = updateDisplayOptions({ show: { resource: ['scenario'], operation: ['update'] } }, properties);

/** Read, merge at every depth (a new email footer keeps the email body), write the whole scenario back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = requiredText(this, 'scenarioId', itemIndex, 'Scenario');
	const changes = scenarioParts(this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	const endpoint = ENDPOINTS.scenario;
	const workspaceId = workspaceOf(this, itemIndex, endpoint);
	const current = await fetchRecord(this, { endpoint, id, workspaceId, itemIndex });
	// Fields Whispir sets itself: the creation times and the links.
	const { link: _link, createdTime: _created, id: _id, ...stored } = current;
	const { createdTime: _messageCreated, ...storedMessage } = (stored.message ?? {}) as IDataObject;
	const merged = mergeRecord({ ...stored, message: storedMessage }, changes);
	// The stored IDs would otherwise stay behind when the scenario goes back to Everyone.
	const scenario = checkAllowedUsers(this, merged, itemIndex);
	return await updateByMerge(this, { endpoint, id, workspaceId, itemIndex, changes: scenario, replace: true });
}
