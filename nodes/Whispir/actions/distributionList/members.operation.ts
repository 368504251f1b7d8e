import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { fetchRecord, mergedRecord, readMergeWrite } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import type { WhispirItemOperation } from '../operation';
import { pickedId, splitIds } from '../parameters';
import { MEMBER_KINDS, membersField, membersOf } from './fields';
import { listLocator } from './locator';

/**
 * Add Members and Remove Members: Whispir has no membership endpoint, so the list is read, its
 * comma-separated `contactIds` / `userIds` / `distListIds` changed and the whole list written
 * back (Whispir's Distribution Lists docs, "Updating the DL": https://developers.whispir.com/c2NoOjM4OTQzOTE5-distribution-list). Nothing is written when nothing changes.
 */
export function membersOperation(change: 'add' | 'remove'): WhispirItemOperation {
	const operation = change === 'add' ? 'addMembers' : 'removeMembers';
	return {
		// Two items may change the same list's members: side by side, one write would undo the other.
		runsInOrder: true,
		description: updateDisplayOptions(
			{ show: { resource: ['distributionList'], operation: [operation] } },
			[
				workspaceSelector,
				idLocator(listLocator),
				{
					...membersField,
					required: true,
					description:
						change === 'add'
							? 'The contacts, users and nested lists to add. Members already on the list stay as they are.'
							: 'The contacts, users and nested lists to take off the list. IDs not on the list are ignored.',
				},
			],
		),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const id = pickedId(this, listLocator, itemIndex);
			const given = membersOf(this, itemIndex);
			if (MEMBER_KINDS.every(({ key }) => given[key].length === 0)) {
				throw new NodeOperationError(this.getNode(), `"Members" is empty in item ${itemIndex}`, {
					description: `Add at least one contact, user or nested list to ${change}.`,
					itemIndex,
				});
			}
			const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.distributionList);
			const list = await fetchRecord(this, {
				endpoint: ENDPOINTS.distributionList,
				id,
				workspaceId,
				itemIndex,
			});
			if (String(list.type ?? 'static').toLowerCase() === 'dynamic') {
				throw new NodeOperationError(
					this.getNode(),
					`The distribution list in item ${itemIndex} is dynamic`,
					{
						description: `Rules choose the members of "${String(list.name ?? id)}". Change its rules with Update instead.`,
						itemIndex,
					},
				);
			}

			const withChange = (stored: IDataObject) => {
				const memberIds: IDataObject = {};
				const counts: Record<string, number> = {};
				for (const { key } of MEMBER_KINDS) {
					const before = splitIds(stored[key]);
					const after =
						change === 'add'
							? [...before, ...given[key].filter((memberId) => !before.includes(memberId))]
							: before.filter((memberId) => !given[key].includes(memberId));
					memberIds[key] = after.join(',');
					counts[key] = Math.abs(after.length - before.length);
				}
				return { updated: mergedRecord(stored, memberIds, { readOnly: ['memberCount'] }), counts };
			};
			let result = withChange(list);
			const changed = Object.values(result.counts).some((count) => count > 0);
			if (changed) {
				// A retried PUT reads and changes the list again, so members added meanwhile are kept.
				await readMergeWrite(this, {
					endpoint: ENDPOINTS.distributionList,
					id,
					workspaceId,
					itemIndex,
					current: list,
					build: (stored) => (result = withChange(stored)).updated,
				});
			}
			return {
				...result.updated,
				id,
				[change === 'add' ? 'added' : 'removed']: result.counts,
				changed,
			};
		},
	};
}
