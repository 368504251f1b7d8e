import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import {
	sortedFields,
	returnAllOrLimit,
	simplifyOption,
	sortOrderOption,
	workspaceSelector,
} from '../common.descriptions';
import { simplify } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { isOn, listLimit, nonEmptyTexts, requiredText } from '../parameters';
import { SIMPLE_KEYS, STATUSES, USER_FIELDS, withoutPassword } from './fields';

/** The fields people usually look users up by; Whispir's search takes any user field (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user). */
const SEARCH_FIELDS = USER_FIELDS.filter((field) =>
	[
		'companyName',
		'department',
		'division',
		'firstName',
		'jobTitle',
		'lastName',
		'userName',
		'workEmailAddress1',
		'workMobilePhone1',
	].includes(field.name),
).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	{
		displayName: 'Users Of',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Company',
				value: 'company',
				description: 'Active users of the whole company (Whispir lists only Active users here)',
			},
			{
				name: 'One Workspace',
				value: 'workspace',
				description: 'The users who have access to one workspace',
			},
		],
		default: 'company',
	},
	{
		...workspaceSelector,
		required: true,
		description: 'The workspace whose users to list',
		displayOptions: { show: { scope: ['workspace'] } },
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: sortedFields([
			...SEARCH_FIELDS.map(({ name, displayName }) => ({
				displayName,
				name,
				type: 'string' as const,
				default: '',
				description: `Users whose ${displayName.toLowerCase()} is this value`,
			})),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUSES.map(({ name, value }) => ({ name, value })),
				default: 'ACTIVE',
				description: 'Users with this status',
			},
		]),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sortFields',
				type: 'string',
				default: '',
				placeholder: 'e.g. lastName,firstName',
				description: 'Field names to sort on, separated by commas',
			},
			sortOrderOption,
		],
	},
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getAll'] } },
	properties,
);

/** Whispir's search takes status letters where records show words (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user): ACTIVE → A. */
function searchQuery(filters: IDataObject, options: IDataObject): IDataObject {
	const qs = nonEmptyTexts({ ...filters, ...options });
	if (typeof qs.status === 'string')
		qs.status = STATUSES.find((status) => status.value === qs.status)?.code ?? qs.status;
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const scope = this.getNodeParameter('scope', itemIndex) as string;
	const users = await whispirApiList.call(this, {
		path: ENDPOINTS.user.path,
		mediaType: ENDPOINTS.user.mediaType,
		// The company list's key is `Users`, the workspace list's `users`: the transport matches either.
		listKey: ENDPOINTS.user.listKey,
		// An empty workspace would silently list the company instead, so it is required here.
		workspaceId:
			scope === 'workspace' ? requiredText(this, 'workspace', itemIndex, 'Workspace') : undefined,
		qs: searchQuery(
			this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		),
		limit: listLimit(this, itemIndex),
		itemIndex,
	});
	const simplified = isOn(this.getNodeParameter('simplify', itemIndex, true));
	return users.map((user) => (simplified ? simplify(user, SIMPLE_KEYS) : withoutPassword(user)));
}
