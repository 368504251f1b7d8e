import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { readMergeWrite, writeRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, isOn, optionalText, pickedId } from '../parameters';
import {
	CONTACT_READ_ONLY_FIELDS,
	checkedContactFields,
	customAndMessagingFields,
	customFieldsProperty,
	mergeContact,
} from './contactBody';
import { ALL_CONTACT_FIELDS, contactFieldProperty, contactStatusProperty } from './contactFields';
import { contactLocator } from './locator';
import { messagingOptionsProperty } from './messagingOptions';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(contactLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Every field you do not add keeps its current value.',
		options: [
			contactStatusProperty,
			...ALL_CONTACT_FIELDS.map((field) => contactFieldProperty(field)),
		].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	messagingOptionsProperty,
	customFieldsProperty,
	{
		displayName: 'Replace Whole Record',
		name: 'replaceWholeRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to write only the fields given here. Whispir then erases every other field of the contact, custom fields and messaging options included.',
	},
	{
		displayName:
			'Whispir will erase every field of this contact that is not given above (names, phones, custom fields, messaging options…). Leave this off to change only the fields given.',
		name: 'replaceWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { replaceWholeRecord: [true] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/** The changes an item asks for: the Update Fields, custom fields and messaging options it gives. */
function contactChanges(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		...checkedContactFields(
			context,
			itemIndex,
			context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		),
		...customAndMessagingFields(context, itemIndex),
	};
}

/**
 * Read, merge, write, with the contact's own merge (messaging options per channel). The read asks
 * for the custom fields, or they would be missing from it and erased by the write.
 */
export async function mergeIntoContact(
	context: IExecuteFunctions,
	request: {
		id: string;
		changes: IDataObject;
		itemIndex: number;
		workspaceId?: string;
		replace?: boolean;
	},
): Promise<IDataObject> {
	const { replace, ...address } = request;
	if (replace) {
		await writeRecord(context, {
			...address,
			endpoint: ENDPOINTS.contact,
			record: request.changes,
		});
		return { id: request.id, ...request.changes };
	}
	return await readMergeWrite(context, {
		...address,
		endpoint: ENDPOINTS.contact,
		merge: mergeContact,
		readOnly: CONTACT_READ_ONLY_FIELDS,
		readQuery: { customFields: true },
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workspaceId = optionalText(this, 'workspace', itemIndex);
	const id = pickedId(this, contactLocator, itemIndex);
	const changes = contactChanges(this, itemIndex);
	const replace = isOn(this.getNodeParameter('replaceWholeRecord', itemIndex, false));
	if (!replace) {
		assertSomethingToUpdate(
			this,
			changes,
			itemIndex,
			'Add a field under "Update Fields", "Messaging Options" or "Custom Fields".',
		);
	} else if (Object.keys(changes).length === 0) {
		// Whispir would erase the whole contact.
		throw new NodeOperationError(
			this.getNode(),
			`"Replace Whole Record" is on but no field is given in item ${itemIndex}`,
			{
				description:
					'Add the fields the contact should keep, or turn "Replace Whole Record" off to change only some fields.',
				itemIndex,
			},
		);
	}
	return await mergeIntoContact(this, { id, changes, itemIndex, workspaceId, replace });
}
