import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { workspaceSelector } from '../common.descriptions';
import { createRecord, fetchRecord } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { optionalText } from '../parameters';
import {
	checkResource,
	contentFields,
	mimeTypeField,
	mimeTypeFor,
	readContent,
	resourceBody,
	scopeField,
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
	checkResource(this, resource, itemIndex);

	const endpoint = ENDPOINTS.resource;
	const workspaceId = workspaceOf(this, itemIndex, endpoint);
	const { id, url, notice } = await createRecord(this, {
		endpoint,
		workspaceId,
		body: resourceBody(resource),
		itemIndex,
	});
	const uploaded: IDataObject = {
		id,
		url,
		name,
		scope: resource.scope,
		mimeType: resource.mimeType,
		...notice,
	};
	// Whispir answers 201 with only a Location; a public file's download address is read back from it.
	// The file is stored already: a failed read-back must not fail the item, or a re-run would upload it twice.
	if (resource.scope === 'public' && id !== undefined) {
		try {
			const stored = await fetchRecord(this, { endpoint, id, workspaceId, itemIndex });
			uploaded.publicUrl = typeof stored.url === 'string' ? stored.url : null;
		} catch (error) {
			uploaded.publicUrl = null;
			uploaded.readBackError = `The file was stored, but reading its public URL back failed: ${(error as Error).message}`;
		}
	}
	return uploaded;
}
