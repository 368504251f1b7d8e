import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { sortedFields, workspaceSelector } from '../common.descriptions';
import { createRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { failedItemOrThrow } from '../failedItem';
import { rowsToCsv, uploadPrivateCsv } from '../privateFile';
import { phoneDigits } from '../validation';
import { ACCEPTED_WITHOUT_ID } from './accepted';
import { contentFields, readContent } from './content';
import {
	callbackFields,
	callbackOption,
	isPicked,
	scheduleFields,
	scheduleOptions,
	templateFields,
	templateOption,
} from './options';
import { explainWhatsAppRefusal } from './whatsapp';

/**
 * Send Bulk (Whispir's dynamic messages, Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): all input items become the rows of
 * one private CSV resource, and one `bulkmessage-v1` request sends a message per row, with the
 * row's values in its `@@column@@` tags. Two requests for any number of items, plus one list read
 * each for a template or callback given by name.
 */

// Whispir itself uses a "mobile" / "email" column when the field is not given and the file has one.
const MAPPINGS = [
	{
		name: 'smsMappingField',
		label: 'SMS Column',
		what: 'mobile number (with country code)',
		defaultColumn: 'mobile',
		phone: true,
	},
	{
		name: 'emailMappingField',
		label: 'Email Column',
		what: 'email address',
		defaultColumn: 'email',
		phone: false,
	},
	{
		name: 'voiceMappingField',
		label: 'Voice Column',
		what: 'phone number for voice calls',
		defaultColumn: '',
		phone: true,
	},
] as const;

type Mapping = (typeof MAPPINGS)[number];

function mappingField({ name, label, what, defaultColumn }: Mapping): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'string',
		default: defaultColumn,
		placeholder: `e.g. ${defaultColumn || 'phone'}`,
		description: `The item field that holds each recipient's ${what}. Leave empty if the message does not go out on this channel; a preset field that no item has is ignored.`,
	};
}

const properties: INodeProperties[] = [
	{
		displayName:
			'Every input item becomes one personalised message: its fields are the @@tags@@ of the text (e.g. @@first_name@@ for a field "first_name" or "First Name"). The content fields are read from the first item.',
		name: 'bulkNotice',
		type: 'notice',
		default: '',
	},
	workspaceSelector,
	...MAPPINGS.map(mappingField),
	...contentFields({ bulk: true }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedFields([
			callbackOption,
			{
				displayName: 'Match Recipients to Contacts',
				name: 'resolveRecipients',
				type: 'boolean',
				default: true,
				description:
					"Whether Whispir matches each row's number or address to the workspace's contacts (Whispir does this by default below 5,000 rows)",
			},
			...scheduleOptions,
			templateOption,
		]),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendBulk'] } },
	properties,
);

/** The mapping fields given, each checked against the items' fields. */
function readMappings(
	context: IExecuteFunctions,
	rows: IDataObject[],
): Array<{ mapping: Mapping; column: string }> {
	const columns = new Set(rows.flatMap((row) => Object.keys(row)));
	const used: Array<{ mapping: Mapping; column: string }> = [];
	for (const mapping of MAPPINGS) {
		const column = String(context.getNodeParameter(mapping.name, 0, '') ?? '').trim();
		if (column === '') continue;
		if (!columns.has(column)) {
			// The preset "mobile" / "email" only applies when the items have such a field, as in Whispir.
			if (column === mapping.defaultColumn) continue;
			throw new NodeOperationError(
				context.getNode(),
				`"${mapping.label}" names the field "${column}", which no input item has`,
				{
					description: `The items have these fields: ${[...columns].join(', ') || '(none)'}. Enter one of them, or leave "${mapping.label}" empty.`,
					itemIndex: 0,
				},
			);
		}
		used.push({ mapping, column });
	}
	if (used.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			'"SMS Column", "Email Column" and "Voice Column" name no field of the items',
			{
				description: 'Name the item field that holds the recipients, e.g. "mobile" or "email".',
				itemIndex: 0,
			},
		);
	}
	return used;
}

/** The row as uploaded: phone numbers in the SMS and voice columns lose spaces and a leading +, as in Send. */
function recipientRow(
	context: IExecuteFunctions,
	row: IDataObject,
	used: Array<{ mapping: Mapping; column: string }>,
	itemIndex: number,
): IDataObject {
	const columns = [...new Set(used.map(({ column }) => column))];
	if (columns.every((column) => String(row[column] ?? '').trim() === '')) {
		throw new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex} has no recipient in "${columns.join('", "')}"`,
			{
				description:
					'Every item needs a mobile number or email address in the recipient fields. Filter out the items without one before this node.',
				itemIndex,
			},
		);
	}
	const uploaded = { ...row };
	for (const { mapping, column } of used) {
		const value = uploaded[column];
		if (mapping.phone && typeof value === 'string') uploaded[column] = phoneDigits(value) ?? value;
	}
	return uploaded;
}

/**
 * Checks everything that applies to the whole send (mappings, content, schedule, names), then each
 * item's recipient: with Continue On Fail an item without one becomes an error item and the others
 * are still sent, once, in the single bulk request.
 */
async function sendBulk(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const workspaceId = workspaceOf(context, 0, ENDPOINTS.bulkMessage);
	const used = readMappings(
		context,
		items.map((item) => item.json),
	);
	const content = readContent(context, 0, { usesTemplate: isPicked(options.template) });
	const schedule = scheduleFields(context, 0, options);

	const rows: IDataObject[] = [];
	const sent: number[] = [];
	const failed: INodeExecutionData[] = [];
	for (const [itemIndex, item] of items.entries()) {
		try {
			rows.push(recipientRow(context, item.json, used, itemIndex));
			sent.push(itemIndex);
		} catch (error) {
			failed.push(failedItemOrThrow(context, error, [itemIndex]));
		}
	}
	if (rows.length === 0) return failed;

	const template = await templateFields(context, 0, options.template, workspaceId);
	const callback = await callbackFields(context, 0, { callback: options.callback });
	const resource: IDataObject = Object.fromEntries(
		used.map(({ mapping, column }) => [mapping.name, column]),
	);
	if (typeof options.resolveRecipients === 'boolean')
		resource.options = { resolveRecipients: options.resolveRecipients };

	const { resourceId } = await uploadPrivateCsv(context, {
		name: `n8n-bulk-${Date.now()}.csv`,
		csv: rowsToCsv(rows),
		workspaceId,
		itemIndex: 0,
	});
	const { id, url } = await createRecord(context, {
		endpoint: ENDPOINTS.bulkMessage,
		workspaceId,
		body: {
			resource: { resourceId, ...resource },
			...content,
			...template,
			...callback,
			...schedule,
		},
		itemIndex: 0,
	}).catch((error: unknown) => {
		throw explainWhatsAppRefusal(context, 0, error);
	});
	const result: IDataObject = id
		? { id, url, resourceId, rows: rows.length }
		: { id: null, url: null, resourceId, rows: rows.length, warning: ACCEPTED_WITHOUT_ID };
	return [{ json: result, pairedItem: sent.map((item) => ({ item })) }, ...failed];
}

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	try {
		return await sendBulk(this);
	} catch (error) {
		// A fault of the whole send (mapping, content, upload, Whispir's answer) concerns every item.
		return [
			failedItemOrThrow(
				this,
				error,
				this.getInputData().map((_, item) => item),
			),
		];
	}
}
