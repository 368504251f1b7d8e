import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { emailFormatField, idLocator, textOrHtmlOptions } from '../common.descriptions';
import { optionalText, wholeNumber } from '../parameters';
import { inputError } from '../validation';
import { rcsFields, readRcs } from './rcs';
import { readWhatsApp, whatsappFields } from './whatsapp';

/**
 * What a message says, channel by channel (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): shared by Send and Send Bulk.
 * The SMS text and subject are always there; every other channel is added through "Channels"
 * and then shows its own fields.
 */

const show = (channel: string) => ({ show: { channels: [channel] } });

/**
 * The channels Send offers. Send Bulk takes email, voice and web (Whispir's Messages docs:
 * https://developers.whispir.com/c2NoOjE0NDgyNjQ-message), and WhatsApp and RCS: a
 * `bulkmessage-v1` body is the same `Message` schema in the OpenAPI (messageCreate), and the
 * `WhatsApp` schema's x-examples include bulk sends; recipients come from the SMS column.
 */
const CHANNEL_OPTIONS = [
	{
		name: 'Email',
		value: 'email',
		description: 'An email, as plain text or HTML, with attachments',
	},
	{
		name: 'Push Notification',
		value: 'push',
		description: "A push notification to the contact's devices registered with one of your apps",
	},
	{
		name: 'RCS',
		value: 'rcs',
		description:
			'A Rich Communication Services message (text, media or rich cards with buttons), with an SMS template as fallback',
	},
	{
		name: 'Rich Message / Web Page',
		value: 'web',
		description:
			'A web page: linked from the SMS or email with @@web_link@@, or published to your web destinations',
	},
	{
		name: 'Social Media',
		value: 'social',
		description: 'Posts to the Twitter and Facebook pages configured in Whispir',
	},
	{
		name: 'Voice Call',
		value: 'voice',
		description: 'A text-to-speech phone call, optionally with a teleconference',
	},
	{
		name: 'WhatsApp',
		value: 'whatsapp',
		description: 'An approved WhatsApp template with its values, header media and buttons',
	},
];

export function contentFields(options: { bulk: boolean }): INodeProperties[] {
	const channels = options.bulk
		? CHANNEL_OPTIONS.filter((o) => ['email', 'rcs', 'voice', 'web', 'whatsapp'].includes(o.value))
		: CHANNEL_OPTIONS;
	const fields: INodeProperties[] = [
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. Appointment reminder',
			description:
				'The first line of the SMS and voice call, and the email subject. Can be empty when a template is used.',
		},
		{
			displayName: 'SMS Text',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'e.g. Your appointment is tomorrow at 10:00. Reply YES to confirm.',
			description:
				'The text message sent to phone numbers (up to 1,600 characters; some countries allow fewer). Also the text of a push notification. Leave empty to send no SMS.',
		},
		{
			displayName: 'Channels',
			name: 'channels',
			type: 'multiOptions',
			options: channels,
			default: [],
			description: 'Other channels to send the message on, besides SMS. Each adds its own fields.',
		},
		{
			displayName: 'Email Body',
			name: 'emailBody',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			required: true,
			displayOptions: show('email'),
			placeholder: 'e.g. <p>Hello, your invoice is attached.</p>',
			description: 'The content of the email',
		},
		{ ...emailFormatField, displayOptions: show('email') },
		{
			displayName: 'Email Footer',
			name: 'emailFooter',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			displayOptions: show('email'),
			placeholder: 'e.g. Kind regards, the Service Desk',
			description: 'Text added below the email body, usually a signature',
		},
		{
			displayName: 'Email Unsubscribe',
			name: 'emailOptOut',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show('email'),
			description:
				'The List-Unsubscribe headers that email list rules expect of bulk senders (RFC 2369, RFC 8058)',
			options: [
				{
					displayName: 'One-Click API Mapping',
					name: 'oneClickApiMapping',
					type: 'string',
					default: '',
					placeholder: 'e.g. 2ab64862',
					description:
						'The code of an existing API Mapping (API Mapping page in Whispir) that runs when a recipient unsubscribes with one click. Needs an Unsubscribe URL.',
				},
				{
					displayName: 'Unsubscribe URL',
					name: 'rmsUnsubscribeUrl',
					type: 'string',
					default: '',
					placeholder: 'e.g. @@web_link@@#unsubscribe',
					description:
						'The page that unsubscribes the recipient, usually the unsubscribe part of the web page content',
				},
			],
		},
		{
			displayName: 'Voice Introduction',
			name: 'voiceHeader',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show('voice'),
			placeholder: 'e.g. This is an urgent message from the Service Desk',
			description:
				'Read out when the call is answered, before the recipient presses a key to hear the message',
		},
		{
			displayName: 'Voice Message',
			name: 'voiceBody',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			displayOptions: show('voice'),
			placeholder: 'e.g. The data centre is down. Please join the bridge.',
			description: 'Read out after the subject once the recipient accepted the call',
		},
		{
			displayName: 'Voice Options',
			name: 'voiceOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: show('voice'),
			options: [
				{
					displayName: 'Closing Text',
					name: 'footer',
					type: 'string',
					default: '',
					description: 'Read out at the end of the call',
				},
				{
					displayName: 'Message Retrieval PIN',
					name: 'pin',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'A PIN recipients enter to hear the message (the @@pin@@ tag)',
				},
				{
					displayName: 'Teleconference Account',
					name: 'confAccountNo',
					type: 'string',
					default: '',
					placeholder: 'e.g. 12345678',
					description: 'The account or room number of the conference line',
				},
				{
					displayName: 'Teleconference Moderator PIN',
					name: 'confModPinNo',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: "The moderator's PIN for the conference",
				},
				{
					displayName: 'Teleconference Number',
					name: 'confCall',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1800500536',
					description: 'Connects every recipient to this conference line after the message',
				},
				{
					displayName: 'Teleconference PIN',
					name: 'confPinNo',
					type: 'string',
					typeOptions: { password: true },
					default: '',
					description: 'The PIN participants enter for the conference',
				},
			],
		},
		{
			displayName: 'Web Page Content',
			name: 'webBody',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			required: true,
			displayOptions: show('web'),
			placeholder: "e.g. <div><p>Hi, here's the full incident report…</p></div>",
			description:
				'The page recipients open through the link that replaces @@web_link@@ in the SMS or email text (a rich message), and the content published to your web destinations. @@tags@@ do not work in it; images and other assets must be hosted elsewhere.',
		},
		{
			displayName: 'Web Page Format',
			name: 'webType',
			type: 'options',
			options: textOrHtmlOptions,
			default: 'text/html',
			displayOptions: show('web'),
			description: 'Whether the web page content is HTML or plain text',
		},
		...whatsappFields(options),
		...rcsFields,
	];
	if (options.bulk) return fields;
	return [
		...fields,
		{
			...idLocator({
				name: 'pushApp',
				displayName: 'Push App',
				searchListMethod: 'searchApps',
				description:
					'The app registered in Whispir whose devices get the notification. Push goes to contacts only: give contact MRIs as recipients.',
			}),
			displayOptions: show('push'),
		},
		{
			displayName: 'Push Escalation (Minutes)',
			name: 'pushEscalationMins',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: show('push'),
			description:
				'How many minutes Whispir waits for a response to the push notification before escalating to the other channels. 0 means no escalation.',
		},
		{
			displayName: 'Twitter Post',
			name: 'twitterText',
			type: 'string',
			default: '',
			displayOptions: show('social'),
			description:
				'The text posted to the Twitter accounts configured in Whispir. Leave empty to skip Twitter.',
		},
		{
			displayName: 'Facebook Post',
			name: 'facebookText',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			displayOptions: show('social'),
			description:
				'The text posted to the Facebook pages configured in Whispir. Leave empty to skip Facebook.',
		},
	];
}

const text = (context: IExecuteFunctions, name: string, itemIndex: number) =>
	optionalText(context, name, itemIndex) ?? '';

const emptyField = (context: IExecuteFunctions, label: string, itemIndex: number, fix: string) =>
	inputError(context, `"${label}" is empty`, itemIndex, fix);

/**
 * Whispir's voice `type`: the teleconference settings in one line, "ConfCall:…,ConfAccountNo:…,
 * ConfPinNo:…,ConfModPinNo:…,Pin:…". The docs' examples break it over lines but say to send no
 * line breaks (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message); the JSON form of Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message is followed.
 */
export function voiceType(options: IDataObject): string {
	const value = (key: string) =>
		String(options[key] ?? '')
			.replace(/[\r\n,]/g, '')
			.trim();
	return `ConfCall:${value('confCall')},ConfAccountNo:${value('confAccountNo')},ConfPinNo:${value('confPinNo')},ConfModPinNo:${value('confModPinNo')},Pin:${value('pin')}`;
}

/** OptOutOption: the unsubscribe URL enables unsubscribing; one-click needs it as well. */
function readOptOut(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const given = context.getNodeParameter('emailOptOut', itemIndex, {}) as IDataObject;
	const url = String(given.rmsUnsubscribeUrl ?? '').trim();
	const mapping = String(given.oneClickApiMapping ?? '').trim();
	if (url === '' && mapping === '') return undefined;
	if (url === '')
		throw emptyField(
			context,
			'Unsubscribe URL',
			itemIndex,
			'One-click unsubscribe works only with an unsubscribe URL (Email Unsubscribe): enter it, e.g. @@web_link@@#unsubscribe.',
		);
	return { rmsUnsubscribeUrl: url, ...(mapping ? { oneClickApiMapping: mapping } : {}) };
}

/**
 * The content fields of one item as Whispir's message body: subject, body and one section per
 * chosen channel. A chosen channel without its content is refused here, before anything is sent.
 * With `usesTemplate`, empty fields are left out so that the template's content applies.
 */
export function readContent(
	context: IExecuteFunctions,
	itemIndex: number,
	options: { usesTemplate: boolean },
): IDataObject {
	const channels = context.getNodeParameter('channels', itemIndex, []) as string[];
	const message: IDataObject = {};
	const subject = text(context, 'subject', itemIndex);
	const body = text(context, 'body', itemIndex);
	if (subject !== '') message.subject = subject;
	if (body !== '') message.body = body;

	if (channels.includes('email')) {
		const emailBody = text(context, 'emailBody', itemIndex);
		if (emailBody === '')
			throw emptyField(
				context,
				'Email Body',
				itemIndex,
				'Enter the email text, or remove Email from "Channels".',
			);
		message.email = {
			body: emailBody,
			type: text(context, 'emailType', itemIndex) || 'text/plain',
		};
		const footer = text(context, 'emailFooter', itemIndex);
		if (footer !== '') (message.email as IDataObject).footer = footer;
		const optOut = readOptOut(context, itemIndex);
		if (optOut) (message.email as IDataObject).optOutOption = optOut;
	}
	if (channels.includes('voice')) {
		const header = text(context, 'voiceHeader', itemIndex);
		const voiceBody = text(context, 'voiceBody', itemIndex);
		if (header === '')
			throw emptyField(
				context,
				'Voice Introduction',
				itemIndex,
				'Enter the introduction read out when the call is answered, or remove Voice Call from "Channels".',
			);
		if (voiceBody === '')
			throw emptyField(
				context,
				'Voice Message',
				itemIndex,
				'Enter the text read out in the call, or remove Voice Call from "Channels".',
			);
		const voiceOptions = context.getNodeParameter('voiceOptions', itemIndex, {}) as IDataObject;
		message.voice = { header, body: voiceBody, type: voiceType(voiceOptions) };
		if (typeof voiceOptions.footer === 'string' && voiceOptions.footer.trim() !== '') {
			(message.voice as IDataObject).footer = voiceOptions.footer.trim();
		}
	}
	if (channels.includes('web')) {
		const webBody = text(context, 'webBody', itemIndex);
		if (webBody === '')
			throw emptyField(
				context,
				'Web Page Content',
				itemIndex,
				'Enter the page content, or remove Rich Message / Web Page from "Channels".',
			);
		message.web = { body: webBody, type: text(context, 'webType', itemIndex) || 'text/html' };
	}
	if (channels.includes('push')) {
		const appId = text(context, 'pushApp', itemIndex);
		if (appId === '')
			throw emptyField(
				context,
				'Push App',
				itemIndex,
				'Pick the app whose devices get the notification.',
			);
		const escalation = wholeNumber(
			context,
			context.getNodeParameter('pushEscalationMins', itemIndex, 0),
			{ label: 'Push Escalation (Minutes)', min: 0 },
			itemIndex,
		);
		message.features = {
			pushOptions: {
				notifications: 'enabled',
				appId,
				...(escalation > 0 ? { escalationMins: String(escalation) } : {}),
			},
		};
	}
	if (channels.includes('social')) {
		const posts: IDataObject[] = [];
		const twitter = text(context, 'twitterText', itemIndex);
		const facebook = text(context, 'facebookText', itemIndex);
		if (twitter !== '') posts.push({ id: 'social', body: twitter });
		if (facebook !== '') posts.push({ id: 'social_long', body: facebook, type: 'text/plain' });
		if (posts.length === 0)
			throw emptyField(
				context,
				'Twitter Post',
				itemIndex,
				'Enter a Twitter or Facebook post, or remove Social Media from "Channels".',
			);
		message.social = { social: posts };
	}

	if (channels.includes('whatsapp')) {
		const whatsapp = readWhatsApp(context, itemIndex, options.usesTemplate);
		if (whatsapp) message.whatsapp = whatsapp;
	}
	if (channels.includes('rcs')) {
		const { rcs, fallback } = readRcs(context, itemIndex);
		message.rcs = rcs;
		if (fallback) message.features = { ...(message.features as IDataObject), fallback };
	}

	if (!options.usesTemplate) {
		const hasContent = [
			'body',
			'email',
			'voice',
			'web',
			'social',
			'features',
			'whatsapp',
			'rcs',
		].some((key) => message[key] !== undefined);
		if (!hasContent) {
			throw emptyField(
				context,
				'SMS Text',
				itemIndex,
				'Enter the SMS text, add another channel under "Channels", or pick a template under "Options".',
			);
		}
		if (subject === '')
			throw emptyField(
				context,
				'Subject',
				itemIndex,
				'Enter a subject: it is the first line of the SMS and the email subject.',
			);
		if ((message.features as IDataObject | undefined)?.pushOptions && body === '') {
			throw emptyField(
				context,
				'SMS Text',
				itemIndex,
				'A push notification shows the SMS text: enter it.',
			);
		}
	}
	return message;
}
