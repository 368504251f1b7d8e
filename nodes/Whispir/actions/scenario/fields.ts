import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { emailFormatField } from '../common.descriptions';
import { typedRecipients } from '../message/recipients';

/** The optional parts of a scenario, shared by Create ("Additional Fields") and Update ("Update Fields"). */
export const scenarioOptionFields: INodeProperties[] = [
	{
		displayName: 'Allowed User IDs',
		name: 'allowedUserIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. BB9ECBE5BA73CD81,CC1ECBE5BA73CD82',
		description:
			'Comma-separated IDs of the users who may run the scenario. Only with "Who Can Run It" set to Selected Users.',
	},
	{
		displayName: 'Email Body',
		name: 'emailBody',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Email content. Whispir documents that the API creates SMS scenarios only, so this may be ignored.',
	},
	{
		displayName: 'Email Footer',
		name: 'emailFooter',
		type: 'string',
		default: '',
		description: 'Text below the email body, usually a signature',
	},
	emailFormatField,
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: 'e.g. Fire drill',
		description: 'A label for the messages the scenario sends, to find them in reports',
	},
	{
		displayName: 'Voice Body',
		name: 'voiceBody',
		type: 'string',
		default: '',
		description:
			'What the voice call reads out. Whispir documents that the API creates SMS scenarios only, so this may be ignored.',
	},
	{
		displayName: 'Voice Footer',
		name: 'voiceFooter',
		type: 'string',
		default: '',
		description: 'What the voice call reads out at the end',
	},
	{
		displayName: 'Voice Introduction',
		name: 'voiceHeader',
		type: 'string',
		default: '',
		description: 'What the voice call reads out first',
	},
	{
		displayName: 'Who Can Run It',
		name: 'allowedUsers',
		type: 'options',
		options: [
			{ name: 'Everyone', value: 'EVERYONE' },
			{ name: 'Selected Users', value: 'SELECTEDUSERS' },
		],
		default: 'EVERYONE',
		description:
			'Whether every user may run the scenario, or only the users listed in Allowed User IDs',
	},
];

function given(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

/** Sets `target[key]` to the trimmed text when the user gave some. */
function putText(target: IDataObject, key: string, value: unknown): void {
	if (given(value)) target[key] = value.trim();
}

/**
 * The fields the user filled in, shaped as Whispir's scenario: `name` and `title`, `description`,
 * `allowedUsers`, `allowedUserIds` and `message` with its `email` and `voice` sections.
 * Only given fields appear, so the result can be laid over a stored scenario.
 */
export function scenarioParts(fields: IDataObject): IDataObject {
	const message: IDataObject = {};
	// Recipients as Message → Send takes them: any separator, phone numbers as digits, each once.
	const to = [...new Set(typedRecipients(fields.to))].join(';');
	if (to !== '') message.to = to;
	for (const key of ['subject', 'body', 'label']) putText(message, key, fields[key]);
	const email: IDataObject = {};
	putText(email, 'body', fields.emailBody);
	putText(email, 'footer', fields.emailFooter);
	if (Object.keys(email).length > 0 || fields.emailType !== undefined)
		email.type = fields.emailType ?? 'text/plain';
	const voice: IDataObject = {};
	putText(voice, 'header', fields.voiceHeader);
	putText(voice, 'body', fields.voiceBody);
	putText(voice, 'footer', fields.voiceFooter);
	if (Object.keys(email).length > 0) message.email = email;
	if (Object.keys(voice).length > 0) message.voice = voice;

	// The field table and the OpenAPI (scenarioCreate, scenarioUpdate) require `name`, while every
	// request and answer in the docs' examples uses `title` (https://developers.whispir.com/c2NoOjM4OTQzOTIw-scenario):
	// both carry the name, so Whispir finds it whichever it reads.
	const scenario: IDataObject = {};
	putText(scenario, 'name', fields.title);
	putText(scenario, 'title', fields.title);
	putText(scenario, 'description', fields.description);
	if (fields.allowedUsers !== undefined) scenario.allowedUsers = fields.allowedUsers;
	putText(scenario, 'allowedUserIds', fields.allowedUserIds);
	if (Object.keys(message).length > 0) scenario.message = message;
	return scenario;
}

/** A stored scenario with its name under both keys (see scenarioParts), whichever Whispir answered with. */
export function withNameAndTitle(scenario: IDataObject): IDataObject {
	const name = scenario.name ?? scenario.title;
	return name === undefined ? scenario : { ...scenario, name, title: scenario.title ?? name };
}

/**
 * Allowed user IDs only go with "Selected Users", and "Selected Users" needs some (scenarioCreate: `allowedUserIds`).
 * Returns the scenario as Whispir takes it; bad combinations fail here, before anything is sent.
 */
export function checkAllowedUsers(
	context: IExecuteFunctions,
	scenario: IDataObject,
	itemIndex: number,
): IDataObject {
	const { allowedUserIds, ...rest } = scenario;
	if (rest.allowedUsers !== 'SELECTEDUSERS') return rest;
	if (!given(allowedUserIds)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Allowed User IDs" is empty in item ${itemIndex}`,
			{
				description:
					'With "Who Can Run It" set to Selected Users, enter the IDs of the users who may run the scenario.',
				itemIndex,
			},
		);
	}
	return { ...rest, allowedUserIds };
}
