import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { byDisplayName, ID_PATTERN } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';
import { locatorValue, splitIds } from '../parameters';

/**
 * What the distribution-list operations share: the documented values of `access`, `visibility`
 * and rule fields, the member pickers, and the checks Whispir's rules call for (Whispir's Distribution Lists docs: https://developers.whispir.com/c2NoOjM4OTQzOTE5-distribution-list).
 */

export const accessField: INodeProperties = {
	displayName: 'Access',
	name: 'access',
	type: 'options',
	options: [
		{
			name: 'By Approval',
			value: 'ByApproval',
			description: 'Anyone can ask to join in the Whispir portal; an approver admits them',
		},
		{ name: 'Open', value: 'Open', description: 'Anyone can join the list in the Whispir portal' },
		{
			name: 'Restricted',
			value: 'Restricted',
			description: 'The list is hidden in the Whispir portal',
		},
	],
	default: 'Open',
	description: 'Who can join the list in the Whispir portal',
};

export const visibilityField: INodeProperties = {
	displayName: 'Visibility',
	name: 'visibility',
	type: 'options',
	options: [
		{
			name: 'Private',
			value: 'Private',
			description: 'Only people in this workspace can join it in the portal',
		},
		{
			name: 'Public',
			value: 'Public',
			description: 'People in any workspace can join it in the portal',
		},
	],
	default: 'Public',
	description: 'From which workspaces people can join the list in the Whispir portal',
};

/**
 * The documented `ruleFilter : ruleFilterActualName` pairs (Whispir's Distribution Lists docs: https://developers.whispir.com/c2NoOjM4OTQzOTE5-distribution-list). Whispir wants both
 * in every rule; the user picks the field and the node adds its display name. The rule list spells
 * `workSetellitePhone` (sic) where contact records say `workSatellitePhone`; rules keep the rule list's spelling.
 */
const RULE_FIELDS: Record<string, string> = {
	businessUnit: 'Business Unit',
	companyName: 'Organization Name',
	createdtime__timestamp: 'Created Time',
	department: 'Department',
	division: 'Division',
	firstName: 'First Name',
	group_messagingoption_active__boolean: 'Is Active',
	group_messagingoption_fieldmapping: 'Mapped Field',
	group_messagingoption_type__dropdown: 'Type',
	jobTitle: 'Job Title',
	lastName: 'Last Name',
	lastmodifiedtime__timestamp: 'Last Updated Time',
	personalAddress1: 'Personal Address1',
	personalAddress2: 'Personal Address2',
	personalCountry: 'Personal Country',
	personalEmailAddress1: 'Personal Email Address',
	personalEmailAddress2: 'Personal Email Address Secondary',
	personalMobilePhone1: 'Personal Mobile Phone Primary',
	personalMobilePhone2: 'Personal Mobile Phone Secondary',
	personalPhone1: 'Personal Phone Primary',
	personalPhone2: 'Personal Phone Secondary',
	personalPhoneAreaCode1: 'Personal Phone Areacode Primary',
	personalPhoneAreaCode2: 'Personal Phone Areacode Secondary',
	personalPostCode: 'Personal Postcode',
	personalState: 'Personal State',
	personalSuburb: 'Personal Suburb',
	role1: 'Role',
	role2: 'Additional Role',
	teamName1: 'Team Name',
	teamName2: 'Additional Team Name',
	timezone: 'Timezone',
	workAddress1: 'Work Address1',
	workAddress2: 'Work Address2',
	workCountry: 'Work Country',
	workEmailAddress1: 'Work Email Address Primary',
	workEmailAddress2: 'Work Email Address Secondary',
	workMobilePhone1: 'Work Mobile Phone Primary',
	workMobilePhone2: 'Work Mobile Phone Secondary',
	workOtherPhone: 'Phone Other',
	workPhone1: 'Work Phone Primary',
	workPhone2: 'Work Phone Secondary',
	workPhoneAreaCode1: 'Work Phone Areacode Primary',
	workPhoneAreaCode2: 'Work Phone Areacode Secondary',
	workPostCode: 'Work Postcode',
	workPostalAddress1: 'Work Postal Address1',
	workPostalAddress2: 'Work Postal Address2',
	workPostalCountry: 'Work Postal Country',
	workPostalPostCode: 'Work Postal PostCode',
	workPostalState: 'Work Postal State',
	workPostalSuburb: 'Work Postal Suburb',
	workSetellitePhone: 'Satellite Phone',
	workState: 'Work State',
	workSuburb: 'Work Suburb',
};

const ruleFieldOptions = Object.entries(RULE_FIELDS)
	.map(([value, name]) => ({ name, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

export const rulesField: INodeProperties = {
	displayName: 'Rules',
	name: 'rules',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Rule',
	default: {},
	description:
		'Contacts whose field matches the value belong to the list, worked out each time a message is sent. Whispir needs at least one rule.',
	options: [
		{
			displayName: 'Rule',
			name: 'rule',
			values: [
				{
					displayName: 'Contact Field',
					name: 'field',
					type: 'options',
					options: ruleFieldOptions,
					default: 'division',
					description: 'The contact field to compare',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. Sales',
					description: 'The value the contact field must have',
				},
			],
		},
	],
};

/** The rules as Whispir wants them; an unknown field or an empty value fails with the item named. */
export function rulesOf(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter = 'rules',
): IDataObject[] {
	const given = context.getNodeParameter(`${parameter}.rule`, itemIndex, []) as Array<{
		field?: string;
		value?: string;
	}>;
	return given.map(({ field = '', value = '' }, position) => {
		const label = `Rules → Rule ${position + 1}`;
		if (RULE_FIELDS[field] === undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`"${label} → Contact Field" in item ${itemIndex} is not a rule field: "${field}"`,
				{
					description: `Pick one of the contact fields in the list. Whispir accepts only these: ${Object.keys(RULE_FIELDS).join(', ')}.`,
					itemIndex,
				},
			);
		}
		if (String(value).trim() === '') {
			throw new NodeOperationError(
				context.getNode(),
				`"${label} → Value" is empty in item ${itemIndex}`,
				{
					description: 'Enter the value the contact field must have.',
					itemIndex,
				},
			);
		}
		return {
			ruleFilter: field,
			ruleFilterActualName: RULE_FIELDS[field],
			ruleContent: String(value).trim(),
		};
	});
}

/** The comma-separated membership fields of a list, and how the user names each kind of member. */
export const MEMBER_KINDS = [
	{ key: 'contactIds', group: 'contacts', label: 'Contact', searchListMethod: 'searchContacts' },
	{ key: 'userIds', group: 'users', label: 'User', searchListMethod: 'searchUsers' },
	{
		key: 'distListIds',
		group: 'lists',
		label: 'Distribution List',
		searchListMethod: 'searchDistributionLists',
	},
] as const;

type MemberKey = (typeof MEMBER_KINDS)[number]['key'];
type Members = Record<MemberKey, string[]>;

/** A member picked from a list, or typed as one ID or several separated by commas (handy with expressions). */
function memberLocator(label: string, searchListMethod: string): INodeProperties {
	return {
		displayName: label,
		name: 'id',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: `The ${label.toLowerCase()} to include`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. BB9ECBE5BA73CD81 or ID1,ID2',
				hint: 'One ID, or several separated by commas',
			},
		],
	};
}

export const membersField: INodeProperties = {
	displayName: 'Members',
	name: 'members',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Member',
	default: {},
	description: 'Contacts, users and other distribution lists (nested lists) on the list',
	options: MEMBER_KINDS.map(({ group, label, searchListMethod }) => ({
		displayName: label === 'Distribution List' ? 'Nested Distribution List' : label,
		name: group,
		values: [memberLocator(label, searchListMethod)],
	})).sort(byDisplayName),
};

const ID = new RegExp(ID_PATTERN);

/** The IDs the user gave in the Members field, by kind, checked before anything is sent. */
export function membersOf(context: IExecuteFunctions, itemIndex: number): Members {
	const given = context.getNodeParameter('members', itemIndex, {}) as Record<
		string,
		Array<{ id?: unknown }>
	>;
	const members = { contactIds: [], userIds: [], distListIds: [] } as Members;
	for (const { key, group, label } of MEMBER_KINDS) {
		for (const entry of given[group] ?? []) {
			const ids = splitIds(locatorValue(entry.id));
			const bad = ids.find((id) => !ID.test(id));
			if (bad !== undefined || ids.length === 0) {
				throw new NodeOperationError(
					context.getNode(),
					bad === undefined
						? `"Members → ${label}" is empty in item ${itemIndex}`
						: `"Members → ${label}" in item ${itemIndex} is not a valid ID: "${bad}"`,
					{
						description: `Pick a ${label.toLowerCase()} from the list, or enter IDs separated by commas.`,
						itemIndex,
					},
				);
			}
			for (const id of ids) if (!members[key].includes(id)) members[key].push(id);
		}
	}
	return members;
}

// "Unique, and should not contain any special characters (except space)" (Whispir's Distribution Lists docs, `name`: https://developers.whispir.com/c2NoOjM4OTQzOTE5-distribution-list).
const LIST_NAME = /^[A-Za-z0-9 ]+$/;

export function assertListName(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string {
	if (!LIST_NAME.test(name)) {
		throw new NodeOperationError(
			context.getNode(),
			`"Name" in item ${itemIndex} is not valid: "${name}"`,
			{
				description: 'Whispir allows only letters, digits and spaces in a distribution list name.',
				itemIndex,
			},
		);
	}
	return name;
}

/**
 * Names are unique within a workspace (they address the list in messages). Asking first gives a
 * clear error naming the item instead of whatever Whispir answers to a duplicate.
 */
export async function assertNameIsFree(
	context: IExecuteFunctions,
	request: { name: string; itemIndex: number; workspaceId?: string; exceptId?: string },
): Promise<void> {
	const { name, itemIndex, workspaceId, exceptId } = request;
	const sameName = await whispirApiList.call(context, {
		path: ENDPOINTS.distributionList.path,
		mediaType: ENDPOINTS.distributionList.mediaType,
		listKey: ENDPOINTS.distributionList.listKey,
		workspaceId,
		qs: { name },
		itemIndex,
	});
	// The name filter may match loosely; only an exact (case-insensitive) match is a clash.
	const clash = sameName.find(
		(list) => String(list.name ?? '').toLowerCase() === name.toLowerCase() && list.id !== exceptId,
	);
	if (clash) {
		throw new NodeOperationError(
			context.getNode(),
			`"Name" in item ${itemIndex} is already used: "${name}"`,
			{
				description: `The distribution list ${String(clash.id)} has this name. Whispir needs a unique name per workspace.`,
				itemIndex,
			},
		);
	}
}
