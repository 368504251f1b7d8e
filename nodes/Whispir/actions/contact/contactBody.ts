import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mergeRecords } from '../../helpers/records';
import { isBlank, optionalText, requiredText } from '../parameters';
import { checkedPersonFields } from '../personFields';
import { ALL_CONTACT_FIELDS, customFieldKey, MANDATORY_CONTACT_FIELDS } from './contactFields';
import { mergeMessagingOptions, messagingOptionsFromParameter } from './messagingOptions';

/** Custom fields as name/value pairs: Whispir sets them up per company on request. */
export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description:
		"Your company's own contact fields (for example a staff ID). Whispir sets these up on request.",
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
					description:
						'The custom field\'s name as Whispir shows it, with or without the "custom_" prefix',
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

/** Contact fields as Whispir wants them (see `checkedPersonFields`). */
export function checkedContactFields(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
): IDataObject {
	return checkedPersonFields(context, itemIndex, values, ALL_CONTACT_FIELDS);
}

/** The item's custom field pairs as `custom_<Name>` keys. */
function customFieldValues(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs =
		(context.getNodeParameter('customFields.field', itemIndex, []) as IDataObject[]) ?? [];
	const values: IDataObject = {};
	for (const [position, pair] of pairs.entries()) {
		const name = typeof pair.name === 'string' ? pair.name.trim() : '';
		if (name === '') {
			throw new NodeOperationError(
				context.getNode(),
				`"Custom Fields" entry ${position + 1} has no name in item ${itemIndex}`,
				{
					description: "Enter the custom field's name, for example StaffId, or remove the entry.",
					itemIndex,
				},
			);
		}
		if (!isBlank(pair.value)) values[customFieldKey(name)] = String(pair.value).trim();
	}
	return values;
}

/** The item's custom fields and messaging options (only the channels added), as a contact's keys. */
export function customAndMessagingFields(
	context: IExecuteFunctions,
	itemIndex: number,
): IDataObject {
	const fields = customFieldValues(context, itemIndex);
	const messagingoptions = messagingOptionsFromParameter(
		context.getNodeParameter('messagingOptions', itemIndex, {}) as IDataObject,
	);
	if (messagingoptions.length > 0) fields.messagingoptions = messagingoptions;
	return fields;
}

/** A whole new contact: the mandatory fields, then the additional, custom and messaging fields. */
export function newContact(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { mandatoryRequired: boolean } = { mandatoryRequired: true },
): IDataObject {
	const mandatory: IDataObject = {};
	for (const field of MANDATORY_CONTACT_FIELDS) {
		const text = options.mandatoryRequired
			? requiredText(context, field.name, itemIndex, field.displayName)
			: optionalText(context, field.name, itemIndex);
		if (text !== undefined) mandatory[field.name] = text;
	}
	const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return {
		...checkedContactFields(context, itemIndex, mandatory),
		...checkedContactFields(context, itemIndex, additional),
		...customAndMessagingFields(context, itemIndex),
	};
}

/**
 * Besides the fields every record has (helpers/records.ts), Whispir adds these to a contact and does not take
 * them back; `devices` are a sub-resource of their own (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact; Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact), so a contact update
 * never writes them.
 */
export const CONTACT_READ_ONLY_FIELDS = ['id', 'type', 'devices'];

/**
 * How changes are laid over a stored contact: as over any record, except that messaging options
 * merge per channel (a channel given replaces that channel, the others stay).
 */
export function mergeContact(current: IDataObject, changes: IDataObject): IDataObject {
	const { messagingoptions, ...fields } = changes;
	const merged = mergeRecords(current, fields);
	if (messagingoptions !== undefined) {
		merged.messagingoptions = mergeMessagingOptions(
			current.messagingoptions,
			messagingoptions as IDataObject[],
		);
	}
	return merged;
}
