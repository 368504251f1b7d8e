import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { ENDPOINTS } from '../endpoints';
import { optionalText } from '../parameters';
import { phoneDigits } from '../validation';
import { newContact } from './contactBody';
import { contactField, customFieldKey, MANDATORY_CONTACT_FIELDS } from './contactFields';
import { contactProperties, createContact } from './create.operation';
import { mergeIntoContact } from './update.operation';

const OTHER_FIELD = 'other';

const matchProperties: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		options: [
			{
				name: 'Other Field',
				value: OTHER_FIELD,
				description: 'Any contact field or custom field, by name',
			},
			{ name: 'Personal Email', value: 'personalEmailAddress1' },
			{ name: 'Work Email', value: 'workEmailAddress1' },
			{ name: 'Work Mobile', value: 'workMobilePhone1' },
		],
		default: 'workEmailAddress1',
		description:
			'The field that identifies the contact. Its value is taken from the fields below; the contact is updated when exactly one contact has it, created when none has.',
	},
	{
		displayName: 'Match Field Name',
		name: 'matchFieldName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. personalMobilePhone1 or custom_StaffId',
		description:
			'The Whispir name of the field to match on. Give it a value below, under Additional Fields or Custom Fields.',
		displayOptions: { show: { matchOn: [OTHER_FIELD] } },
	},
];

// Workspace, then what to match on, then the fields: only the fields given are written to a
// matched contact, and Whispir's mandatory fields are needed only to create one.
export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['upsert'] } },
	contactProperties({ mandatoryRequired: false, afterWorkspace: matchProperties }),
);

// Two items may match the same contact, or both find none and create it twice: items run one after the other, in order.
export const runsInOrder = true;

/** Equal for a person: emails ignore case, phone numbers compare their digits. */
function sameValue(field: string, stored: unknown, wanted: string): boolean {
	if (stored === undefined || stored === null) return false;
	const kind = contactField(field)?.kind;
	const text = String(stored).trim();
	if (kind === 'mobile')
		return phoneDigits(text) !== undefined && phoneDigits(text) === phoneDigits(wanted);
	return kind === 'email' ? text.toLowerCase() === wanted.toLowerCase() : text === wanted;
}

function matchField(
	context: IExecuteFunctions,
	itemIndex: number,
): { field: string; label: string } {
	const matchOn = context.getNodeParameter('matchOn', itemIndex) as string;
	if (matchOn !== OTHER_FIELD)
		return { field: matchOn, label: contactField(matchOn)?.displayName ?? matchOn };
	const name = optionalText(context, 'matchFieldName', itemIndex) ?? '';
	// A name that is no standard field is a custom field, which Whispir searches as custom_<Name>.
	const field = contactField(name) || name === '' ? name : customFieldKey(name);
	return { field, label: name };
}

/**
 * Create or Update: search on the chosen field, then create (no match), merge the fields into the
 * one match, or stop (several matches) rather than guess which contact to change.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workspaceId = optionalText(this, 'workspace', itemIndex);
	const { field, label } = matchField(this, itemIndex);
	// Checks every field given before anything is sent; also the record to create or merge.
	const contact = newContact(this, itemIndex, { mandatoryRequired: false });
	const wanted = contact[field];
	if (field === '' || wanted === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"Match On" field "${label}" has no value in item ${itemIndex}`,
			{
				description:
					'Give the field you match on a value (a mandatory field, or one under Additional Fields or Custom Fields).',
				itemIndex,
			},
		);
	}

	// Whispir's search matches by "contains" (OpenAPI, contact search `fields` note), so the
	// candidates are narrowed to exact matches here; `fields=` makes the list carry the value.
	const candidates = await whispirApiList.call(this, {
		path: ENDPOINTS.contact.path,
		mediaType: ENDPOINTS.contact.mediaType,
		listKey: ENDPOINTS.contact.listKey,
		workspaceId,
		qs: {
			[field]: String(wanted),
			fields: field,
			...(field.startsWith('custom_') ? { customFields: true } : {}),
		},
		itemIndex,
	});
	const matches = candidates.filter((candidate) =>
		sameValue(field, candidate[field], String(wanted)),
	);

	if (matches.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`${matches.length} contacts match "${label}" = "${String(wanted)}" in item ${itemIndex}`,
			{
				description: `Create or Update changes one contact only. Matching contacts: ${matches.map((m) => String(m.id)).join(', ')}. Match on a field that is unique, or update one of them by ID.`,
				itemIndex,
			},
		);
	}
	if (matches.length === 0) {
		const missing = MANDATORY_CONTACT_FIELDS.find(
			(mandatory) => contact[mandatory.name] === undefined,
		);
		if (missing) {
			throw new NodeOperationError(
				this.getNode(),
				`"${missing.displayName}" is empty in item ${itemIndex}`,
				{
					description: `No contact has "${label}" = "${String(wanted)}", so a new one would be created, and Whispir needs "${missing.displayName}" for a new contact. Nothing was sent.`,
					itemIndex,
				},
			);
		}
		return {
			...(await createContact(this, contact, itemIndex, workspaceId)),
			operation: 'created',
		};
	}
	const updated = await mergeIntoContact(this, {
		id: String(matches[0].id),
		changes: contact,
		itemIndex,
		workspaceId,
	});
	return { ...updated, operation: 'updated' };
}
