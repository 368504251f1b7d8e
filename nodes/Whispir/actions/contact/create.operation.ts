import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { optionalText } from '../parameters';
import { customFieldsProperty, newContact } from './contactBody';
import {
	contactFieldProperty,
	contactStatusProperty,
	MANDATORY_CONTACT_FIELDS,
	OPTIONAL_CONTACT_FIELDS,
} from './contactFields';
import { messagingOptionsProperty } from './messagingOptions';

/** The fields of a new contact; Create or Update shows the same ones. */
/**
 * A contact's fields. Create requires Whispir's mandatory fields; Create or Update asks for them only
 * when no contact matches, so there they are optional and `afterWorkspace` (Match On) comes first.
 */
export function contactProperties(
	options: { mandatoryRequired: boolean; afterWorkspace?: INodeProperties[] } = {
		mandatoryRequired: true,
	},
): INodeProperties[] {
	return [
		workspaceSelector,
		...(options.afterWorkspace ?? []),
		...MANDATORY_CONTACT_FIELDS.map((field) => {
			const property = contactFieldProperty(field, { required: options.mandatoryRequired });
			if (options.mandatoryRequired) return property;
			return {
				...property,
				description: `${property.description ?? field.displayName}. Needed only when a new contact is created.`,
			};
		}),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				contactStatusProperty,
				...OPTIONAL_CONTACT_FIELDS.map((field) => contactFieldProperty(field)),
			].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		messagingOptionsProperty,
		customFieldsProperty,
	];
}

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	contactProperties(),
);

/** POSTs a contact, active unless told otherwise; Whispir answers 201 with the stored contact, its `id` and `mri`. */
export async function createContact(
	context: IExecuteFunctions,
	contact: IDataObject,
	itemIndex: number,
	workspaceId: string | undefined,
): Promise<IDataObject> {
	const body: IDataObject = { status: 'A', ...contact };
	const { id, stored, notice } = await createRecord(context, {
		endpoint: ENDPOINTS.contact,
		workspaceId,
		body,
		itemIndex,
	});
	return { id, ...body, ...stored, ...notice };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contact = newContact(this, itemIndex);
	return await createContact(this, contact, itemIndex, optionalText(this, 'workspace', itemIndex));
}
