import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertEmail, assertPhone } from '../validation';

/**
 * A user's profile fields (API doc L8203-8300: the contact-style fields plus userName, password,
 * middleName, nickname, status), described once for Create, Update and the search filters.
 */

/** [field, label]; the spellings are Whispir's, `workSetellitePhone` and `WorkOtherPhone` included. */
const PROFILE_FIELDS: Array<[string, string]> = [
	['companyName', 'Company Name'],
	['department', 'Department'],
	['division', 'Division'],
	['jobTitle', 'Job Title'],
	['middleName', 'Middle Name'],
	['nickname', 'Nickname'],
	['otherFirstName', 'Alias First Name'],
	['otherLastName', 'Alias Last Name'],
	['otherTitle', 'Alias Title'],
	['otherMobile', 'Other Mobile'],
	['otherPhone1', 'Other Phone'],
	['otherPhoneAreaCode1', 'Other Phone Area Code'],
	['personalAddress1', 'Personal Address Line 1'],
	['personalAddress2', 'Personal Address Line 2'],
	['personalCountry', 'Personal Country'],
	['personalEmailAddress1', 'Personal Email'],
	['personalEmailAddress2', 'Personal Email (Secondary)'],
	['personalFax1', 'Personal Fax'],
	['personalFaxAreaCode1', 'Personal Fax Area Code'],
	['personalPhone1', 'Personal Phone'],
	['personalPhone2', 'Personal Phone (Secondary)'],
	['personalPhoneAreaCode1', 'Personal Phone Area Code'],
	['personalPhoneAreaCode2', 'Personal Phone Area Code (Secondary)'],
	['personalPostCode', 'Personal Postcode'],
	['personalState', 'Personal State'],
	['personalSuburb', 'Personal Suburb'],
	['role1', 'Role'],
	['role2', 'Additional Role'],
	['teamName1', 'Team Name'],
	['teamName2', 'Additional Team Name'],
	['timezone', 'Timezone'],
	['title', 'Title'],
	['workAddress1', 'Work Address Line 1'],
	['workAddress2', 'Work Address Line 2'],
	['workCountry', 'Work Country'],
	['workEmailAddress2', 'Work Email (Secondary)'],
	['workFax1', 'Work Fax'],
	['workFaxAreaCode1', 'Work Fax Area Code'],
	['workMobilePhone2', 'Work Mobile (Secondary)'],
	['WorkOtherPhone', 'Work Other Phone'],
	['workPhone1', 'Work Phone'],
	['workPhone2', 'Work Phone (Secondary)'],
	['workPhoneAreaCode1', 'Work Phone Area Code'],
	['workPhoneAreaCode2', 'Work Phone Area Code (Secondary)'],
	['workPostalAddress1', 'Work Postal Address Line 1'],
	['workPostalAddress2', 'Work Postal Address Line 2'],
	['workPostalCountry', 'Work Postal Country'],
	['workPostalPostCode', 'Work Postal Postcode'],
	['workPostalState', 'Work Postal State'],
	['workPostalSuburb', 'Work Postal Suburb'],
	['workPostCode', 'Work Postcode'],
	['workSetellitePhone', 'Satellite Phone'],
	['workState', 'Work State'],
	['workSuburb', 'Work Suburb'],
];

/** The fields Create asks for up front; Update offers them among the others. */
const KEY_FIELDS: Array<[string, string]> = [
	['userName', 'Username'],
	['firstName', 'First Name'],
	['lastName', 'Last Name'],
	['workEmailAddress1', 'Work Email'],
	['workMobilePhone1', 'Work Mobile'],
];

const EMAIL_FIELDS = ['workEmailAddress1', 'workEmailAddress2', 'personalEmailAddress1', 'personalEmailAddress2'];
const MOBILE_FIELDS = ['workMobilePhone1', 'workMobilePhone2', 'otherMobile'];

const HINTS: Record<string, Partial<INodeProperties>> = {
	userName: { placeholder: 'e.g. John.Wick', description: 'The name the user signs in with' },
	firstName: { placeholder: 'e.g. John' },
	lastName: { placeholder: 'e.g. Wick' },
	workEmailAddress1: { placeholder: 'e.g. name@email.com', description: "The user's main work email" },
	workMobilePhone1: {
		placeholder: 'e.g. 61423456789',
		description: "The user's main mobile number with country code; spaces and a leading + are removed",
	},
	timezone: { placeholder: 'e.g. Australia/Melbourne', description: 'A Country/City zone, or an offset from GMT such as +10' },
};

function textField([name, displayName]: [string, string], required = false): INodeProperties {
	const email = EMAIL_FIELDS.includes(name);
	return {
		displayName,
		name,
		type: 'string',
		required,
		default: '',
		...(email ? { placeholder: 'e.g. name@email.com' } : {}),
		...HINTS[name],
	};
}

export const PASSWORD_RULES = 'at least 8 characters, only letters, digits and _, with an upper-case and a lower-case letter';

export const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: `The password the user signs in with: ${PASSWORD_RULES}`,
};

/** Create's required fields, in the order a person fills them in. */
export const requiredFields: INodeProperties[] = [
	textField(KEY_FIELDS[0], true),
	{ ...passwordField, required: true },
	...KEY_FIELDS.slice(1).map((field) => textField(field, true)),
];

/** The optional profile fields, alphabetical as n8n shows collection options. */
export const profileFields: INodeProperties[] = PROFILE_FIELDS.map((field) => textField(field));

/** Update's fields: every profile field, the key ones and the password. */
export const updatableFields: INodeProperties[] = [
	...KEY_FIELDS.map((field) => textField(field)),
	passwordField,
	...profileFields,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const LABELS: Record<string, string> = Object.fromEntries([...KEY_FIELDS, ...PROFILE_FIELDS, ['password', 'Password']]);

const PASSWORD = /^[A-Za-z0-9_]{8,}$/;

/**
 * Checks the fields given for one item and returns them as Whispir wants them: trimmed, empty
 * ones left out, mobiles as digits. The password is never echoed in an error.
 */
export function cleanProfile(context: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const clean: IDataObject = {};
	for (const [name, raw] of Object.entries(fields)) {
		if (raw === undefined || raw === null) continue;
		const value = name === 'password' ? String(raw) : String(raw).trim();
		if (value === '') continue;
		const label = LABELS[name] ?? name;
		if (EMAIL_FIELDS.includes(name)) clean[name] = assertEmail(context, value, itemIndex, label);
		else if (MOBILE_FIELDS.includes(name)) clean[name] = assertPhone(context, value, itemIndex, label);
		else if (name === 'password') clean[name] = assertPassword(context, value, itemIndex);
		else clean[name] = value;
	}
	return clean;
}

function assertPassword(context: IExecuteFunctions, password: string, itemIndex: number): string {
	if (!PASSWORD.test(password) || !/[A-Z]/.test(password) || !/[a-z]/.test(password)) {
		throw new NodeOperationError(context.getNode(), `"Password" in item ${itemIndex} does not meet Whispir's rules`, {
			description: `Whispir needs ${PASSWORD_RULES}.`,
			itemIndex,
		});
	}
	return password;
}

/** A user status as the API writes it in records (words) and in searches (letters, API doc L8505). */
export const STATUSES = [
	{ name: 'Active', value: 'ACTIVE', code: 'A' },
	{ name: 'Deleted', value: 'DELETED', code: 'D' },
	{ name: 'Inactive', value: 'INACTIVE', code: 'I' },
	{ name: 'Pending', value: 'PENDING', code: 'P' },
	{ name: 'Suspended', value: 'SUSPENDED', code: 'B' },
];

/** Fields a person usually needs from a user record. */
export const SIMPLE_KEYS = ['userName', 'firstName', 'lastName', 'status', 'workEmailAddress1', 'workMobilePhone1', 'jobTitle', 'companyName'];

/** What the node outputs of a user: never the password (Whispir answers it blank anyway). */
export function withoutPassword(user: IDataObject): IDataObject {
	const shown = { ...user };
	delete shown.password;
	return shown;
}
