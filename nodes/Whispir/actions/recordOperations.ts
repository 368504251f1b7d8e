import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchRecord, recordPath } from '../helpers/records';
import { whispirApiList, whispirApiRequest } from '../transport';
import {
	idLocator,
	returnAllOrLimit,
	simplifyOption,
	workspaceSelector,
	type IdLocatorOptions,
} from './common.descriptions';
import type { Endpoint } from './endpoints';
import type { WhispirItemOperation } from './operation';
import { isOn, listLimit, nonEmptyTexts, optionalText, pickedId } from './parameters';

/**
 * The operations most Whispir resources share (get one, list, delete), described once. Operations
 * with their own rules (sending, bulk sends, activation, imports) are written out.
 */

/** The workspace picked for this item, or undefined for Whispir's default workspace. */
export function workspaceOf(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: Endpoint,
): string | undefined {
	return endpoint.inWorkspace ? optionalText(context, 'workspace', itemIndex) : undefined;
}

/** The fields Simplify keeps: the same for every record, or chosen per record (a contact's custom fields). */
type SimplifyKeys = readonly string[] | ((record: IDataObject) => readonly string[]);

const simplified = (record: IDataObject, keys: SimplifyKeys) =>
	simplify(record, typeof keys === 'function' ? keys(record) : keys);

/** Keeps the fields a person usually needs; the id first. */
export function simplify(record: IDataObject, keys: readonly string[]): IDataObject {
	const simple: IDataObject = {};
	for (const key of ['id', ...keys]) if (record[key] !== undefined) simple[key] = record[key];
	return simple;
}

/** Properties of an operation, with the workspace selector first when the resource lives in workspaces. */
function withWorkspace(endpoint: Endpoint, properties: INodeProperties[]): INodeProperties[] {
	return endpoint.inWorkspace ? [workspaceSelector, ...properties] : properties;
}

interface RecordOperationSpec {
	resource: string;
	endpoint: Endpoint;
	locator: IdLocatorOptions;
}

/** What is done to each record before it is output, e.g. leave out a secret Whispir might return. */
type OutputFilter = (record: IDataObject) => IDataObject;

/** Get: one record by ID, optionally simplified. */
export function getOperation(
	spec: RecordOperationSpec & {
		simplifyKeys?: SimplifyKeys;
		qs?: IDataObject;
		output?: OutputFilter;
	},
): WhispirItemOperation {
	const properties = withWorkspace(spec.endpoint, [
		idLocator(spec.locator),
		...(spec.simplifyKeys ? [simplifyOption] : []),
	]);
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: ['get'] } },
			properties,
		),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const record = await fetchRecord(this, {
				endpoint: spec.endpoint,
				id: pickedId(this, spec.locator, itemIndex),
				workspaceId: workspaceOf(this, itemIndex, spec.endpoint),
				qs: spec.qs,
				itemIndex,
			});
			const simplifyKeys = isOn(this.getNodeParameter('simplify', itemIndex, true))
				? spec.simplifyKeys
				: undefined;
			const shown = simplifyKeys ? simplified(record, simplifyKeys) : record;
			return spec.output ? spec.output(shown) : shown;
		},
	};
}

/** Delete: one record by ID; Whispir answers 204. */
export function deleteOperation(spec: RecordOperationSpec): WhispirItemOperation {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: ['delete'] } },
			withWorkspace(spec.endpoint, [idLocator(spec.locator)]),
		),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const id = pickedId(this, spec.locator, itemIndex);
			await whispirApiRequest.call(this, {
				method: 'DELETE',
				path: recordPath(spec.endpoint, id),
				mediaType: spec.endpoint.mediaType,
				workspaceId: workspaceOf(this, itemIndex, spec.endpoint),
				itemIndex,
			});
			return { id, deleted: true };
		},
	};
}

export interface GetManySpec {
	resource: string;
	endpoint: Endpoint;
	/** Extra fields shown after Return All / Limit, usually a "Filters" collection. */
	filters?: INodeProperties[];
	/** Turns the item's filter fields into Whispir query parameters. */
	query?(this: IExecuteFunctions, itemIndex: number): IDataObject;
	simplifyKeys?: SimplifyKeys;
	output?: OutputFilter;
}

/** An item's "Filters" collection as Whispir query parameters, for filters named as Whispir names them. */
export function filtersQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return nonEmptyTexts(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
}

/** Get Many: Return All or Limit across Whispir's 20-item pages, with optional filters. */
export function getManyOperation(spec: GetManySpec): WhispirItemOperation {
	const properties = withWorkspace(spec.endpoint, [
		...returnAllOrLimit,
		...(spec.filters ?? []),
		...(spec.simplifyKeys ? [simplifyOption] : []),
	]);
	return {
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: ['getAll'] } },
			properties,
		),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const records = await whispirApiList.call(this, {
				path: spec.endpoint.path,
				mediaType: spec.endpoint.mediaType,
				listKey: spec.endpoint.listKey,
				notFoundIsEmpty: spec.endpoint.emptyListIs404,
				workspaceId: workspaceOf(this, itemIndex, spec.endpoint),
				qs: spec.query?.call(this, itemIndex),
				limit: listLimit(this, itemIndex),
				itemIndex,
			});
			const simplifyKeys = isOn(this.getNodeParameter('simplify', itemIndex, true))
				? spec.simplifyKeys
				: undefined;
			const shown = simplifyKeys
				? records.map((record) => simplified(record, simplifyKeys))
				: records;
			return spec.output ? shown.map((record) => spec.output!(record)) : shown;
		},
	};
}
