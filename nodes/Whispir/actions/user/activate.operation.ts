import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import { fetchRecord, mergedRecord, readMergeWrite } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { pickedId } from '../parameters';
import { withoutPassword } from './fields';
import { userLocator } from './locator';

const properties: INodeProperties[] = [idLocator(userLocator)];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['activate'] } },
	properties,
);

// Two items may activate the same user (each step writes the whole record): items run one after the other, in order.
export const runsInOrder = true;

/**
 * The steps Whispir's user state machine needs to reach ACTIVE (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user): a new user is
 * PENDING and must go through INACTIVE first; INACTIVE and SUSPENDED users go straight to ACTIVE.
 */
const STEPS: Record<string, string[]> = {
	PENDING: ['INACTIVE', 'ACTIVE'],
	INACTIVE: ['ACTIVE'],
	SUSPENDED: ['ACTIVE'],
	ACTIVE: [],
};

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, userLocator, itemIndex);
	const user = await fetchRecord(this, { endpoint: ENDPOINTS.user, id, itemIndex });
	const previousStatus = String(user.status ?? '').toUpperCase();
	const steps = STEPS[previousStatus];
	if (steps === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The user in item ${itemIndex} cannot be activated: their status is ${previousStatus || 'unknown'}`,
			{
				description:
					previousStatus === 'DELETED'
						? 'Whispir keeps deleted users as records but never lets them change status again. Create a new user instead.'
						: 'Whispir can activate only Pending, Inactive or Suspended users.',
				itemIndex,
			},
		);
	}

	// Each PUT replaces the whole record, so it carries the user as read, with only the status changed.
	// The password reads back blank and Whispir keeps it when left out, so it is not sent.
	let current = user;
	for (const status of steps) {
		// A retried PUT carries the user as stored by then, and so do the steps after it.
		await readMergeWrite(this, {
			endpoint: ENDPOINTS.user,
			id,
			itemIndex,
			current,
			build: (stored) => mergedRecord((current = stored), { status }, { readOnly: ['password'] }),
		});
	}
	return withoutPassword({
		...current,
		id,
		status: 'ACTIVE',
		previousStatus,
		alreadyActive: steps.length === 0,
	});
}
