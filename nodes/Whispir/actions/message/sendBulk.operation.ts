import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idFromUrl } from '../../transport/responses';
import { workspaceSelector } from '../common.descriptions';
import { workspaceOf } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { rowsToCsv, uploadPrivateCsv } from '../privateFile';
import { contentFields, readContent } from './content';
import { callbackFields, callbackOptions, isPicked, scheduleFields, scheduleOptions, templateFields, templateOption } from './options';

/**
 * Send Bulk (Whispir's dynamic messages, API doc L2207-2490): all input items become the rows of
 * one private CSV resource, and one `bulkmessage-v1` request sends a message per row, with the
 * row's values in its `@@column@@` tags. Two requests for any number of items (three when a
 * template or callback is given by name).
 */

const MAPPINGS = [
	{ name: 'smsMappingField', label: 'SMS Column', what: 'mobile number (with country code)' },
	{ name: 'emailMappingField', label: 'Email Column', what: 'email address' },
	{ name: 'voiceMappingField', label: 'Voice Column', what: 'phone number for voice calls' },
] as const;

function mappingField(mapping: (typeof MAPPINGS)[number], defaultColumn: string): INodeProperties {
	return {
		displayName: mapping.label,
		name: mapping.name,
		type: 'string',
		default: defaultColumn,
		placeholder: `e.g. ${defaultColumn || 'phone'}`,
		description: `The item field that holds each recipient's ${mapping.what}. Leave empty if the message does not go out on this channel.`,
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
	mappingField(MAPPINGS[0], 'mobile'),
	mappingField(MAPPINGS[1], 'email'),
	mappingField(MAPPINGS[2], ''),
	...contentFields({ bulk: true }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			callbackOptions[0],
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
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['message'], operation: ['sendBulk'] } }, properties);

function columnsOf(rows: IDataObject[]): Set<string> {
	return new Set(rows.flatMap((row) => Object.keys(row)));
}

/** The mapping fields given, each checked against the items' fields; every item needs a recipient. */
function readMappings(context: IExecuteFunctions, rows: IDataObject[]): IDataObject {
	const columns = columnsOf(rows);
	const resource: IDataObject = {};
	for (const mapping of MAPPINGS) {
		const column = String(context.getNodeParameter(mapping.name, 0, '') ?? '').trim();
		if (column === '') continue;
		if (!columns.has(column)) {
			throw new NodeOperationError(context.getNode(), `"${mapping.label}" names the field "${column}", which no input item has`, {
				description: `The items have these fields: ${[...columns].join(', ') || '(none)'}. Enter one of them, or leave "${mapping.label}" empty.`,
				itemIndex: 0,
			});
		}
		resource[mapping.name] = column;
	}
	const used = Object.values(resource) as string[];
	if (used.length === 0) {
		throw new NodeOperationError(context.getNode(), '"SMS Column", "Email Column" and "Voice Column" are all empty', {
			description: 'Name the item field that holds the recipients, e.g. "mobile" or "email".',
			itemIndex: 0,
		});
	}
	rows.forEach((row, itemIndex) => {
		if (used.every((column) => String(row[column] ?? '').trim() === '')) {
			throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no recipient in "${used.join('", "')}"`, {
				description: 'Every item needs a mobile number or email address in the recipient fields. Filter out the items without one before this node.',
				itemIndex,
			});
		}
	});
	return resource;
}

async function sendBulk(context: IExecuteFunctions, rows: IDataObject[]): Promise<IDataObject> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const workspaceId = workspaceOf(context, 0, ENDPOINTS.bulkMessage);
	const resource = readMappings(context, rows);
	const content = readContent(context, 0, { usesTemplate: isPicked(options.template) });
	const schedule = scheduleFields(context, 0, options);
	const template = await templateFields(context, 0, options.template, workspaceId);
	const callback = await callbackFields(context, 0, { callback: options.callback });
	if (typeof options.resolveRecipients === 'boolean') resource.options = { resolveRecipients: options.resolveRecipients };

	const { resourceId } = await uploadPrivateCsv(context, {
		name: `n8n-bulk-${Date.now()}.csv`,
		csv: rowsToCsv(rows),
		workspaceId,
		itemIndex: 0,
	});
	const response = await whispirApiRequest.call(context, {
		method: 'POST',
		path: ENDPOINTS.bulkMessage.path,
		mediaType: ENDPOINTS.bulkMessage.mediaType,
		workspaceId,
		body: { resource: { resourceId, ...resource }, ...content, ...template, ...callback, ...schedule },
		itemIndex: 0,
	});
	return { id: idFromUrl(response.location), url: response.location, resourceId, rows: rows.length };
}

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const pairedItem = items.map((_, item) => ({ item }));
	try {
		return [{ json: await sendBulk(this, items.map((item) => item.json)), pairedItem }];
	} catch (error) {
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw nodeError;
		return [{ json: { error: nodeError.message, ...(nodeError.description ? { details: nodeError.description } : {}) }, pairedItem }];
	}
}
