import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchRecord, updateByMerge } from '../crud';
import { ENDPOINTS } from '../endpoints';
import { simplifyEvent, type WhispirEvent } from './fields';

/**
 * Update and Close: read the event, change the given form fields (and label or status), write the
 * whole event back, since Whispir's PUT replaces it. Returns the event as stored, simplified.
 */
export async function saveEventChanges(
	context: IExecuteFunctions,
	request: {
		id: string;
		workspaceId?: string;
		itemIndex: number;
		eventLabel?: string;
		status?: string;
		values: Record<string, string>;
	},
): Promise<IDataObject> {
	const { id, workspaceId, itemIndex } = request;
	const endpoint = ENDPOINTS.event;
	const current = (await fetchRecord(context, { endpoint, id, workspaceId, itemIndex })) as WhispirEvent;
	const [form = { formName: '', eventFieldList: [] }, ...otherForms] = current.eventFormList ?? [];
	const values = { ...request.values };
	// The docs' example keeps the status in the form as well as on the event: both change together.
	if (request.status !== undefined) values.status = request.status;

	const fieldList = (form.eventFieldList ?? []).map((field) =>
		field.name in values ? { name: field.name, value: values[field.name] } : field,
	);
	for (const [name, value] of Object.entries(values)) {
		if (!fieldList.some((field) => field.name === name)) fieldList.push({ name, value });
	}
	const event: IDataObject = {
		eventLabel: request.eventLabel ?? current.eventLabel,
		status: request.status ?? current.status,
		eventFormList: [{ ...form, eventFieldList: fieldList }, ...otherForms],
	};
	await updateByMerge(context, { endpoint, id, workspaceId, itemIndex, changes: event, replace: true });
	return simplifyEvent({ id, ...event } as WhispirEvent);
}
