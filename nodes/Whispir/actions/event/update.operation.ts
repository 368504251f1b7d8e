import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId } from '../parameters';
import {
	actionValues,
	actionsField,
	eventDate,
	formFields,
	formValues,
	statusField,
} from './fields';
import { eventLocator } from './locator';
import { saveEventChanges } from './saveEvent';

const updatableFields = (
	[
		statusField,
		{
			displayName: 'Label',
			name: 'eventLabel',
			type: 'string',
			default: '',
			description:
				'A new label. Messages already sent keep the old one, so Get Messages will not find them any more.',
		},
		{
			displayName: 'Start Date',
			name: 'startDate',
			type: 'dateTime',
			default: '',
			description: "When the event started, in the workflow's timezone",
		},
		...formFields,
	] satisfies INodeProperties[]
).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(eventLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Every other field of the event keeps its current value.',
		options: updatableFields,
	},
	{
		...actionsField,
		description:
			'Leave empty to keep the current actions. Actions given here replace all current ones (at most 10).',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { eventLabel, status, startDate, ...fields } = this.getNodeParameter(
		'updateFields',
		itemIndex,
		{},
	) as IDataObject;
	const values: Record<string, string> = {
		...formValues(this, fields, itemIndex),
		...actionValues(this, itemIndex),
	};
	if (startDate !== undefined)
		values.startDate = eventDate(this, startDate, 'Start Date', itemIndex);
	const changes = {
		eventLabel:
			typeof eventLabel === 'string' && eventLabel.trim() !== '' ? eventLabel.trim() : undefined,
		status: typeof status === 'string' ? status : undefined,
	};
	assertSomethingToUpdate(
		this,
		{ ...changes, ...values },
		itemIndex,
		'Add a field under "Update Fields", or give the new actions.',
	);
	return await saveEventChanges(this, {
		id: pickedId(this, eventLocator, itemIndex),
		workspaceId: workspaceOf(this, itemIndex, ENDPOINTS.event),
		itemIndex,
		...changes,
		values,
	});
}
