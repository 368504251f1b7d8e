import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { readMergeWrite } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { pickedId } from '../parameters';
import {
	checkResource,
	contentFields,
	mimeTypeField,
	mimeTypeFor,
	readContent,
	resourceBody,
	scopeField,
} from './fileContent';
import { resourceLocator } from './locator';

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(resourceLocator),
	...contentFields.map((field) =>
		field.name === 'source'
			? {
					...field,
					description: 'Where the new file content comes from. It replaces the stored file.',
				}
			: field,
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Name, scope and MIME type keep their current values unless changed here',
		options: [
			{ ...mimeTypeField, description: "The file's type. Leave unset to keep the current one." },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. australia-contacts.csv',
				description: 'A new name for the file, with its extension',
			},
			scopeField,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['resource'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/**
 * Whispir's PUT needs all four fields and replaces the file, without versioning (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource).
 * The stored name, scope and MIME type are read first and kept unless the user changed them.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, resourceLocator, itemIndex);
	const endpoint = ENDPOINTS.resource;
	const workspaceId = workspaceOf(this, itemIndex, endpoint);
	const file = await readContent(this, itemIndex);
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const withChanges = (current: IDataObject) => {
		const name =
			typeof changes.name === 'string' && changes.name.trim() !== ''
				? changes.name.trim()
				: String(current.name);
		return {
			name,
			scope: typeof changes.scope === 'string' ? changes.scope : String(current.scope),
			mimeType: mimeTypeFor(
				(changes.mimeType as string | undefined) || String(current.mimeType ?? ''),
				name,
				file,
			),
			bytes: file.bytes,
		};
	};
	// The file is rebuilt from each read, so a retried PUT keeps a name or scope changed meanwhile
	// unless this update sets it.
	const written = await readMergeWrite(this, {
		endpoint,
		id,
		workspaceId,
		itemIndex,
		build: (stored) => {
			const resource = withChanges(stored);
			checkResource(this, resource, itemIndex);
			return resourceBody(resource);
		},
	});
	return {
		id,
		name: written.name,
		scope: written.scope,
		mimeType: written.mimeType,
		updated: true,
	};
}
