import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idFromUrl } from '../../transport/responses';
import { workspaceSelector } from '../common.descriptions';
import { fetchRecord, workspaceOf } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { readAttachments } from './attachments';
import { contentFields, readContent } from './content';
import {
	callbackFields,
	callbackOptions,
	isPicked,
	scheduleFields,
	scheduleOptions,
	templateFields,
	templateOption,
} from './options';
import { recipientFields, readRecipients } from './recipients';

const attachmentsField = (name: string, channel: string, what: string): INodeProperties => ({
	displayName: `${channel} Attachments`,
	name,
	type: 'string',
	default: '',
	displayOptions: { show: { channels: [channel === 'Email' ? 'email' : 'voice'] } },
	placeholder: 'e.g. data, invoice',
	description: `Names of binary properties of the input item to attach ${what}, separated by commas. All attachments of a message may total 10 MB.`,
});

const properties: INodeProperties[] = [
	workspaceSelector,
	...recipientFields,
	...contentFields({ bulk: false }),
	attachmentsField('emailAttachments', 'Email', 'to the email'),
	attachmentsField('voiceAttachments', 'Voice', 'as WAV recordings that replace the spoken introduction or message'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...callbackOptions,
			{
				displayName: 'Delivery Receipts',
				name: 'deliveryReceipts',
				type: 'boolean',
				default: true,
				description: 'Whether Whispir collects delivery receipts for the SMS. Turn off to save the receipt cost.',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: "An event (Events module) the message is about: its fields can be used as @@tags@@, e.g. @@summary@@, and the message is listed under the event's label",
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						typeOptions: { searchListMethod: 'searchEvents', searchable: true },
					},
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 2EE7FEA3343662BE' },
				],
			},
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
							{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. event_expiry' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 13/06/2026' },
						],
					},
				],
			},
			{
				displayName: 'No Reply',
				name: 'noReply',
				type: 'boolean',
				default: false,
				description: "Whether to refuse replies to the message. Without a message alias it also hides the sender's number.",
			},
			{
				displayName: 'Return Stored Message',
				name: 'returnStoredMessage',
				type: 'boolean',
				default: false,
				description: 'Whether to read the message back after sending and return it as Whispir stores it (one more request per item)',
			},
			...scheduleOptions,
			templateOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['send'] } }, properties);

function attributes(options: IDataObject): IDataObject {
	const list = ((options.messageAttributes as IDataObject | undefined)?.attribute as IDataObject[] | undefined) ?? [];
	const attribute = list
		.map(({ name, value }) => ({ name: String(name ?? '').trim(), value: String(value ?? '') }))
		.filter(({ name }) => name !== '');
	return attribute.length > 0 ? { messageattributes: { attribute } } : {};
}

function eventId(options: IDataObject): IDataObject {
	const event = options.event as IDataObject | string | undefined;
	const value = String((typeof event === 'object' ? event?.value : event) ?? '').trim();
	return value === '' ? {} : { eventId: value };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.message);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// What the item itself gets wrong is refused first; then names are checked against Whispir's lists.
	const message: IDataObject = {
		to: readRecipients(this, itemIndex),
		...readContent(this, itemIndex, { usesTemplate: isPicked(options.template) }),
		...scheduleFields(this, itemIndex, options),
		...(await templateFields(this, itemIndex, options.template, workspaceId)),
		...attributes(options),
		...(await callbackFields(this, itemIndex, options)),
		...eventId(options),
		...(options.noReply === true ? { type: 'defaultNoReply' } : {}),
		...(options.deliveryReceipts === false ? { dlr: { type: 'NoDlr' } } : {}),
	};

	const counted = { bytes: 0 };
	const emailFiles = message.email ? await readAttachments(this, itemIndex, { name: 'emailAttachments', label: 'Email Attachments' }, counted) : [];
	const voiceFiles = message.voice ? await readAttachments(this, itemIndex, { name: 'voiceAttachments', label: 'Voice Attachments' }, counted) : [];
	if (emailFiles.length > 0) (message.email as IDataObject).resources = { attachment: emailFiles };
	if (voiceFiles.length > 0) (message.voice as IDataObject).resources = { attachment: voiceFiles };

	const response = await whispirApiRequest.call(this, {
		method: 'POST',
		path: ENDPOINTS.message.path,
		mediaType: ENDPOINTS.message.mediaType,
		workspaceId,
		body: message,
		itemIndex,
	});
	const id = idFromUrl(response.location);
	if (id === undefined) {
		// The message was accepted (2xx): never send it again, but say the id is unknown.
		throw new NodeOperationError(this.getNode(), 'Whispir accepted the message but did not say under which ID', {
			description: 'Its answer had no Location header. The message is being sent; do not retry this item. Find it with Message → Get Many.',
			itemIndex,
		});
	}
	const result: IDataObject = { id, url: response.location };
	if (options.returnStoredMessage === true) {
		result.message = await fetchRecord(this, { endpoint: ENDPOINTS.message, id, workspaceId, itemIndex });
	}
	return result;
}
