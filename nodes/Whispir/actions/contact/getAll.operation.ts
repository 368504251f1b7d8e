import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import {
	returnAllOrLimit,
	simplifyOption,
	sortOrderOption,
	workspaceSelector,
} from '../common.descriptions';
import { simplify } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { isBlank, isOn, listLimit, nonEmptyTexts, optionalText } from '../parameters';
import { contactFieldOptions, customFieldKey } from './contactFields';

/** What Simplify keeps, besides the id and any fields chosen under "Fields to Return". */
export const CONTACT_SIMPLE_KEYS = [
	'firstName',
	'lastName',
	'workEmailAddress1',
	'workMobilePhone1',
	'status',
] as const;

const properties: INodeProperties[] = [
	workspaceSelector,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only contacts whose fields contain these values (Whispir matches by "contains"). Several filters must all match.',
		options: [
			{
				displayName: 'Contact Field',
				name: 'field',
				values: [
					{
						displayName: 'Field',
						name: 'name',
						type: 'options',
						options: contactFieldOptions(),
						default: 'lastName',
						description: 'The contact field to search in',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Smith',
					},
				],
			},
			{
				displayName: 'Custom Field',
				name: 'customField',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. StaffId',
						description: 'The custom field to search in, with or without the "custom_" prefix',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. 12345',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields to Return',
				name: 'fields',
				type: 'multiOptions',
				options: contactFieldOptions(),
				default: [],
				description:
					'Which fields Whispir returns for each contact. Without a choice a list shows only the basic details (names and status).',
			},
			{
				displayName: 'Include Custom Fields',
				name: 'customFields',
				type: 'boolean',
				default: false,
				description: "Whether to return the company's custom fields too",
			},
			{
				displayName: 'Sort By',
				name: 'sortFields',
				type: 'multiOptions',
				options: contactFieldOptions(),
				default: [],
				description: 'Fields to sort the contacts by, in order',
			},
			sortOrderOption,
		],
	},
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

/** The Filters and Options as Whispir's search query: `<field>=…`, `custom_<Name>=…`, sort and fields. */
function searchQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as {
		field?: Array<{ name: string; value: string }>;
		customField?: Array<{ name: string; value: string }>;
	};
	const searched: IDataObject = {};
	for (const { name, value } of filters.field ?? []) searched[name] = value;
	for (const { name, value } of filters.customField ?? [])
		if (!isBlank(name)) searched[customFieldKey(name)] = value;
	const qs = nonEmptyTexts(searched);
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (isOn(options.customFields)) qs.customFields = true;
	if (Array.isArray(options.fields) && options.fields.length > 0)
		qs.fields = options.fields.join(',');
	if (Array.isArray(options.sortFields) && options.sortFields.length > 0) {
		qs.sortFields = options.sortFields.join(',');
		qs.sortOrder = options.sortOrder ?? 'asc';
	}
	return qs;
}

/** The contact's custom fields (custom_<Name>): Simplify keeps them, they are the company's own. */
export const customFieldsOf = (contact: IDataObject) =>
	Object.keys(contact).filter((key) => key.startsWith('custom_'));

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const qs = searchQuery(this, itemIndex);
	const contacts = await whispirApiList.call(this, {
		path: ENDPOINTS.contact.path,
		mediaType: ENDPOINTS.contact.mediaType,
		listKey: ENDPOINTS.contact.listKey,
		workspaceId: optionalText(this, 'workspace', itemIndex),
		qs,
		limit: listLimit(this, itemIndex),
		itemIndex,
	});
	if (!isOn(this.getNodeParameter('simplify', itemIndex, true))) return contacts;
	const chosen = typeof qs.fields === 'string' ? qs.fields.split(',') : [];
	return contacts.map((contact) =>
		simplify(contact, [...CONTACT_SIMPLE_KEYS, ...chosen, ...customFieldsOf(contact)]),
	);
}
