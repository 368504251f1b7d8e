import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { optionalText } from '../parameters';
import {
	contentFields,
	mimeTypeField,
	mimeTypeFor,
	readContent,
	scopeField,
	storeResource,
} from './fileContent';

const properties: INodeProperties[] = [
	workspaceSelector,
	...contentFields,
	{
		displayName: 'File Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. australia-contacts.csv',
		description:
			"The name to store the file under, with its extension. Leave empty to use the binary file's name. Whispir advises letters, digits, - and . only.",
	},
	scopeField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [mimeTypeField],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['resource'], operation: ['upload'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const file = await readContent(this, itemIndex);
	const name = optionalText(this, 'name', itemIndex) ?? file.fileName?.trim();
	if (!name) {
		throw new NodeOperationError(this.getNode(), `"File Name" is empty in item ${itemIndex}`, {
			description: 'Enter the name to store the file under, e.g. contacts.csv.',
			itemIndex,
		});
	}
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const resource = {
		name,
		scope: this.getNodeParameter('scope', itemIndex) as string,
		mimeType: mimeTypeFor(additional.mimeType as string | undefined, name, file),
		bytes: file.bytes,
	};
	const workspaceId = workspaceOf(this, itemIndex, ENDPOINTS.resource);
	const { stored, ...readBack } = await storeResource(this, resource, workspaceId, itemIndex);
	return {
		id: stored.id,
		url: stored.url,
		name,
		scope: resource.scope,
		mimeType: resource.mimeType,
		...stored.notice,
		...readBack,
	};
}
