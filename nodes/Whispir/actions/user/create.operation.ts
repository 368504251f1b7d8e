import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';
import { cleanProfile, profileFields, requiredFields, withoutPassword } from './fields';

const properties: INodeProperties[] = [
	{
		displayName:
			'Whispir creates users as Pending; they cannot sign in until the Activate operation makes them Active',
		name: 'pendingNotice',
		type: 'notice',
		default: '',
	},
	...requiredFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: profileFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const given: IDataObject = {};
	for (const field of requiredFields)
		given[field.name] = requiredText(this, field.name, itemIndex, field.displayName);
	// Whispir refuses a status on create (userCreate; https://developers.whispir.com/c2NoOjU4ODQwOQ-user): there is no field for it here.
	const user = cleanProfile(
		this,
		{ ...given, ...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject) },
		itemIndex,
	);
	// Whispir answers 201 with the user (status PENDING, password blanked) and its address in Location.
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.user,
		body: user,
		itemIndex,
	});
	return withoutPassword({ id, ...user, ...stored, url, ...notice });
}
