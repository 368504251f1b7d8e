import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	KEY_PERSON_FIELDS,
	OTHER_PERSON_FIELDS,
	PERSON_FIELDS,
	personFieldProperty,
	type PersonField,
} from '../personFields';

/**
 * A contact's fields: the profile fields contacts share with users (personFields.ts), all of them.
 * The six key fields are what the docs call mandatory for a new contact (OpenAPI `required`,
 * Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact).
 */
export const MANDATORY_CONTACT_FIELDS = KEY_PERSON_FIELDS;
export const OPTIONAL_CONTACT_FIELDS = OTHER_PERSON_FIELDS;
export const ALL_CONTACT_FIELDS = PERSON_FIELDS;

/** Custom fields travel as `custom_<Name>`, the form Whispir's search uses (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact). */
const CUSTOM_FIELD_PREFIX = 'custom_';

export function customFieldKey(name: string): string {
	const trimmed = name.trim();
	return trimmed.startsWith(CUSTOM_FIELD_PREFIX) ? trimmed : `${CUSTOM_FIELD_PREFIX}${trimmed}`;
}

export function contactField(name: string): PersonField | undefined {
	return ALL_CONTACT_FIELDS.find((field) => field.name === name);
}

/** A string property for one contact field, as shown in Create and in the Update collections. */
export function contactFieldProperty(
	field: PersonField,
	options: { required?: boolean } = {},
): INodeProperties {
	return personFieldProperty(field, { whose: 'contact', required: options.required });
}

/** The contact fields as dropdown options (search filters, sort, import mappings), sorted by name. */
export function contactFieldOptions(
	fields: readonly PersonField[] = ALL_CONTACT_FIELDS,
): INodePropertyOptions[] {
	return fields
		.map((field) => ({ name: field.displayName, value: field.name, description: field.name }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Status field (Active / Disabled), a dropdown rather than free text. */
export const contactStatusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'A' },
		{ name: 'Disabled', value: 'D' },
	],
	default: 'A',
	description: 'Whether Whispir may send to this contact',
};
