import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator, workspaceSelector } from '../common.descriptions';
import { checkedContactFields } from '../contact/contactBody';
import { contactField, contactFieldOptions, customFieldKey } from '../contact/contactFields';
import { ENDPOINTS } from '../endpoints';
import { failedItemOrThrow } from '../failedItem';
import { optionalText, requiredText } from '../parameters';
import { rowsToCsv, uploadPrivateCsv } from '../privateFile';

/**
 * The fields every import must map. The docs disagree: the fieldMapping section lists these five
 * as mandatory (https://developers.whispir.com/c2NoOjM4OTQzOTI4-import, also importCreate's `required`), while its prose asks only for
 * names plus one of several fields. We follow the stricter list: Whispir imports in the background,
 * so a contact it drops for a missing field would be lost without any error reaching the workflow.
 */
const MANDATORY_IMPORT_FIELDS = [
	'firstName',
	'lastName',
	'workMobilePhone1',
	'workCountry',
	'timezone',
];

// Whispir names the three modes without describing them (https://developers.whispir.com/c2NoOjM4OTQzOTI4-import); the descriptions
// below are what the names say, and the field's description says so.
const IMPORT_MODES = [
	{
		name: 'Duplicate',
		value: 'duplicate',
		description: 'Create a new contact for every row, even when one with the same details exists',
	},
	{
		name: 'Ignore',
		value: 'ignore',
		description: 'Skip rows whose contact already exists; create the others',
	},
	{
		name: 'Replace',
		value: 'replace',
		description:
			'Overwrite the existing contact with the row; create the contact when there is none',
	},
];

const properties: INodeProperties[] = [
	{
		displayName:
			'Whispir imports in the background: the node reports that the import was accepted, and the contacts appear one by one over the next minutes.',
		name: 'asyncNotice',
		type: 'notice',
		default: '',
	},
	workspaceSelector,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description:
					'All input items become one file that the node uploads and imports (one import per run)',
			},
			{
				name: 'Existing File',
				value: 'resource',
				description:
					'A CSV, JSON or XML file already uploaded to Whispir (one import per input item)',
			},
		],
		default: 'items',
	},
	{
		...idLocator({
			name: 'resourceId',
			displayName: 'File',
			searchListMethod: 'searchResources',
			description: 'The uploaded contact file to import',
		}),
		displayOptions: { show: { source: ['resource'] } },
	},
	{
		displayName: 'Import Mode',
		name: 'importMode',
		type: 'options',
		options: IMPORT_MODES,
		// Not Replace: Whispir's docs name the modes without defining them or how contacts are matched,
		// and Ignore is the one mode that can neither overwrite nor duplicate an existing contact.
		default: 'ignore',
		description:
			"What Whispir does with a row whose contact already exists. Whispir's docs name the modes without defining them or how contacts are matched: try a small file first.",
	},
	{
		displayName: 'Field Mapping',
		name: 'fieldMapping',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Mapping',
		default: {},
		description: `Which column fills which contact field. ${MANDATORY_IMPORT_FIELDS.join(', ')} must be mapped.`,
		options: [
			{
				displayName: 'Contact Field',
				name: 'field',
				values: [
					{
						displayName: 'Contact Field',
						name: 'field',
						type: 'options',
						options: contactFieldOptions(),
						default: 'firstName',
						description: 'The Whispir contact field to fill',
					},
					{
						displayName: 'Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. first_name',
						description: 'The column (input item field) that holds the value',
					},
				],
			},
			{
				displayName: 'Custom Field',
				name: 'customField',
				values: [
					{
						displayName: 'Custom Field Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. StaffId',
						description:
							'Your company\'s custom contact field, with or without the "custom_" prefix',
					},
					{
						displayName: 'Column',
						name: 'column',
						type: 'string',
						default: '',
						placeholder: 'e.g. staff_id',
						description: 'The column (input item field) that holds the value',
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['import'], operation: ['importContacts'] } },
	properties,
);

type Mapping = Record<string, string>;

function mappingError(
	context: IExecuteFunctions,
	message: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description: fix, itemIndex: 0 });
}

/** `{ whispirField: column }`, checked for the mandatory fields before anything is sent. */
function fieldMapping(context: IExecuteFunctions): Mapping {
	const parameter = context.getNodeParameter('fieldMapping', 0, {}) as {
		field?: Array<{ field: string; column: string }>;
		customField?: Array<{ name: string; column: string }>;
	};
	const mapping: Mapping = {};
	const pairs = [
		...(parameter.field ?? []).map(({ field, column }) => ({ field, column })),
		...(parameter.customField ?? []).map(({ name, column }) => ({
			field: customFieldKey(String(name ?? '')),
			column,
		})),
	];
	for (const { field, column } of pairs) {
		const columnName = String(column ?? '').trim();
		if (field === 'custom_' || columnName === '') {
			throw mappingError(
				context,
				`"Field Mapping" has an entry without ${columnName === '' ? 'a column' : 'a custom field name'} in item 0`,
				'Fill in both sides of every mapping, or remove the incomplete one.',
			);
		}
		mapping[field] = columnName;
	}
	const missing = MANDATORY_IMPORT_FIELDS.filter((field) => mapping[field] === undefined);
	if (missing.length > 0) {
		const names = missing
			.map((field) => `"${contactField(field)?.displayName ?? field}"`)
			.join(', ');
		throw mappingError(
			context,
			`"Field Mapping" does not map ${names} in item 0`,
			`Whispir needs ${MANDATORY_IMPORT_FIELDS.join(', ')} for every imported contact. Add a mapping for each.`,
		);
	}
	return mapping;
}

/** One CSV row from an item: the mapped columns, mandatory values present, emails and mobiles checked. */
function importRow(
	context: IExecuteFunctions,
	item: IDataObject,
	mapping: Mapping,
	itemIndex: number,
): IDataObject {
	const row: IDataObject = {};
	for (const [field, column] of Object.entries(mapping)) {
		const raw = item[column];
		const value = raw === undefined || raw === null ? '' : String(raw).trim();
		if (value === '' && MANDATORY_IMPORT_FIELDS.includes(field)) {
			const label = contactField(field)?.displayName ?? field;
			throw new NodeOperationError(
				context.getNode(),
				`"${label}" (column "${column}") is empty in item ${itemIndex}`,
				{
					description: `Whispir would skip this contact. Give every item a value in "${column}", or filter such items out first.`,
					itemIndex,
				},
			);
		}
		// Emails and mobiles are checked as in Create (mobiles become digits); an empty cell stays empty.
		row[column] =
			value === '' ? '' : checkedContactFields(context, itemIndex, { [field]: value })[field];
	}
	return row;
}

async function startImport(
	context: IExecuteFunctions,
	request: {
		resourceId: string;
		mapping: Mapping;
		importMode: string;
		workspaceId?: string;
		itemIndex: number;
	},
): Promise<void> {
	// Whispir answers 202 Accepted, without a Location: an import cannot be read back (importCreate).
	await whispirApiRequest.call(context, {
		method: 'POST',
		path: ENDPOINTS.import.path,
		mediaType: ENDPOINTS.import.mediaType,
		workspaceId: request.workspaceId,
		body: {
			resourceId: request.resourceId,
			importType: 'contact',
			// Where importMode goes, the sources disagree: the docs' import example puts it inside
			// importOptions (https://developers.whispir.com/c2NoOjM4OTQzOTI4-import), the OpenAPI
			// (importCreate) requires it at the root. Both carry it: a mode Whispir did not find would
			// silently fall back to its default, and an import cannot be read back to notice.
			importMode: request.importMode,
			importOptions: { importMode: request.importMode, fieldMapping: request.mapping },
		},
		itemIndex: request.itemIndex,
	});
}

/** From the input items: check every row, upload them as one private CSV, import it once. */
async function importItems(
	context: IExecuteFunctions,
	mapping: Mapping,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const columns = new Set(items.flatMap((item) => Object.keys(item.json)));
	const absent = Object.entries(mapping).filter(([, column]) => !columns.has(column));
	if (absent.length > 0) {
		throw mappingError(
			context,
			`"Field Mapping" names column${absent.length > 1 ? 's' : ''} ${absent.map(([, column]) => `"${column}"`).join(', ')}, which no input item has, in item 0`,
			`The input items have: ${[...columns].join(', ') || 'no fields'}. Correct the column names in the mapping.`,
		);
	}

	const rows: IDataObject[] = [];
	const imported: number[] = [];
	const failed: INodeExecutionData[] = [];
	for (const [itemIndex, item] of items.entries()) {
		try {
			rows.push(importRow(context, item.json, mapping, itemIndex));
			imported.push(itemIndex);
		} catch (error) {
			failed.push(failedItemOrThrow(context, error, itemIndex));
		}
	}
	if (rows.length === 0) return failed;

	const workspaceId = optionalText(context, 'workspace', 0);
	const importMode = context.getNodeParameter('importMode', 0) as string;
	const { resourceId } = await uploadPrivateCsv(context, {
		name: `n8n-contact-import-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
		csv: rowsToCsv(rows),
		workspaceId,
		itemIndex: 0,
	});
	await startImport(context, { resourceId, mapping, importMode, workspaceId, itemIndex: 0 });
	return [
		{
			json: { accepted: true, resourceId, rows: rows.length, importMode },
			pairedItem: imported.map((item) => ({ item })),
		},
		...failed,
	];
}

/** From an uploaded resource: one import per input item, each naming its resource. */
async function importResources(
	context: IExecuteFunctions,
	mapping: Mapping,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < context.getInputData().length; itemIndex++) {
		try {
			const resourceId = requiredText(context, 'resourceId', itemIndex, 'File');
			const importMode = context.getNodeParameter('importMode', itemIndex) as string;
			const workspaceId = optionalText(context, 'workspace', itemIndex);
			await startImport(context, { resourceId, mapping, importMode, workspaceId, itemIndex });
			results.push({
				json: { accepted: true, resourceId, importMode },
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			results.push(failedItemOrThrow(context, error, itemIndex));
		}
	}
	return results;
}

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	try {
		const mapping = fieldMapping(this);
		return this.getNodeParameter('source', 0) === 'resource'
			? await importResources(this, mapping)
			: await importItems(this, mapping);
	} catch (error) {
		// A fault of the whole import (mapping, upload, Whispir's answer) concerns every item. With Continue
		// On Fail it becomes one error item; n8n would otherwise pass the input items on as if imported.
		return [
			failedItemOrThrow(
				this,
				error,
				this.getInputData().map((_, item) => item),
			),
		];
	}
}
