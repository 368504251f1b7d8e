import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator, workspaceSelector } from '../common.descriptions';
import { fetchRecord, mergedRecord, readMergeWrite } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, nonEmptyTexts, pickedId } from '../parameters';
import { hasSomeBody, templateParts, templatePartFields, withVoiceType } from './fields';
import { templateLocator } from './locator';

/** Name, subject and SMS body become optional here, next to the template's other parts, in alphabetical order. */
const updatableFields = (
	[
		{
			displayName: 'Name',
			name: 'messageTemplateName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Appointment Reminder',
			description: 'A new name for the template; no other template may have it',
		},
		{
			displayName: 'SMS Body',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'The text of the SMS. @@tags@@ are filled in when sending.',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			description: 'The first line of the SMS and voice call, and the subject of the email',
		},
		...templatePartFields,
	] satisfies INodeProperties[]
).sort((a, b) => a.displayName.localeCompare(b.displayName));

const properties: INodeProperties[] = [
	workspaceSelector,
	idLocator(templateLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. Everything else in the template keeps its current value.',
		options: updatableFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/** A name no template has, for the moment between the two saves of an update that keeps the name. */
function temporaryName(name: string): string {
	return `${name} (updating ${Date.now().toString(36)})`;
}

/**
 * Read, merge, write. Whispir refuses a PUT whose name is already taken, even by the template
 * itself (templateUpdate, https://developers.whispir.com/c2NoOjM0ODAzNDA4-template: "users cannot update templates with the same name as a template that
 * already exists"). Its documented way out is to save under another name and rename back: when the
 * name stays the same, this saves under a temporary name first, then under the real one.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = pickedId(this, templateLocator, itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const { messageTemplateName, subject, body, ...parts } = updateFields;
	const changes: IDataObject = {
		...templateParts(parts),
		...nonEmptyTexts({ messageTemplateName, subject, body }),
	};
	assertSomethingToUpdate(this, changes, itemIndex);

	const endpoint = ENDPOINTS.template;
	const workspaceId = workspaceOf(this, itemIndex, endpoint);
	const current = await fetchRecord(this, { endpoint, id, workspaceId, itemIndex });
	const template = withVoiceType(mergedRecord(current, changes, { readOnly: ['id'] }));
	if (!hasSomeBody(template)) {
		throw new NodeOperationError(
			this.getNode(),
			`The template would have no content in item ${itemIndex}`,
			{
				description: 'Keep an SMS body, or give an email, voice or web body.',
				itemIndex,
			},
		);
	}
	const name = String(template.messageTemplateName ?? '');
	// Both saves start from the read above; a retried PUT reads and merges again.
	const write = async (savedName: string) =>
		await readMergeWrite(this, {
			endpoint,
			id,
			workspaceId,
			itemIndex,
			current,
			build: (stored) => ({
				...withVoiceType(mergedRecord(stored, changes, { readOnly: ['id'] })),
				messageTemplateName: savedName,
			}),
		});

	if (name !== String(current.messageTemplateName ?? '')) return await write(name);

	const temporary = temporaryName(name);
	await write(temporary);
	try {
		return await write(name);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Template ${id} was saved under the temporary name "${temporary}"`,
			{
				description:
					`Whispir accepted the changes but refused to give the name "${name}" back: ${(error as Error).message}. ` +
					`Run this Update again with Name set to "${name}", or rename the template in Whispir.`,
				itemIndex,
			},
		);
	}
}
