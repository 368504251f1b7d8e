import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Return All and Limit, as every n8n "Get Many" has them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Whispir ids are opaque letters and digits (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): no length check. */
/** n8n lists the fields of a collection alphabetically: sort by this where a list is assembled. */
export const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);

/** A collection's fields, assembled from shared pieces, in n8n's alphabetical order. */
export const sortedFields = (fields: INodeProperties[]): INodeProperties[] =>
	[...fields].sort(byDisplayName);

export const ID_PATTERN = '^[A-Za-z0-9_.-]+$';

export interface IdLocatorOptions {
	/** Parameter name, e.g. `templateId`. */
	name: string;
	/** What the user picks, e.g. `Template`. */
	displayName: string;
	/** A method in methods/listSearch.ts; without one, only "By ID" is offered. */
	searchListMethod?: string;
	description?: string;
	required?: boolean;
}

/** A record picked from a searchable list, or given by its ID: how n8n nodes address records. */
export function idLocator(options: IdLocatorOptions): INodeProperties {
	const label = options.displayName.toLowerCase();
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		required: options.required ?? true,
		default: { mode: options.searchListMethod ? 'list' : 'id', value: '' },
		description: options.description ?? `The ${label} to use`,
		modes: [
			...(options.searchListMethod
				? [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
						},
					]
				: []),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. BB9ECBE5BA73CD81',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ID_PATTERN,
							errorMessage: `A ${label} ID has only letters, digits, ., - and _`,
						},
					},
				],
			},
		],
	};
}

/**
 * The workspace a workspace-scoped operation works in. Empty means Whispir's default
 * workspace ("My Company"), which is what the API does without a /workspaces/{id} prefix.
 */
export const workspaceSelector: INodeProperties = idLocator({
	name: 'workspace',
	displayName: 'Workspace',
	searchListMethod: 'searchWorkspaces',
	required: false,
	description: 'The workspace to work in. Leave empty for the default workspace ("My Company").',
});

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/** The direction of a sort, next to Whispir's `sortFields`. */
export const sortOrderOption: INodeProperties = {
	displayName: 'Sort Order',
	name: 'sortOrder',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'asc',
	description: 'Whether to sort from A to Z or from Z to A',
};

/** How Whispir reads an email or web body: its `type`. */
export const textOrHtmlOptions: INodePropertyOptions[] = [
	{ name: 'Plain Text', value: 'text/plain' },
	{ name: 'HTML', value: 'text/html' },
];

/** The format of an email body (messages, templates, scenarios): Whispir's `email.type`. */
export const emailFormatField: INodeProperties = {
	displayName: 'Email Format',
	name: 'emailType',
	type: 'options',
	options: textOrHtmlOptions,
	default: 'text/plain',
	description: 'Whether the email body is plain text or HTML',
};
