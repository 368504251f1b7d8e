import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiList, whispirApiRequest } from '../transport';
import { idFromUrl } from '../transport/responses';
import { idLocator, returnAllOrLimit, simplifyOption, workspaceSelector, type IdLocatorOptions } from '../actions/common.descriptions';
import type { Endpoint } from '../actions/endpoints';
import type { WhispirItemOperation } from '../actions/operation';
import { isOn, listLimit, optionalText, pickedId } from '../actions/parameters';

/**
 * The shapes most Whispir resources share (get one, list, delete, read-merge-write), described
 * once. Operations with their own rules (sending, bulk sends, activation, imports) are written out.
 */

/** The workspace picked for this item, or undefined for Whispir's default workspace. */
export function workspaceOf(context: IExecuteFunctions, itemIndex: number, endpoint: Endpoint): string | undefined {
	return endpoint.inWorkspace ? optionalText(context, 'workspace', itemIndex) : undefined;
}

export function recordPath(endpoint: Endpoint, id: string): string {
	return `${endpoint.path}/${encodeURIComponent(id)}`;
}

/** Whispir's answer to a GET of one record. */
export async function fetchRecord(
	context: IExecuteFunctions,
	request: { endpoint: Endpoint; id: string; itemIndex: number; workspaceId?: string; qs?: IDataObject },
): Promise<IDataObject> {
	const response = await whispirApiRequest.call(context, {
		method: 'GET',
		path: recordPath(request.endpoint, request.id),
		mediaType: request.endpoint.mediaType,
		workspaceId: request.workspaceId,
		qs: request.qs,
		itemIndex: request.itemIndex,
	});
	return response.body as IDataObject;
}

/**
 * Create: POSTs a new record. Whispir answers 201 with the new address in Location (the id is its
 * last segment) and, for some resources (contacts, devices, users, apps, scenarios, events), the
 * record as stored; `stored` is undefined when the answer has no body.
 */
export async function createRecord(
	context: IExecuteFunctions,
	request: { endpoint: Endpoint; body: IDataObject; itemIndex: number; workspaceId?: string },
): Promise<{ id?: string; url?: string; stored?: IDataObject }> {
	const response = await whispirApiRequest.call(context, {
		method: 'POST',
		path: request.endpoint.path,
		mediaType: request.endpoint.mediaType,
		workspaceId: request.workspaceId,
		body: request.body,
		itemIndex: request.itemIndex,
	});
	const stored = typeof response.body === 'object' && response.body !== null ? (response.body as IDataObject) : undefined;
	return { id: idFromUrl(response.location), url: response.location, stored };
}

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
	spec: RecordOperationSpec & { simplifyKeys?: readonly string[]; qs?: IDataObject; output?: OutputFilter },
): WhispirItemOperation {
	const properties = withWorkspace(spec.endpoint, [
		idLocator(spec.locator),
		...(spec.simplifyKeys ? [simplifyOption] : []),
	]);
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['get'] } }, properties),
		async execute(this: IExecuteFunctions, itemIndex: number) {
			const record = await fetchRecord(this, {
				endpoint: spec.endpoint,
				id: pickedId(this, spec.locator, itemIndex),
				workspaceId: workspaceOf(this, itemIndex, spec.endpoint),
				qs: spec.qs,
				itemIndex,
			});
			const simplified = spec.simplifyKeys && isOn(this.getNodeParameter('simplify', itemIndex, true));
			const shown = simplified ? simplify(record, spec.simplifyKeys!) : record;
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
	simplifyKeys?: readonly string[];
	output?: OutputFilter;
}

/** Values as text, trimmed, the empty ones left out: for query parameters and for the fields of a partial body. */
export function filledQuery(values: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		const text = String(value ?? '').trim();
		if (text !== '') qs[key] = text;
	}
	return qs;
}

/** An item's "Filters" collection as Whispir query parameters, for filters named as Whispir names them. */
export function filtersQuery(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return filledQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
}

/** Get Many: Return All or Limit across Whispir's 20-item pages, with optional filters. */
export function getManyOperation(spec: GetManySpec): WhispirItemOperation {
	const properties = withWorkspace(spec.endpoint, [
		...returnAllOrLimit,
		...(spec.filters ?? []),
		...(spec.simplifyKeys ? [simplifyOption] : []),
	]);
	return {
		description: updateDisplayOptions({ show: { resource: [spec.resource], operation: ['getAll'] } }, properties),
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
			const simplified = spec.simplifyKeys && isOn(this.getNodeParameter('simplify', itemIndex, true));
			const shown = simplified ? records.map((record) => simplify(record, spec.simplifyKeys!)) : records;
			return spec.output ? shown.map((record) => spec.output!(record)) : shown;
		},
	};
}

/** Fields Whispir adds to its answers and does not take back in a PUT. */
const READ_ONLY_FIELDS = ['link', 'mri', 'lastModifiedTime', 'createdTime'];

/** How changes are laid over a stored record; returns a new record. */
export type MergeFunction = (current: IDataObject, changes: IDataObject) => IDataObject;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The default merge: objects merge at every depth (a new email footer keeps the email body), while
 * arrays and plain values given in `changes` replace what was there. Undefined changes nothing.
 */
export function mergeRecords(current: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...current };
	for (const [key, value] of Object.entries(changes)) {
		if (value === undefined) continue;
		const before = merged[key];
		merged[key] = isObject(before) && isObject(value) ? mergeRecords(before, value) : value;
	}
	return merged;
}

/**
 * The record a read-merge-write sends back: the stored record with the changes laid over it
 * (`merge`, default `mergeRecords`), without the fields Whispir does not take back.
 */
export function recordToWrite(
	current: IDataObject,
	changes: IDataObject,
	options: { merge?: MergeFunction; readOnly?: readonly string[] } = {},
): IDataObject {
	const merged = (options.merge ?? mergeRecords)(current, changes);
	for (const key of [...READ_ONLY_FIELDS, ...(options.readOnly ?? [])]) delete merged[key];
	return merged;
}

/**
 * PUTs a whole record, as Whispir's updates take it. A read-merge-write passes `rebuild` (read and
 * merge again): a retry after a failed write then writes what is stored now, not the earlier read.
 */
export async function writeRecord(
	context: IExecuteFunctions,
	request: {
		endpoint: Endpoint;
		id: string;
		record: IDataObject;
		itemIndex: number;
		workspaceId?: string;
		rebuild?: () => Promise<IDataObject>;
	},
): Promise<void> {
	await whispirApiRequest.call(context, {
		method: 'PUT',
		path: recordPath(request.endpoint, request.id),
		mediaType: request.endpoint.mediaType,
		workspaceId: request.workspaceId,
		body: request.record,
		itemIndex: request.itemIndex,
		rebuildBody: request.rebuild,
	});
}

/**
 * Whispir's PUT replaces the whole record, so fields left out are erased (endpoints.md §2.7, §2.16).
 * This reads the record, lays the changes over it and writes the result back: a field the user did
 * not touch keeps its value. Resources whose records need another merge (a contact's messaging
 * options per channel, an event's form fields by name) pass their own `merge`.
 * With `replace`, the changes alone are written, on purpose.
 */
export async function updateByMerge(
	context: IExecuteFunctions,
	request: {
		endpoint: Endpoint;
		id: string;
		changes: IDataObject;
		itemIndex: number;
		workspaceId?: string;
		/** Write only the changes; Whispir then erases every field not in them. */
		replace?: boolean;
		/** How the changes are laid over the stored record; default `mergeRecords`. */
		merge?: MergeFunction;
		/** Extra fields of the GET answer to drop before the PUT. */
		readOnly?: readonly string[];
		/** Query for the GET, e.g. `customFields: true` so that custom fields survive. */
		readQuery?: IDataObject;
	},
): Promise<IDataObject> {
	const { endpoint, id, itemIndex, workspaceId } = request;
	if (request.replace) {
		await writeRecord(context, { endpoint, id, workspaceId, itemIndex, record: request.changes });
		return { id, ...request.changes };
	}
	const record = await rewriteRecord(context, {
		endpoint,
		id,
		workspaceId,
		itemIndex,
		readQuery: request.readQuery,
		build: (stored) => recordToWrite(stored, request.changes, { merge: request.merge, readOnly: request.readOnly }),
	});
	return { id, ...record };
}

/**
 * Writes back a record made from the stored one by `build`, and returns what was written. `current`
 * is a read the caller already made (to check the record first); without it the record is read here.
 * A retry after a failed write reads and builds again: it writes what is stored now, not the earlier read.
 */
export async function rewriteRecord(
	context: IExecuteFunctions,
	request: {
		endpoint: Endpoint;
		id: string;
		itemIndex: number;
		workspaceId?: string;
		readQuery?: IDataObject;
		current?: IDataObject;
		build: (stored: IDataObject) => IDataObject;
	},
): Promise<IDataObject> {
	const { endpoint, id, itemIndex, workspaceId } = request;
	const read = async () => await fetchRecord(context, { endpoint, id, workspaceId, itemIndex, qs: request.readQuery });
	let record = request.build(request.current ?? (await read()));
	const rebuild = async () => (record = request.build(await read()));
	await writeRecord(context, { endpoint, id, workspaceId, itemIndex, record, rebuild });
	return record;
}
