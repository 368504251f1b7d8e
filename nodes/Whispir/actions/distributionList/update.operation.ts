import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { fetchRecord, mergedRecord, readMergeWrite } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId } from '../parameters';
import {
	accessField,
	assertListName,
	assertNameIsFree,
	rulesField,
	rulesOf,
	visibilityField,
} from './fields';
import { listLocator } from './locator';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(listLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add change; the others keep their values',
		options: [
			accessField,
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the list is for',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Incident Responders',
				description: 'A new name, unique in the workspace, with only letters, digits and spaces',
			},
			{
				...rulesField,
				displayName: 'Rules (Dynamic Lists)',
				description: "Replaces all of a dynamic list's rules with these",
			},
			visibilityField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['distributionList'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, listLocator, itemIndex);
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.distributionList);
	const { rules: rulesGiven, ...changes } = this.getNodeParameter(
		'updateFields',
		itemIndex,
		{},
	) as IDataObject;
	assertSomethingToUpdate(
		this,
		{ ...changes, rules: rulesGiven },
		itemIndex,
		'Add at least one field under "Update Fields". Members are changed with Add Members and Remove Members.',
	);

	const rules =
		rulesGiven === undefined ? undefined : rulesOf(this, itemIndex, 'updateFields.rules');
	if (changes.name !== undefined) {
		const name = assertListName(this, String(changes.name).trim(), itemIndex);
		await assertNameIsFree(this, { name, itemIndex, workspaceId, exceptId: id });
		changes.name = name;
	}
	// One read serves the rules check and the read-merge-write.
	const current = await fetchRecord(this, {
		endpoint: ENDPOINTS.distributionList,
		id,
		workspaceId,
		itemIndex,
	});
	if (rules !== undefined) {
		if (String(current.type ?? 'static').toLowerCase() !== 'dynamic' || rules.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`"Rules (Dynamic Lists)" cannot be used in item ${itemIndex}`,
				{
					description:
						rules.length === 0
							? 'A dynamic list needs at least one rule.'
							: `The list ${id} is static: its members are managed with Add Members and Remove Members.`,
					itemIndex,
				},
			);
		}
		changes.rules = rules;
	}

	// A retried PUT reads and merges again, so members added meanwhile are not written away.
	const record = await readMergeWrite(this, {
		endpoint: ENDPOINTS.distributionList,
		id,
		workspaceId,
		itemIndex,
		current,
		build: (stored) => mergedRecord(stored, changes, { readOnly: ['memberCount'] }),
	});
	return { id, ...record };
}
