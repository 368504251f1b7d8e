import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';
import { mergeRecords, readMergeWrite } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { assertSomethingToUpdate, isOn, pickedId } from '../parameters';
import { assertEmail } from '../validation';
import { eventSwitches, retriesWord, switchWord } from './callbackBody';
import {
	assertUrl,
	authKeyField,
	authTypeField,
	chosenEvents,
	eventsField,
	optionalFields,
	urlField,
	withoutKey,
} from './fields';
import { callbackLocator } from './locator';

const properties: INodeProperties[] = [
	idLocator(callbackLocator),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields you add change; the callback keeps the others',
		options: (
			[
				{ ...eventsField, default: [] },
				authKeyField,
				{
					...authTypeField,
					description: `${authTypeField.description}. Changing it needs the Key too.`,
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. Ticketing replies',
					description:
						'New name of the callback. Messages sent with the old name no longer reach it.',
				},
				...optionalFields,
				urlField,
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['callback'], operation: ['update'] } },
	properties,
);

export const runsInOrder = true;

/** The fields given, in Whispir's shape; `auth` and `callbacks` are merged into the stored ones. */
function changesOf(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const changes: IDataObject = {};
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	if (text(fields.name)) changes.name = text(fields.name);
	if (text(fields.url)) changes.url = assertUrl(context, text(fields.url), itemIndex);
	if (fields.events !== undefined)
		changes.callbacks = eventSwitches(chosenEvents(context, itemIndex, fields.events));
	const auth: IDataObject = {};
	if (fields.authType !== undefined) auth.type = fields.authType;
	if (text(fields.authKey)) auth.key = text(fields.authKey);
	// The docs do not say that Whispir returns the key, so a new location is only written with a key.
	if (auth.type !== undefined && auth.key === undefined) {
		throw new NodeOperationError(context.getNode(), `"Key" is empty in item ${itemIndex}`, {
			description:
				'Whispir needs the key together with its location: add "Key" to the fields to update.',
			itemIndex,
		});
	}
	if (Object.keys(auth).length > 0) changes.auth = auth;
	if (fields.contentType !== undefined) changes.contentType = fields.contentType;
	if (fields.removeHtml !== undefined) changes.removeHTML = switchWord(isOn(fields.removeHtml));
	if (fields.retriesEnabled !== undefined)
		changes.retriesEnabled = retriesWord(isOn(fields.retriesEnabled));
	if (text(fields.email))
		changes.email = assertEmail(context, text(fields.email), itemIndex, 'Failure Email');
	return changes;
}

/**
 * Whispir does not document whether reading a callback returns its key. If it does not, writing the
 * merged callback back would drop the key, and every delivery would then fail the key check: refuse
 * before the write and ask for the key instead.
 */
function keepingTheKey(
	context: IExecuteFunctions,
	merged: IDataObject,
	itemIndex: number,
): IDataObject {
	const auth = merged.auth as IDataObject | undefined;
	if (auth === undefined || (typeof auth.key === 'string' && auth.key !== '')) return merged;
	throw new NodeOperationError(
		context.getNode(),
		`"Key" is needed in item ${itemIndex}: Whispir did not return the callback's key`,
		{
			description:
				'An update replaces the whole callback. Add "Key" to the fields to update (the key the receiving side expects), so that it is kept.',
			itemIndex,
		},
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const changes = changesOf(
		this,
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		itemIndex,
	);
	assertSomethingToUpdate(this, changes, itemIndex);
	// Whispir's PUT replaces the whole callback: read, merge, write. A new URL is checked with a GET again.
	const updated = await readMergeWrite(this, {
		endpoint: ENDPOINTS.callback,
		id: pickedId(this, callbackLocator, itemIndex),
		changes,
		itemIndex,
		merge: (current, given) => keepingTheKey(this, mergeRecords(current, given), itemIndex),
	});
	return withoutKey(updated);
}
