import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, sortedFields, workspaceSelector } from '../common.descriptions';
import { createRecord, fetchRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { fixedCollectionEntries, isOn, locatorValue } from '../parameters';
import { ACCEPTED_WITHOUT_ID } from './accepted';
import { readAttachments } from './attachments';
import { contentFields, readContent } from './content';
import {
	callbackFields,
	callbackOption,
	callbackParametersOption,
	isPicked,
	scheduleFields,
	scheduleOptions,
	templateFields,
	templateOption,
} from './options';
import { recipientFields, readRecipients } from './recipients';
import { attachWhatsAppHeaderFile, explainWhatsAppRefusal } from './whatsapp';

const emailAttachmentsField: INodeProperties = {
	displayName: 'Email Attachments',
	name: 'emailAttachments',
	type: 'string',
	default: '',
	displayOptions: { show: { channels: ['email'] } },
	placeholder: 'e.g. data, invoice',
	description:
		'Names of binary properties of the input item to attach to the email, separated by commas. All attachments of a message may total 10 MB.',
};

/** The WAV files that may replace a spoken part of the call, and the `attachmentDesc` naming that part. */
const VOICE_RECORDINGS = [
	{
		name: 'voiceIntroductionRecording',
		label: 'Voice Introduction Recording',
		part: 'Introduction',
		voicePart: 'voiceintro.wav',
	},
	{
		name: 'voiceMessageRecording',
		label: 'Voice Message Recording',
		part: 'Message',
		voicePart: 'voicebody.wav',
	},
] as const;

const recordingField = ({
	name,
	label,
	part,
}: (typeof VOICE_RECORDINGS)[number]): INodeProperties => ({
	displayName: label,
	name,
	type: 'string',
	default: '',
	displayOptions: { show: { channels: ['voice'] } },
	placeholder: 'e.g. data',
	description: `Name of a binary property of the input item holding a WAV file, played instead of reading out the Voice ${part} text. Leave empty to use text-to-speech.`,
});

/** Send's fields; Send and Wait for Reply shows them too. */
export const properties: INodeProperties[] = [
	workspaceSelector,
	...recipientFields,
	...contentFields({ bulk: false }),
	emailAttachmentsField,
	...VOICE_RECORDINGS.map(recordingField),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedFields([
			callbackOption,
			callbackParametersOption,
			{
				displayName: 'Delivery Receipts',
				name: 'deliveryReceipts',
				type: 'boolean',
				default: true,
				description:
					'Whether Whispir collects delivery receipts for the SMS. Turn off to save the receipt cost.',
			},
			idLocator({
				name: 'event',
				displayName: 'Event',
				searchListMethod: 'searchEvents',
				required: false,
				description:
					"An event (Events module) the message is about: its fields can be used as @@tags@@, e.g. @@summary@@, and the message is listed under the event's label",
			}),
			{
				displayName: 'Message Attributes',
				name: 'messageAttributes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Attribute',
				default: {},
				description: 'Values for the @@name@@ placeholders of the template',
				options: [
					{
						displayName: 'Attribute',
						name: 'attribute',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. event_expiry',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. 13/06/2026',
							},
						],
					},
				],
			},
			{
				displayName: 'Sender Alias',
				name: 'aliasName',
				type: 'string',
				default: '',
				placeholder: 'e.g. OnboardingMessageAlias',
				description:
					"The name of a message alias (Alias Manager in Whispir) that sets the sender of the message. With a Rich Message Template it overrides the template's alias.",
			},
			{
				displayName: 'Throttling Configuration',
				name: 'throttlingConfigName',
				type: 'string',
				default: '',
				placeholder: 'e.g. testThrottle',
				description:
					'The name of a throttling configuration of your Whispir account that spreads the sends over time',
			},
			{
				displayName: 'No Reply',
				name: 'noReply',
				type: 'boolean',
				default: false,
				description:
					"Whether to refuse replies to the message. Without a message alias it also hides the sender's number.",
			},
			{
				displayName: 'Return Stored Message',
				name: 'returnStoredMessage',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the message back after sending and return it as Whispir stores it (one more request per item). If that read fails, the item still succeeds, with readBackError.',
			},
			...scheduleOptions,
			templateOption,
		]),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

function attributes(options: IDataObject): IDataObject {
	const attribute = fixedCollectionEntries(options.messageAttributes, 'attribute')
		.map(({ name, value }) => ({ name: String(name ?? '').trim(), value: String(value ?? '') }))
		.filter(({ name }) => name !== '');
	return attribute.length > 0 ? { messageattributes: { attribute } } : {};
}

/**
 * Sender alias and throttling join the channels' features (push options, RCS fallback). Throttling
 * is not in the Features schema of the OpenAPI; its shape follows the WhatsApp schema's x-example
 * "WhatsApp Message with Throttling, Alias, Web Link and Body Positional Parameters".
 */
function features(message: IDataObject, options: IDataObject): IDataObject {
	const alias = String(options.aliasName ?? '').trim();
	const throttling = String(options.throttlingConfigName ?? '').trim();
	if (alias === '' && throttling === '') return {};
	return {
		features: {
			...(message.features as IDataObject | undefined),
			...(alias ? { aliasOption: { aliasName: alias } } : {}),
			...(throttling
				? { throttlingOptions: { throttling: 'enabled', configName: throttling } }
				: {}),
		},
	};
}

function eventId(options: IDataObject): IDataObject {
	const value = locatorValue(options.event);
	return value === undefined ? {} : { eventId: value };
}

export interface PreparedMessage {
	workspaceId: string | undefined;
	options: IDataObject;
	message: IDataObject;
}

/** The message body of the item, checked, as Send sends it. Nothing is sent yet. */
export async function prepareMessage(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<PreparedMessage> {
	const workspaceId = workspaceOf(context, itemIndex, ENDPOINTS.message);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// What the item itself gets wrong (attachments included) is refused first; then names are
	// checked against Whispir's lists, and only then is the message sent.
	const message: IDataObject = {
		to: readRecipients(context, itemIndex),
		...readContent(context, itemIndex, { usesTemplate: isPicked(options.template) }),
		...scheduleFields(context, itemIndex, options),
	};
	const counted = { bytes: 0 };
	const emailFiles = message.email
		? await readAttachments(
				context,
				itemIndex,
				{ name: 'emailAttachments', label: 'Email Attachments' },
				counted,
			)
		: [];
	const voiceFiles: IDataObject[] = [];
	if (message.voice)
		for (const recording of VOICE_RECORDINGS)
			voiceFiles.push(...(await readAttachments(context, itemIndex, recording, counted)));
	if (emailFiles.length > 0) (message.email as IDataObject).resources = { attachment: emailFiles };
	if (voiceFiles.length > 0) (message.voice as IDataObject).resources = { attachment: voiceFiles };
	Object.assign(
		message,
		await templateFields(context, itemIndex, options.template, workspaceId),
		attributes(options),
		await callbackFields(context, itemIndex, options),
		eventId(options),
		features(message, options),
		isOn(options.noReply) ? { type: 'defaultNoReply' } : {},
		!isOn(options.deliveryReceipts ?? true) ? { dlr: { type: 'NoDlr' } } : {},
	);
	// Last, once everything else is checked: the header file is uploaded before the message is sent.
	if (message.whatsapp)
		await attachWhatsAppHeaderFile(
			context,
			itemIndex,
			message.whatsapp as IDataObject,
			workspaceId,
		);
	return { workspaceId, options, message };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { workspaceId, options, message } = await prepareMessage(this, itemIndex);
	const { id, url } = await createRecord(this, {
		endpoint: ENDPOINTS.message,
		workspaceId,
		body: message,
		itemIndex,
	}).catch((error: unknown) => {
		throw explainWhatsAppRefusal(this, itemIndex, error);
	});
	if (id === undefined) return { id: null, url: null, warning: ACCEPTED_WITHOUT_ID };
	const result: IDataObject = { id, url };
	if (isOn(options.returnStoredMessage)) {
		// The message is already sent: a failed read-back must not fail the item, or a re-run would send it twice.
		try {
			result.message = await fetchRecord(this, {
				endpoint: ENDPOINTS.message,
				id,
				workspaceId,
				itemIndex,
			});
		} catch (error) {
			result.message = null;
			result.readBackError = `The message was sent, but reading it back failed: ${(error as Error).message}`;
		}
	}
	return result;
}
