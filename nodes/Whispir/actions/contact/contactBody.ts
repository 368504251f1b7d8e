import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertEmail, assertPhone } from '../validation';
import { contactField, customFieldKey, MANDATORY_CONTACT_FIELDS } from './contactFields';
import { mergeMessagingOptions, messagingOptionsFromParameter } from './messagingOptions';
import { requiredText } from '../parameters';

/** Custom fields as name/value pairs: Whispir sets them up per company on request. */
export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description: "Your company's own contact fields (for example a staff ID). Whispir sets these up on request.",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. StaffId',
					description: 'The custom field\'s name as Whispir shows it, with or without the "custom_" prefix',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'The value to store. Empty values are skipped.',
				},
			],
		},
	],
};

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Contact fields as Whispir wants them: trimmed text, emails and mobiles checked (mobiles as digits),
 * empty values left out so that a blank spreadsheet cell never erases a stored value.
 */
export function checkedContactFields(context: IExecuteFunctions, itemIndex: number, values: IDataObject): IDataObject {
	const contact: IDataObject = {};
	for (const [name, raw] of Object.entries(values)) {
		if (isBlank(raw)) continue;
		const field = contactField(name);
		const value = typeof raw === 'string' ? raw.trim() : raw;
		if (field?.kind === 'email') contact[name] = assertEmail(context, String(value), itemIndex, field.displayName);
		else if (field?.kind === 'mobile') contact[name] = assertPhone(context, String(value), itemIndex, field.displayName);
		else contact[name] = typeof value === 'number' ? String(value) : value;
	}
	return contact;
}

/** The item's custom field pairs as `custom_<Name>` keys. */
export function customFieldValues(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = (context.getNodeParameter('customFields.field', itemIndex, []) as IDataObject[]) ?? [];
	const values: IDataObject = {};
	for (const [position, pair] of pairs.entries()) {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (name === '') {
			throw new NodeOperationError(context.getNode(), `"Custom Fields" entry ${position + 1} has no name in item ${itemIndex}`, {
				description: 'Enter the custom field\'s name, for example StaffId, or remove the entry.',
				itemIndex,
			});
		}
		if (!isBlank(pair.value)) values[customFieldKey(name)] = String(pair.value).trim();
	}
	return values;
}

/** The item's messaging options (only the channels added). */
export function messagingOptionValues(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	return messagingOptionsFromParameter(context.getNodeParameter('messagingOptions', itemIndex, {}) as IDataObject);
}

/** A whole new contact: the mandatory fields, then the additional, custom and messaging fields. */
export function newContact(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mandatory: IDataObject = {};
	for (const field of MANDATORY_CONTACT_FIELDS) {
		mandatory[field.name] = requiredText(context, field.name, itemIndex, field.displayName);
	}
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const contact: IDataObject = {
		...checkedContactFields(context, itemIndex, mandatory),
		...checkedContactFields(context, itemIndex, additional),
		...customFieldValues(context, itemIndex),
	};
	const messagingoptions = messagingOptionValues(context, itemIndex);
	if (messagingoptions.length > 0) contact.messagingoptions = messagingoptions;
	return contact;
}

/**
 * Whispir adds these to its answers and does not take them back; `devices` are a sub-resource of
 * their own (endpoints.md §2.7, §2.8), so a contact update never writes them.
 */
const READ_ONLY_CONTACT_FIELDS = ['id', 'link', 'mri', 'type', 'lastModifiedTime', 'createdTime', 'devices'];

/**
 * The record to PUT: the stored contact with the changes laid over it. Whispir's PUT replaces the
 * whole record, so every field not changed must be written back as it was (custom fields included,
 * which is why the read asks for `customFields=true`). Messaging options merge per channel.
 */
export function mergeContact(current: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...current };
	for (const key of READ_ONLY_CONTACT_FIELDS) delete merged[key];
	for (const [key, value] of Object.entries(changes)) {
		merged[key] = key === 'messagingoptions' ? mergeMessagingOptions(current.messagingoptions, value as IDataObject[]) : value;
	}
	return merged;
}
