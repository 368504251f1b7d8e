import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ID_PATTERN } from '../common.descriptions';
import { isOn, splitIds, wholeNumber } from '../parameters';
import { isPemBlock, normalizePem } from './pem';

/** An app's fields (Whispir's Apps docs: https://developers.whispir.com), described once for Create and Update. */

export const nameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	placeholder: 'e.g. Field Alerts',
	description: 'The app name shown in Whispir: letters, digits and spaces, at most 32 characters',
};

export const bundleIdField: INodeProperties = {
	displayName: 'Bundle ID',
	name: 'bundleId',
	type: 'string',
	default: '',
	placeholder: 'e.g. com.example.fieldalerts',
	description: "The app's bundle ID (iOS) or package name (Android)",
};

/** The optional settings; Update offers them with the name and bundle ID. */
export const settingFields: INodeProperties[] = [
	{
		displayName: 'API Key',
		name: 'apiKey',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'A unique name for usage monitoring. Whispir generates one when left empty.',
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'The password tied to the API key: up to 64 letters, digits and dots',
	},
	{
		displayName: 'Contact Description Field',
		name: 'contactDescriptionField',
		type: 'string',
		default: '',
		placeholder: 'e.g. jobTitle',
		description: 'The contact field the mobile app shows to tell apart contacts with the same name',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		placeholder: 'e.g. Push alerts for field staff',
	},
	{
		displayName: 'Device Limit',
		name: 'deviceLimit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3,
		description: 'How many devices one contact may register for this app (Whispir allows up to 10)',
	},
	{
		displayName: 'Enable in Default Workspace',
		name: 'defaultWorkspaceEnabled',
		type: 'boolean',
		default: false,
		description: 'Whether the app can be used in the default workspace ("My Company")',
	},
	{
		displayName: 'Registration Types',
		name: 'registrationTypes',
		type: 'multiOptions',
		options: [
			{
				name: 'Invite',
				value: 'INVITE',
				description: "Whispir's mobile SDK in the app registers the device itself",
			},
			{
				name: 'Self',
				value: 'SELF',
				description: 'You give Whispir the push tokens (the usual case)',
			},
		],
		default: ['SELF'],
		description: 'How devices get registered for this app',
	},
	{
		displayName: 'Workspace IDs',
		name: 'workspaces',
		type: 'string',
		default: '',
		placeholder: 'e.g. 46FEEB0398DDCE9A,EBDCE9A46FE0398D',
		description: 'The workspaces where messages can use this app, separated by commas',
	},
];

const OPTIONS_KEYS = [
	'apiKey',
	'clientSecret',
	'deviceLimit',
	'workspaces',
	'contactDescriptionField',
];

function pemField(displayName: string, name: string, kind: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		default: '',
		placeholder: `-----BEGIN ${kind}-----`,
		description: `The ${kind.toLowerCase()} in PEM form, pasted as it is (several lines are fine). Whispir never shows it again.`,
	};
}

/** Where each push credential goes in Whispir's body, and what a PEM one must contain. */
const PUSH_CREDENTIALS: Array<{
	name: string;
	group: string;
	key: string;
	label: string;
	pem?: 'CERTIFICATE' | 'PRIVATE KEY';
}> = [
	{
		name: 'apnsCertificate',
		group: 'apns',
		key: 'certificate',
		label: 'APNs Certificate',
		pem: 'CERTIFICATE',
	},
	{
		name: 'apnsPrivateKey',
		group: 'apns',
		key: 'privateKey',
		label: 'APNs Private Key',
		pem: 'PRIVATE KEY',
	},
	{
		name: 'apnsSandboxCertificate',
		group: 'apnsSandbox',
		key: 'certificate',
		label: 'APNs Sandbox Certificate',
		pem: 'CERTIFICATE',
	},
	{
		name: 'apnsSandboxPrivateKey',
		group: 'apnsSandbox',
		key: 'privateKey',
		label: 'APNs Sandbox Private Key',
		pem: 'PRIVATE KEY',
	},
	// The field table and JSON example say gcmProjectId; the XML and PUT examples gcmProjectNumber. The table is followed.
	{ name: 'gcmProjectId', group: 'gcm', key: 'gcmProjectId', label: 'GCM Project ID' },
	{ name: 'gcmSenderNumber', group: 'gcm', key: 'gcmSenderNumber', label: 'GCM Sender Number' },
	{ name: 'gcmApiKey', group: 'gcm', key: 'gcmApiKey', label: 'GCM API Key' },
];

export const pushCredentialsField: INodeProperties = {
	displayName: 'Push Credentials',
	name: 'pushCredentials',
	type: 'collection',
	placeholder: 'Add Credential',
	default: {},
	description:
		'Apple (APNs) and Google (GCM/FCM) push credentials. Whispir stores them and never returns them.',
	options: [
		pemField('APNs Certificate', 'apnsCertificate', 'CERTIFICATE'),
		pemField('APNs Private Key', 'apnsPrivateKey', 'PRIVATE KEY'),
		pemField('APNs Sandbox Certificate', 'apnsSandboxCertificate', 'CERTIFICATE'),
		pemField('APNs Sandbox Private Key', 'apnsSandboxPrivateKey', 'PRIVATE KEY'),
		{
			displayName: 'GCM API Key',
			name: 'gcmApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The server key from the Google (Firebase) Cloud Messaging console',
		},
		{
			displayName: 'GCM Project ID',
			name: 'gcmProjectId',
			type: 'string',
			default: '',
			placeholder: 'e.g. my-sample-project',
			description: 'The project ID from the Google (Firebase) Cloud Messaging console',
		},
		{
			displayName: 'GCM Sender Number',
			name: 'gcmSenderNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1000202045211',
			description: 'The sender ID from the Google (Firebase) Cloud Messaging console',
		},
	],
};

function invalid(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	fix: string,
	value?: string,
) {
	const shown = value === undefined ? '' : `: "${value}"`;
	return new NodeOperationError(
		context.getNode(),
		`"${label}" in item ${itemIndex} is not valid${shown}`,
		{
			description: fix,
			itemIndex,
		},
	);
}

const APP_NAME = /^[A-Za-z0-9 ]{1,32}$/;
const CLIENT_SECRET = /^[A-Za-z0-9.]{1,64}$/;
const ID = new RegExp(ID_PATTERN);

/**
 * Whispir's app body from the fields given for one item, checked before anything is sent. Only the
 * fields given appear, so the same code serves Create and the changes of Update.
 */
export function appBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	credentials: IDataObject,
): IDataObject {
	const body: IDataObject = {};
	const text = (value: unknown) =>
		value === undefined || value === null ? '' : String(value).trim();

	if (fields.name !== undefined) {
		// The doc says "alphanumeric" but its own sample is "My Awesome Application": spaces are allowed.
		if (!APP_NAME.test(text(fields.name))) {
			throw invalid(
				context,
				itemIndex,
				'Name',
				'Use only letters, digits and spaces, at most 32 characters.',
				text(fields.name),
			);
		}
		body.name = text(fields.name);
	}
	for (const key of ['bundleId', 'description'])
		if (fields[key] !== undefined) body[key] = text(fields[key]);
	if (fields.defaultWorkspaceEnabled !== undefined)
		body.defaultWorkspaceEnabled = isOn(fields.defaultWorkspaceEnabled);
	if (fields.registrationTypes !== undefined) body.registrationTypes = fields.registrationTypes;

	const options: IDataObject = {};
	for (const key of OPTIONS_KEYS) {
		if (fields[key] === undefined || text(fields[key]) === '') continue;
		options[key] =
			key === 'deviceLimit'
				? wholeNumber(context, fields[key], { label: 'Device Limit', min: 1 }, itemIndex)
				: text(fields[key]);
	}
	if (options.clientSecret !== undefined && !CLIENT_SECRET.test(String(options.clientSecret))) {
		// The secret itself is not repeated in the message.
		throw invalid(context, itemIndex, 'Client Secret', 'Use at most 64 letters, digits and dots.');
	}
	if (options.workspaces !== undefined) {
		const ids = splitIds(options.workspaces);
		const bad = ids.find((id) => !ID.test(id));
		if (bad !== undefined)
			throw invalid(
				context,
				itemIndex,
				'Workspace IDs',
				'Enter workspace IDs separated by commas.',
				bad,
			);
		options.workspaces = ids.join(',');
	}
	if (Object.keys(options).length > 0) body.options = options;

	for (const { name, group, key, label, pem } of PUSH_CREDENTIALS) {
		const given = text(credentials[name]);
		if (given === '') continue;
		const value = pem ? normalizePem(given) : given;
		if (pem && !isPemBlock(value, pem)) {
			throw invalid(
				context,
				itemIndex,
				label,
				`Paste the whole ${pem.toLowerCase()}, from its -----BEGIN … ${pem}----- line to its -----END … ${pem}----- line.`,
			);
		}
		body[group] = { ...(body[group] as IDataObject | undefined), [key]: value };
	}
	return body;
}

/** The secrets inside each group of an app record. */
const SECRET_KEYS: Record<string, string[]> = {
	apns: ['certificate', 'privateKey'],
	apnsSandbox: ['certificate', 'privateKey'],
	gcm: ['gcmApiKey'],
	options: ['clientSecret'],
};

/** Never output a certificate, private key or secret, whatever Whispir or the user gave. */
export function withoutSecrets(app: IDataObject): IDataObject {
	const shown: IDataObject = { ...app };
	for (const [group, keys] of Object.entries(SECRET_KEYS)) {
		const value = shown[group];
		if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
		const kept = { ...(value as IDataObject) };
		for (const key of keys) delete kept[key];
		shown[group] = kept;
	}
	return shown;
}
