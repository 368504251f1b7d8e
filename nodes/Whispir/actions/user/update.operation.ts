import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import { readMergeWrite } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, pickedId } from '../parameters';
import { STATUSES, cleanProfile, updatableFields, withoutPassword } from './fields';
import { userLocator } from './locator';

const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: STATUSES.filter(({ value }) => value !== 'PENDING').map(({ name, value }) => ({
		name,
		value,
	})),
	default: 'ACTIVE',
	description:
		'Whispir allows Inactive → Active, Active → Suspended, Suspended → Active and any → Deleted. To activate a new (Pending) user, use the Activate operation.',
};

const properties: INodeProperties[] = [
	idLocator(userLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add change; every other field keeps its value',
		options: [...updatableFields, statusField].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, userLocator, itemIndex);
	const changes = cleanProfile(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	assertSomethingToUpdate(this, changes, itemIndex);
	const updated = await readMergeWrite(this, {
		endpoint: ENDPOINTS.user,
		id,
		changes,
		itemIndex,
		// Whispir keeps the password when a PUT leaves it out, and reads it back blank: sending the
		// blank back could clear it, so it is sent only when the user sets a new one.
		readOnly: changes.password === undefined ? ['password'] : [],
	});
	return withoutPassword(updated);
}
