import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isBlank } from './parameters';
import { assertEmail, assertPhone } from './validation';

/**
 * The profile fields Whispir's contacts and users share (contacts: Whispir's Contacts docs,
 * https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact; users: Whispir's Users docs,
 * https://developers.whispir.com/c2NoOjU4ODQwOQ-user, "the same contact-style fields"), described once so that
 * Create, Update, search filters, import mappings and messaging options offer the same list.
 *
 * Sources disagree on a few names; the choice is noted where it is made:
 * - `personalMobilePhone1`/`2` are missing from the contact field list but used by messaging options,
 *   distribution-list rules and imports, so contacts offer them. Nothing documents them for users.
 * - Both field lists write `workSetellitePhone` and `WorkOtherPhone`; Whispir's OpenAPI Contact and
 *   User schemas write `workSatellitePhone` and `workOtherPhone` (the distribution-list rules agree on
 *   `workOtherPhone` only). We follow the schemas.
 */
export interface PersonField {
	name: string;
	displayName: string;
	/** Checked before sending: an email address, or a mobile number (digits with country code). */
	kind?: 'email' | 'mobile';
	description?: string;
	placeholder?: string;
	/** Documented for contacts only. */
	contactsOnly?: boolean;
}

const text = (name: string, displayName: string, placeholder?: string): PersonField => ({
	name,
	displayName,
	placeholder,
});
const email = (name: string, displayName: string): PersonField => ({
	name,
	displayName,
	kind: 'email',
});
const mobile = (name: string, displayName: string): PersonField => ({
	name,
	displayName,
	kind: 'mobile',
	placeholder: 'e.g. 61423456789',
	description: 'Mobile number with its country code. Spaces, dashes and a leading + are removed.',
});

/** The names and ways to reach a person: a new contact needs all six, a new user the first four. */
export const KEY_PERSON_FIELDS: readonly PersonField[] = [
	text('firstName', 'First Name', 'e.g. Jane'),
	text('lastName', 'Last Name', 'e.g. Citizen'),
	email('workEmailAddress1', 'Work Email'),
	mobile('workMobilePhone1', 'Work Mobile'),
	text('workCountry', 'Work Country', 'e.g. Australia'),
	{
		name: 'timezone',
		displayName: 'Timezone',
		placeholder: 'e.g. Australia/Melbourne or +10',
		description:
			'A Country/City name or an offset from GMT. Whispir stores names as offsets, so "Australia/Melbourne" may read back as "+10".',
	},
];

/** The other documented fields, in the order of Whispir's field list. */
export const OTHER_PERSON_FIELDS: readonly PersonField[] = [
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
	{ ...mobile('personalMobilePhone1', 'Personal Mobile'), contactsOnly: true },
	{ ...mobile('personalMobilePhone2', 'Personal Mobile 2'), contactsOnly: true },
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

export const PERSON_FIELDS: readonly PersonField[] = [...KEY_PERSON_FIELDS, ...OTHER_PERSON_FIELDS];

/** A string property for one field, as shown in Create and in the Update collections. */
export function personFieldProperty(
	field: PersonField,
	options: { whose: 'contact' | 'user'; required?: boolean },
): INodeProperties {
	const what = field.displayName.toLowerCase();
	const defaultDescription =
		field.kind === 'email'
			? `The ${options.whose}'s ${what} address`
			: `The ${options.whose}'s ${what}`;
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'string',
		...(field.kind === 'email'
			? { placeholder: 'name@email.com' }
			: field.placeholder
				? { placeholder: field.placeholder }
				: {}),
		required: options.required ?? false,
		default: '',
		description: field.description ?? defaultDescription,
	};
}

/**
 * Field values as Whispir wants them: trimmed text, emails and mobiles checked (mobiles as digits),
 * empty values left out so that a blank spreadsheet cell never erases a stored value. Names not in
 * `fields` (custom fields, a user's status) pass through trimmed.
 */
export function checkedPersonFields(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
	fields: readonly PersonField[],
): IDataObject {
	const checked: IDataObject = {};
	for (const [name, raw] of Object.entries(values)) {
		if (isBlank(raw)) continue;
		const field = fields.find((candidate) => candidate.name === name);
		const value = typeof raw === 'string' ? raw.trim() : raw;
		if (field?.kind === 'email')
			checked[name] = assertEmail(context, String(value), itemIndex, field.displayName);
		else if (field?.kind === 'mobile')
			checked[name] = assertPhone(context, String(value), itemIndex, field.displayName);
		else checked[name] = typeof value === 'number' ? String(value) : value;
	}
	return checked;
}
