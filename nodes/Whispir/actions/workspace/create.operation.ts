import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'projectName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Incident Response',
		description: "The workspace's name (Whispir calls it the project name)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Billing Cost Centre',
				name: 'billingcostcentre',
				type: 'string',
				default: '',
				description:
					"Cost centre to bill the workspace's messages to. Needs Whispir's Billing Cost Centre module.",
			},
			{
				displayName: 'Project Number',
				name: 'projectNumber',
				type: 'string',
				default: '',
				description: 'Your own reference for the workspace. It is not the workspace ID.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'A' },
					{ name: 'Disabled', value: 'D' },
				],
				default: 'A',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const workspace: IDataObject = {
		projectName: requiredText(this, 'projectName', itemIndex, 'Name'),
		status: 'A',
		...additionalFields,
	};
	// Whispir answers 201 with the new address in Location and, per its docs, no body.
	const { id, url, stored, notice } = await createRecord(this, {
		endpoint: ENDPOINTS.workspace,
		body: workspace,
		itemIndex,
	});
	return { id, ...workspace, ...stored, url, ...notice };
}
