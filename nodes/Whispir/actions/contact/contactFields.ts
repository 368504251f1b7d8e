import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';

/**
 * Every documented contact field (API doc L4135-4230, endpoints.md §2.7), described once so that
 * Create, Update, search filters, import mappings and messaging options offer the same list.
 * Other resources with the same profile (users) may import it.
 *
 * Sources disagree on a few names; the choice is noted where it is made:
 * - `personalMobilePhone1`/`2` are missing from the field list but used by messaging options,
 *   distribution-list rules and imports, so they are offered.
 * - The field list writes `workSetellitePhone` and `WorkOtherPhone`; Whispir's OpenAPI schema and the
 *   distribution-list rules write `workSatellitePhone` and `workOtherPhone`. We follow the schema.
 */
export interface ContactField {
	name: string;
	displayName: string;
	/** Checked before sending: an email address, or a mobile number (digits with country code). */
	kind?: 'email' | 'mobile';
	description?: string;
	placeholder?: string;
}

/** What the docs call mandatory for a new contact (OpenAPI `required`, API doc L4171-4190, L4885). */
export const MANDATORY_CONTACT_FIELDS: readonly ContactField[] = [
	{ name: 'firstName', displayName: 'First Name', placeholder: 'e.g. Jane' },
	{ name: 'lastName', displayName: 'Last Name', placeholder: 'e.g. Citizen' },
	{ name: 'workEmailAddress1', displayName: 'Work Email', kind: 'email', placeholder: 'e.g. jane@example.com' },
	{
		name: 'workMobilePhone1',
		displayName: 'Work Mobile',
		kind: 'mobile',
		placeholder: 'e.g. 61423456789',
		description: 'Mobile number with its country code. Spaces, dashes and a leading + are removed.',
	},
	{ name: 'workCountry', displayName: 'Work Country', placeholder: 'e.g. Australia' },
	{
		name: 'timezone',
		displayName: 'Timezone',
		placeholder: 'e.g. Australia/Melbourne or +10',
		description: 'A Country/City name or an offset from GMT. Whispir stores names as offsets, so "Australia/Melbourne" reads back as "+10".',
	},
];

const text = (name: string, displayName: string, placeholder?: string): ContactField => ({ name, displayName, placeholder });
const email = (name: string, displayName: string): ContactField => ({
	name,
	displayName,
	kind: 'email',
	placeholder: 'e.g. jane@example.com',
});
const mobile = (name: string, displayName: string): ContactField => ({
	name,
	displayName,
	kind: 'mobile',
	placeholder: 'e.g. 61423456789',
	description: 'Mobile number with its country code. Spaces, dashes and a leading + are removed.',
});

/** The other documented fields, in the order of Whispir's field list. */
export const OPTIONAL_CONTACT_FIELDS: readonly ContactField[] = [
	text('title', 'Title', 'e.g. Dr'),
	text('companyName', 'Company Name'),
	text('jobTitle', 'Job Title'),
	text('division', 'Division'),
	text('businessUnit', 'Business Unit'),
	text('department', 'Department'),
	text('teamName1', 'Team Name 1'),
	text('teamName2', 'Team Name 2'),
	text('role1', 'Role 1'),
	text('role2', 'Role 2'),
	email('workEmailAddress2', 'Work Email 2'),
	text('workAddress1', 'Work Address Line 1'),
	text('workAddress2', 'Work Address Line 2'),
	text('workSuburb', 'Work Suburb'),
	text('workState', 'Work State'),
	text('workPostCode', 'Work Post Code'),
	text('workPostalAddress1', 'Work Postal Address Line 1'),
	text('workPostalAddress2', 'Work Postal Address Line 2'),
	text('workPostalSuburb', 'Work Postal Suburb'),
	text('workPostalState', 'Work Postal State'),
	text('workPostalPostCode', 'Work Postal Post Code'),
	text('workPostalCountry', 'Work Postal Country'),
	mobile('workMobilePhone2', 'Work Mobile 2'),
	text('workPhoneAreaCode1', 'Work Phone Area Code', 'e.g. 03'),
	text('workPhone1', 'Work Phone', 'e.g. 96001234'),
	text('workPhoneAreaCode2', 'Work Phone 2 Area Code', 'e.g. 03'),
	text('workPhone2', 'Work Phone 2'),
	text('workFaxAreaCode1', 'Work Fax Area Code'),
	text('workFax1', 'Work Fax'),
	text('workSatellitePhone', 'Work Satellite Phone'),
	text('workOtherPhone', 'Work Other Phone'),
	email('personalEmailAddress1', 'Personal Email'),
	email('personalEmailAddress2', 'Personal Email 2'),
	mobile('personalMobilePhone1', 'Personal Mobile'),
	mobile('personalMobilePhone2', 'Personal Mobile 2'),
	text('personalAddress1', 'Personal Address Line 1'),
	text('personalAddress2', 'Personal Address Line 2'),
	text('personalSuburb', 'Personal Suburb'),
	text('personalState', 'Personal State'),
	text('personalPostCode', 'Personal Post Code'),
	text('personalCountry', 'Personal Country'),
	text('personalPhoneAreaCode1', 'Personal Phone Area Code'),
	text('personalPhone1', 'Personal Phone'),
	text('personalPhoneAreaCode2', 'Personal Phone 2 Area Code'),
	text('personalPhone2', 'Personal Phone 2'),
	text('personalFaxAreaCode1', 'Personal Fax Area Code'),
	text('personalFax1', 'Personal Fax'),
	text('otherPhoneAreaCode1', 'Other Phone Area Code'),
	text('otherPhone1', 'Other Phone'),
	mobile('otherMobile', 'Other Mobile'),
	text('otherFirstName', 'Alias First Name'),
	text('otherLastName', 'Alias Last Name'),
	text('otherTitle', 'Alias Title'),
];

export const ALL_CONTACT_FIELDS: readonly ContactField[] = [...MANDATORY_CONTACT_FIELDS, ...OPTIONAL_CONTACT_FIELDS];

/** Custom fields travel as `custom_<Name>`, the form Whispir's search uses (API doc L4437). */
export const CUSTOM_FIELD_PREFIX = 'custom_';

export function customFieldKey(name: string): string {
	const trimmed = name.trim();
	return trimmed.startsWith(CUSTOM_FIELD_PREFIX) ? trimmed : `${CUSTOM_FIELD_PREFIX}${trimmed}`;
}

export function contactField(name: string): ContactField | undefined {
	return ALL_CONTACT_FIELDS.find((field) => field.name === name);
}

/** A string property for one contact field, as shown in Create and in the Update collections. */
export function contactFieldProperty(field: ContactField, options: { required?: boolean } = {}): INodeProperties {
	const defaultDescription =
		field.kind === 'email' ? `The contact's ${field.displayName.toLowerCase()} address` : `The contact's ${field.displayName.toLowerCase()}`;
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		...(field.kind === 'email' ? { placeholder: 'name@email.com' } : field.placeholder ? { placeholder: field.placeholder } : {}),
		required: options.required ?? false,
		default: '',
		description: field.description ?? defaultDescription,
	};
}

/** The contact fields as dropdown options (search filters, sort, import mappings), sorted by name. */
export function contactFieldOptions(fields: readonly ContactField[] = ALL_CONTACT_FIELDS): INodePropertyOptions[] {
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

/** The contact an operation works on, picked from the workspace's contacts or given by ID. */
export const contactLocator = idLocator({ name: 'contactId', displayName: 'Contact', searchListMethod: 'searchContacts' });
