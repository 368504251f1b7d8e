import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { whispirApiRequest } from '../transport';
import { idFromUrl } from '../transport/responses';
import type { Endpoint } from '../actions/endpoints';

/**
 * The requests every resource makes the same way: read one record, create one, and update one by
 * read-merge-write. Used by the actions, the list searches in methods/ and the trigger.
 */

export function recordPath(endpoint: Endpoint, id: string): string {
	return `${endpoint.path}/${encodeURIComponent(id)}`;
}

/** Whispir's answer to a GET of one record. */
export async function fetchRecord(
	context: IExecuteFunctions,
	request: {
		endpoint: Endpoint;
		id: string;
		itemIndex: number;
		workspaceId?: string;
		qs?: IDataObject;
	},
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
): Promise<{ id?: string; url?: string; stored?: IDataObject; notice: IDataObject }> {
	const response = await whispirApiRequest.call(context, {
		method: 'POST',
		path: request.endpoint.path,
		mediaType: request.endpoint.mediaType,
		workspaceId: request.workspaceId,
		body: request.body,
		itemIndex: request.itemIndex,
	});
	const stored =
		typeof response.body === 'object' && response.body !== null
			? (response.body as IDataObject)
			: undefined;
	const id =
		idFromUrl(response.location) ?? (typeof stored?.id === 'string' ? stored.id : undefined);
	// Reported in the output, as sends do: a failed item would invite a second create.
	const notice = id === undefined ? { warning: CREATED_WITHOUT_ID } : {};
	return { id, url: response.location, stored, notice };
}

export const CREATED_WITHOUT_ID =
	'Whispir created the record, but its answer named no ID (no body, no Location header). Do not run this again: find the new record with Get Many.';

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
export function mergedRecord(
	current: IDataObject,
	changes: IDataObject,
	options: { merge?: MergeFunction; readOnly?: readonly string[] } = {},
): IDataObject {
	const merged = (options.merge ?? mergeRecords)(current, changes);
	for (const key of [...READ_ONLY_FIELDS, ...(options.readOnly ?? [])]) delete merged[key];
	return merged;
}

/**
 * PUTs a whole record. Alone, it replaces the stored record with `record`, on purpose: Whispir erases
 * every field not in it. A read-merge-write passes `rebuild`, which makes the body again for a retry.
 */
export async function writeRecord(
	context: IExecuteFunctions,
	request: RecordAddress & { record: IDataObject; rebuild?: () => Promise<IDataObject> },
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

interface RecordAddress {
	endpoint: Endpoint;
	id: string;
	itemIndex: number;
	workspaceId?: string;
}

/** What a read-merge-write lays over the stored record: changes (and how to merge them), or a function of it. */
type Rewrite =
	| {
			changes: IDataObject;
			/** How the changes are laid over the stored record; default `mergeRecords`. */
			merge?: MergeFunction;
			/** Extra fields of the GET answer to drop before the PUT. */
			readOnly?: readonly string[];
	  }
	| { build: (stored: IDataObject) => IDataObject };

/**
 * Every update goes this way. Whispir's PUT replaces the whole record, so fields left out are
 * erased (OpenAPI contactUpdate, userUpdate): this reads the record, lays the changes over it and
 * writes the result back, so a field the user did not touch keeps its value. `current` is a read
 * the caller already made (to check the record first); without it the record is read here. A retry
 * after a failed write reads and builds again: it writes what is stored now, not the earlier read.
 * Returns the record written, with its id.
 */
export async function readMergeWrite(
	context: IExecuteFunctions,
	request: RecordAddress &
		Rewrite & {
			/** Query for the GET, e.g. `customFields: true` so that custom fields survive. */
			readQuery?: IDataObject;
			current?: IDataObject;
		},
): Promise<IDataObject> {
	const { endpoint, id, itemIndex, workspaceId } = request;
	const build =
		'build' in request
			? request.build
			: (stored: IDataObject) =>
					mergedRecord(stored, request.changes, {
						merge: request.merge,
						readOnly: request.readOnly,
					});
	const read = async () =>
		await fetchRecord(context, { endpoint, id, workspaceId, itemIndex, qs: request.readQuery });
	let record = build(request.current ?? (await read()));
	const rebuild = async () => (record = build(await read()));
	await writeRecord(context, { endpoint, id, workspaceId, itemIndex, record, rebuild });
	return { id, ...record };
}

/** A record without some of its fields, e.g. a link Whispir adds or a secret it returns. */
export function withoutFields(record: IDataObject, keys: readonly string[]): IDataObject {
	const rest: IDataObject = { ...record };
	for (const key of keys) delete rest[key];
	return rest;
}
