import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { emailFormatField, idLocator, textOrHtmlOptions } from '../common.descriptions';
import { voiceType } from '../message/content';
import { isOn, locatorValue } from '../parameters';

/**
 * The optional parts of a template, shared by Create ("Additional Fields") and Update ("Update
 * Fields"). They are flat fields named after their channel ("Email Body", "Voice Body"…) so that a
 * user sees every option in one list; `templateParts` turns them into Whispir's nested sections.
 */

const responseRuleField: INodeProperties = idLocator({
	name: 'responseTemplateId',
	displayName: 'Response Rule',
	searchListMethod: 'searchResponseRules',
	required: false,
	description:
		'The response rule that sorts replies to messages sent with this template into categories',
});

export const templatePartFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'messageTemplateDescription',
		type: 'string',
		default: '',
		placeholder: 'e.g. Reminder sent the day before an appointment',
		description: 'What the template is for, so that colleagues know when to use it',
	},
	{
		displayName: 'Email Body',
		name: 'emailBody',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'The content of the email. The subject above is the email subject. @@tags@@ are filled in when sending.',
	},
	{
		displayName: 'Email Footer',
		name: 'emailFooter',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Text added below the email body, usually a signature',
	},
	emailFormatField,
	{
		displayName: 'Push Escalation Minutes',
		name: 'pushEscalationMins',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		description:
			'Minutes to wait for an answer to the push notification before falling back to other channels',
	},
	{
		displayName: 'Push Notifications',
		name: 'pushNotifications',
		type: 'boolean',
		default: true,
		description:
			'Whether messages sent with this template also go out as push notifications (needs a push app in Whispir)',
	},
	{
		displayName: 'Reject Replies',
		name: 'rejectReplies',
		type: 'boolean',
		default: false,
		description:
			'Whether replies to messages sent with this template are refused (Whispir type "defaultNoReply")',
	},
	responseRuleField,
	{
		displayName: 'Voice Body',
		name: 'voiceBody',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What the voice call reads out after the recipient presses a key',
	},
	{
		displayName: 'Voice Footer',
		name: 'voiceFooter',
		type: 'string',
		default: '',
		description: 'What the voice call reads out at the end, e.g. a thank you',
	},
	{
		displayName: 'Voice Introduction',
		name: 'voiceHeader',
		type: 'string',
		default: '',
		description: 'What the voice call reads out first, before any key press',
	},
	{
		displayName: 'Web Body',
		name: 'webBody',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Content of the web page (Rich Message) that @@web_link@@ in the SMS or email points to',
	},
	{
		displayName: 'Web Format',
		name: 'webType',
		type: 'options',
		options: textOrHtmlOptions,
		default: 'text/html',
		description: 'Whether the web body is plain text or HTML',
	},
];

/** Puts `value` under `section.key` only when the user gave it. */
function put(target: IDataObject, section: string, key: string, value: unknown): void {
	if (value === undefined || value === '') return;
	target[section] = { ...(target[section] as IDataObject | undefined), [key]: value };
}

/**
 * The template parts the user filled in, shaped as Whispir's template: `email`, `voice`, `web`
 * sections, `features.pushOptions`, `type`, `responseTemplateId`. Only given fields appear, so the
 * result can be laid over a stored template without erasing anything else.
 */
export function templateParts(fields: IDataObject): IDataObject {
	const parts: IDataObject = {};
	if (fields.messageTemplateDescription !== undefined)
		parts.messageTemplateDescription = fields.messageTemplateDescription;
	const responseRule = locatorValue(fields.responseTemplateId);
	if (responseRule !== undefined) parts.responseTemplateId = responseRule;
	if (fields.rejectReplies !== undefined)
		parts.type = isOn(fields.rejectReplies) ? 'defaultNoReply' : '';

	put(parts, 'email', 'body', fields.emailBody);
	put(parts, 'email', 'footer', fields.emailFooter);
	put(parts, 'email', 'type', fields.emailType);
	// Whispir needs the format of an email it sends; plain text unless told otherwise.
	if (parts.email && !(parts.email as IDataObject).type && fields.emailBody)
		put(parts, 'email', 'type', 'text/plain');
	put(parts, 'voice', 'header', fields.voiceHeader);
	put(parts, 'voice', 'body', fields.voiceBody);
	put(parts, 'voice', 'footer', fields.voiceFooter);
	put(parts, 'web', 'body', fields.webBody);
	put(parts, 'web', 'type', fields.webType);
	if (parts.web && !(parts.web as IDataObject).type && fields.webBody)
		put(parts, 'web', 'type', 'text/html');

	const pushOptions: IDataObject = {};
	if (fields.pushNotifications !== undefined)
		pushOptions.notifications = fields.pushNotifications ? 'enabled' : 'disabled';
	// Whispir sends numbers as strings here ("escalationMins": "3" in the docs' template example).
	if (fields.pushEscalationMins !== undefined)
		pushOptions.escalationMins = String(fields.pushEscalationMins);
	if (Object.keys(pushOptions).length > 0) parts.features = { pushOptions };
	return parts;
}

/**
 * The template with a voice `type`: Whispir's templateCreate / templateUpdate require it in the voice
 * part, and the docs' template example sends it empty, as here: no teleconference
 * (https://developers.whispir.com/c2NoOjM0ODAzNDA4-template).
 */
export function withVoiceType(template: IDataObject): IDataObject {
	const voice = (template.voice ?? {}) as IDataObject;
	return voice.type ? template : { ...template, voice: { ...voice, type: voiceType({}) } };
}

/** Whether the template has some content to send: an SMS body or a body in one of the channel sections. */
export function hasSomeBody(template: IDataObject): boolean {
	const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
	return (
		filled(template.body) ||
		['email', 'voice', 'web'].some((section) =>
			filled((template[section] as IDataObject | undefined)?.body),
		)
	);
}
