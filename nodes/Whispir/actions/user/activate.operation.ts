import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator } from '../common.descriptions';
import { fetchRecord, recordPath } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { pickedId } from '../parameters';
import { withoutPassword } from './fields';
import { userLocator } from './locator';

const properties: INodeProperties[] = [idLocator(userLocator)];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['activate'] } }, properties);

/**
 * The steps Whispir's user state machine needs to reach ACTIVE (API doc L8600-8640): a new user is
 * PENDING and must go through INACTIVE first; INACTIVE and SUSPENDED users go straight to ACTIVE.
 */
const STEPS: Record<string, string[]> = {
	PENDING: ['INACTIVE', 'ACTIVE'],
	INACTIVE: ['ACTIVE'],
	SUSPENDED: ['ACTIVE'],
	ACTIVE: [],
};

// Fields of the GET answer a PUT does not take back. The password reads back blank and Whispir keeps it when left out.
const NOT_WRITTEN = ['link', 'mri', 'password', 'lastModifiedTime', 'createdTime'];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, userLocator, itemIndex);
	const user = await fetchRecord(this, { endpoint: ENDPOINTS.user, id, itemIndex });
	const previousStatus = String(user.status ?? '').toUpperCase();
	const steps = STEPS[previousStatus];
	if (steps === undefined) {
		throw new NodeOperationError(this.getNode(), `The user in item ${itemIndex} cannot be activated: their status is ${previousStatus || 'unknown'}`, {
			description:
				previousStatus === 'DELETED'
					? 'Whispir keeps deleted users as records but never lets them change status again. Create a new user instead.'
					: 'Whispir can activate only Pending, Inactive or Suspended users.',
			itemIndex,
		});
	}

	// Each PUT replaces the whole record, so it carries the user as read, with only the status changed.
	const body: IDataObject = { ...user };
	for (const key of NOT_WRITTEN) delete body[key];
	for (const status of steps) {
		await whispirApiRequest.call(this, {
			method: 'PUT',
			path: recordPath(ENDPOINTS.user, id),
			mediaType: ENDPOINTS.user.mediaType,
			body: { ...body, status },
			itemIndex,
		});
	}
	return withoutPassword({ ...user, id, status: 'ACTIVE', previousStatus, alreadyActive: steps.length === 0 });
}
