import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWallClock, whispirSeconds } from '../dates';
import { isBlank } from '../parameters';
import { invalidValue } from '../validation';

/**
 * An event is a label, a status and one form of name/value fields
 * (https://developers.whispir.com/c2NoOjY5MTI5NA-event). The documented fields are offered here.
 * Their values (categories, severities, priorities…) are set up per company in Whispir, so they are
 * text: the documentation's sample company is only shown as a placeholder.
 */

const MAX_ACTIONS = 10;

const choices = (values: string[]): INodePropertyOptions[] =>
	values.map((value) => ({ name: value, value }));

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	// The docs name Active and Resolved, say "the default status is Open", and close events by setting Closed.
	options: choices(['Open', 'Active', 'Resolved']),
	default: 'Open',
	description: 'The state of the event. Use the Close operation to close it.',
};

/** The optional form fields, for Create ("Additional Fields") and Update ("Update Fields"). */
export const formFields: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		placeholder: 'e.g. Internal Systems',
		description: "The kind of event, as your company's event form lists it",
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'The detailed description of the event',
	},
	{
		displayName: 'Duration',
		name: 'duration',
		type: 'string',
		default: '',
		placeholder: 'e.g. 02:05:00',
		description: 'How long the event lasts, as HH:MM:SS; may replace the end date',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description:
			"When the event ends, in the workflow's timezone (keep it the same as the Whispir user's)",
	},
	{
		displayName: 'External Case Number',
		name: 'externalCaseNumber',
		type: 'string',
		default: '',
		description: 'The number another party tracks this event under',
	},
	{
		displayName: 'External Vendor',
		name: 'externalVendor',
		type: 'string',
		default: '',
		description: 'The external vendor involved, name or contact',
	},
	{
		displayName: 'Impact Condition',
		name: 'impactCondition',
		type: 'string',
		default: '',
		placeholder: 'e.g. Some services degraded',
		description: "How the event affects services, as your company's event form lists it",
	},
	{
		displayName: 'Impact to Organisation',
		name: 'impactToOrg',
		type: 'string',
		default: '',
		placeholder: 'e.g. Local',
		description:
			"How widely the event affects the organisation, as your company's event form lists it",
	},
	{
		displayName: 'Line Number',
		name: 'lineNumber',
		type: 'string',
		default: '',
		description: 'The production line concerned',
	},
	{
		displayName: 'Location',
		name: 'location',
		type: 'string',
		default: '',
		placeholder: 'e.g. -33.8688,151.2093',
		description: 'Where the event is, as latitude,longitude; shown on Whispir maps',
	},
	{
		displayName: 'Locations',
		name: 'locations',
		type: 'string',
		default: '',
		description: "The organisation's operating areas the event affects",
	},
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'string',
		default: '',
		description: 'The platform the event concerns',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'string',
		default: '',
		placeholder: 'e.g. Priority 3 - <3 day Resolution',
		description: "How fast the event must be resolved, as your company's event form lists it",
	},
	{
		displayName: 'Services',
		name: 'services',
		type: 'string',
		default: '',
		description: 'The services the event concerns',
	},
	{
		displayName: 'Severity',
		name: 'severity',
		type: 'string',
		default: '',
		placeholder: 'e.g. Severity 4 - Scheduled System Changes',
		description: "How serious the event is, as your company's event form lists it",
	},
	{
		displayName: 'Sub-Category',
		name: 'subCategory',
		type: 'string',
		default: '',
		placeholder: 'e.g. Staff Impact',
		description: "Who is affected, as your company's event form lists it",
	},
	{
		displayName: 'Summary',
		name: 'summary',
		type: 'string',
		default: '',
		placeholder: 'e.g. Outage of systems in Sydney',
		description:
			'A one-line summary, like an email subject. Messages about the event can use it as @@summary@@.',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'string',
		default: '',
		placeholder: 'e.g. Network',
		description: "The type of event, as your company's event form lists it",
	},
];

export const actionsField: INodeProperties = {
	displayName: 'Actions',
	name: 'actions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Action',
	default: {},
	description: `What must be done about the event, by whom and when; at most ${MAX_ACTIONS}`,
	options: [
		{
			displayName: 'Action',
			name: 'action',
			values: [
				{
					displayName: 'Date',
					name: 'date',
					type: 'dateTime',
					default: '',
					description: "When the action is due, in the workflow's timezone",
				},
				{
					displayName: 'Details',
					name: 'details',
					type: 'string',
					default: '',
					placeholder: 'e.g. Send a team to investigate',
					description: 'What must be done',
				},
				{
					displayName: 'Owner',
					name: 'owner',
					type: 'string',
					default: '',
					placeholder: 'e.g. John Wick',
					description: 'Who is responsible for the action',
				},
			],
		},
	],
};

/** A date picked in n8n as Whispir's event date: dd/MM/yyyy HH:mm:ss (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event). */
export function eventDate(
	context: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	if (isBlank(value)) {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty in item ${itemIndex}`, {
			description: `Pick a date and time for "${label}", or map a field that has one for every item.`,
			itemIndex,
		});
	}
	const time = readWallClock(value, context.getTimezone());
	if (!time) {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" in item ${itemIndex} is not a date: "${String(value)}"`,
			{
				description: 'Pick a date and time, or give one as 2025-09-11T17:21:00.',
				itemIndex,
			},
		);
	}
	return whispirSeconds(time);
}

/**
 * The form fields the user gave, as Whispir's `name`/`value` pairs: dates converted, the
 * duration and location checked. Only given fields appear.
 */
export function formValues(
	context: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): Record<string, string> {
	const values: Record<string, string> = {};
	for (const property of formFields) {
		const raw = fields[property.name];
		if (raw === undefined || raw === null || raw === '') continue;
		// n8n date pickers become Whispir's dd/MM/yyyy HH:mm:ss.
		if (property.type === 'dateTime') {
			values[property.name] = eventDate(context, raw, property.displayName, itemIndex);
			continue;
		}
		const text = String(raw).trim();
		if (property.name === 'duration' && !/^\d{2}:[0-5]\d:[0-5]\d$/.test(text)) {
			throw invalidValue(
				context,
				itemIndex,
				'Duration',
				text,
				'Enter the duration as HH:MM:SS, e.g. 02:05:00.',
			);
		}
		if (property.name === 'location' && !/^-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?$/.test(text)) {
			throw invalidValue(
				context,
				itemIndex,
				'Location',
				text,
				'Enter latitude,longitude, e.g. -33.8688,151.2093.',
			);
		}
		values[property.name] = text;
	}
	return values;
}

/**
 * The actions as numbered fields `actionDate1`, `actionOwner1`, `actionDetails1` … (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event).
 * Whispir has ten slots: more actions fail here, before anything is sent. Unused slots are blank,
 * so actions given on an update replace all earlier ones. Undefined when the user gave none.
 */
export function actionValues(
	context: IExecuteFunctions,
	itemIndex: number,
): Record<string, string> | undefined {
	const { action: actions } = context.getNodeParameter('actions', itemIndex, {}) as {
		action?: IDataObject[];
	};
	if (!actions || actions.length === 0) return undefined;
	if (actions.length > MAX_ACTIONS) {
		throw new NodeOperationError(
			context.getNode(),
			`"Actions" has ${actions.length} entries in item ${itemIndex}; an event has at most ${MAX_ACTIONS}`,
			{
				description: `Keep the ${MAX_ACTIONS} most important actions, or put several steps in one action's details.`,
				itemIndex,
			},
		);
	}
	const values: Record<string, string> = {};
	for (let slot = 1; slot <= MAX_ACTIONS; slot++) {
		const action = actions[slot - 1] ?? {};
		const date =
			action.date === undefined || action.date === ''
				? ''
				: eventDate(context, action.date, `Date of action ${slot}`, itemIndex);
		values[`actionDate${slot}`] = date;
		values[`actionOwner${slot}`] = String(action.owner ?? '').trim();
		values[`actionDetails${slot}`] = String(action.details ?? '').trim();
	}
	return values;
}

/** An event as Whispir stores it. */
export interface WhispirEvent extends IDataObject {
	eventLabel?: string;
	status?: string;
	eventFormList?: Array<{
		formName?: string;
		eventFieldList?: Array<{ name: string; value?: string }>;
	}>;
}

/**
 * The event with its form fields laid out flat and blank ones left out:
 * `{ id, eventLabel, status, formName, summary, startDate, actionOwner1, … }`.
 */
export function simplifyEvent(event: WhispirEvent): IDataObject {
	const simple: IDataObject = { id: event.id, eventLabel: event.eventLabel, status: event.status };
	for (const form of event.eventFormList ?? []) {
		if (form.formName) simple.formName = form.formName;
		for (const field of form.eventFieldList ?? []) {
			if (field.value !== undefined && field.value !== '' && !(field.name in simple))
				simple[field.name] = field.value;
		}
	}
	return simple;
}
