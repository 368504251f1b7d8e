import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readMergeWrite } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { simplifyEvent, type WhispirEvent } from './fields';

/** What an Update or Close changes: the label and status when given, and form fields by name. */
type EventChanges = { eventLabel?: string; status?: string; values: Record<string, string> };

/**
 * How changes are laid over a stored event: form fields merge by name (a field given replaces the
 * stored one, the others stay), the label and status replace theirs. Only the label, the status and
 * the forms are written back.
 */
export function mergeEvent(current: IDataObject, changes: IDataObject): IDataObject {
	const { eventLabel, status, values: given } = changes as EventChanges;
	const stored = current as WhispirEvent;
	const [form = { formName: '', eventFieldList: [] }, ...otherForms] = stored.eventFormList ?? [];
	const values = { ...given };
	// The docs' example keeps the status in the form as well as on the event: both change together.
	if (status !== undefined) values.status = status;

	const fieldList = (form.eventFieldList ?? []).map((field) =>
		field.name in values ? { name: field.name, value: values[field.name] } : field,
	);
	for (const [name, value] of Object.entries(values)) {
		if (!fieldList.some((field) => field.name === name)) fieldList.push({ name, value });
	}
	return {
		eventLabel: eventLabel ?? stored.eventLabel,
		status: status ?? stored.status,
		eventFormList: [{ ...form, eventFieldList: fieldList }, ...otherForms],
	};
}

/**
 * Update and Close: read the event, change the given form fields (and label or status), write the
 * whole event back, since Whispir's PUT replaces it. Returns the event as stored, simplified.
 */
export async function saveEventChanges(
	context: IExecuteFunctions,
	request: { id: string; workspaceId?: string; itemIndex: number } & EventChanges,
): Promise<IDataObject> {
	const { id, workspaceId, itemIndex, ...changes } = request;
	const event = await readMergeWrite(context, {
		endpoint: ENDPOINTS.event,
		id,
		workspaceId,
		itemIndex,
		changes,
		merge: mergeEvent,
	});
	return simplifyEvent(event as WhispirEvent);
}
