import type { IDataObject } from 'n8n-workflow';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A record with changes laid over it, objects merged at every depth: changing a template's email
 * footer keeps its email body, changing a push option keeps the others. Arrays and plain values
 * given in `changes` replace what was there. Used where Whispir's PUT replaces the whole record.
 */
export function mergeRecord(current: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...current };
	for (const [key, value] of Object.entries(changes)) {
		if (value === undefined) continue;
		const before = merged[key];
		merged[key] = isObject(before) && isObject(value) ? mergeRecord(before, value) : value;
	}
	return merged;
}
