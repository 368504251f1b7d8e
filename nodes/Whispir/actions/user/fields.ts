import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	checkedPersonFields,
	PERSON_FIELDS,
	personFieldProperty,
	type PersonField,
} from '../personFields';

/**
 * A user's profile (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user, OpenAPI User schema): the profile fields users share with
 * contacts (personFields.ts), plus userName, password, middleName, nickname and status, described
 * once for Create, Update and the search filters.
 */

const USER_NAME: PersonField = {
	name: 'userName',
	displayName: 'Username',
	placeholder: 'e.g. John.Wick',
	description: 'The name the user signs in with',
};

const SHARED_FIELDS = PERSON_FIELDS.filter((field) => !field.contactsOnly);

/** Whispir's mandatory fields for a new user besides the username and password (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user, Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user). */
const REQUIRED_NAMES = ['firstName', 'lastName', 'workEmailAddress1', 'workMobilePhone1'];

const REQUIRED_FIELDS: readonly PersonField[] = [
	USER_NAME,
	...SHARED_FIELDS.filter((field) => REQUIRED_NAMES.includes(field.name)),
];

/** The optional fields: the other shared ones, and the names only users have. */
const OPTIONAL_FIELDS: readonly PersonField[] = [
	...SHARED_FIELDS.filter((field) => !REQUIRED_NAMES.includes(field.name)),
	{ name: 'middleName', displayName: 'Middle Name' },
	{
		name: 'nickname',
		displayName: 'Nickname',
		description: 'The preferred name Whispir shows the user',
	},
];

export const USER_FIELDS: readonly PersonField[] = [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS];

const byDisplayName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);
const property = (field: PersonField, required = false) =>
	personFieldProperty(field, { whose: 'user', required });

const PASSWORD_RULES =
	'at least 8 characters, only letters, digits and _, with an upper-case and a lower-case letter';

const passwordField: INodeProperties = {
	displayName: 'Password',
	name: 'password',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: `The password the user signs in with: ${PASSWORD_RULES}`,
};

/** Create's required fields, in the order a person fills them in. */
export const requiredFields: INodeProperties[] = [
	property(USER_NAME, true),
	{ ...passwordField, required: true },
	...REQUIRED_FIELDS.slice(1).map((field) => property(field, true)),
];

/** The optional profile fields, alphabetical as n8n shows collection options. */
export const profileFields: INodeProperties[] = OPTIONAL_FIELDS.map((field) =>
	property(field),
).sort(byDisplayName);

/** Update's fields: every profile field, the required ones and the password. */
export const updatableFields: INodeProperties[] = [
	...REQUIRED_FIELDS.map((field) => property(field)),
	passwordField,
	...profileFields,
].sort(byDisplayName);

const PASSWORD = /^[A-Za-z0-9_]{8,}$/;

/**
 * Checks the fields given for one item and returns them as Whispir wants them: trimmed, empty
 * ones left out, mobiles as digits. The password is kept as typed and never echoed in an error.
 */
export function cleanProfile(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const { password, ...profile } = fields;
	const newPassword = password === undefined || password === null ? '' : String(password);
	return {
		...(newPassword === '' ? {} : { password: assertPassword(context, newPassword, itemIndex) }),
		...checkedPersonFields(context, itemIndex, profile, USER_FIELDS),
	};
}

function assertPassword(context: IExecuteFunctions, password: string, itemIndex: number): string {
	if (!PASSWORD.test(password) || !/[A-Z]/.test(password) || !/[a-z]/.test(password)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Password" in item ${itemIndex} does not meet Whispir's rules`,
			{
				description: `Whispir needs ${PASSWORD_RULES}.`,
				itemIndex,
			},
		);
	}
	return password;
}

/** A user status as the API writes it in records (words) and in searches (letters, Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user). */
export const STATUSES = [
	{ name: 'Active', value: 'ACTIVE', code: 'A' },
	{ name: 'Deleted', value: 'DELETED', code: 'D' },
	{ name: 'Inactive', value: 'INACTIVE', code: 'I' },
	{ name: 'Pending', value: 'PENDING', code: 'P' },
	{ name: 'Suspended', value: 'SUSPENDED', code: 'B' },
];

/** Fields a person usually needs from a user record. */
export const SIMPLE_KEYS = [
	'userName',
	'firstName',
	'lastName',
	'status',
	'workEmailAddress1',
	'workMobilePhone1',
	'jobTitle',
	'companyName',
];

/** What the node outputs of a user: never the password (Whispir answers it blank anyway). */
export function withoutPassword(user: IDataObject): IDataObject {
	const shown = { ...user };
	delete shown.password;
	return shown;
}
