import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { ENDPOINTS } from '../endpoints';
import { requiredText } from '../parameters';

const properties: INodeProperties[] = [
	{
		displayName: 'Workspace',
		name: 'workspaceId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The workspace to retrieve',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWorkspaces', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. BB9ECBE5BA73CD81',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'A workspace ID has only letters, digits, - and _' },
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const workspaceId = requiredText(this, 'workspaceId', itemIndex, 'Workspace');
	const response = await whispirApiRequest.call(this, {
		method: 'GET',
		path: `${ENDPOINTS.workspace.path}/${encodeURIComponent(workspaceId)}`,
		mediaType: ENDPOINTS.workspace.mediaType,
		itemIndex,
	});
	return response.body as IDataObject;
}
