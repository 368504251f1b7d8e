import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { readWallClock, whispirMinutes } from '../dates';
import { ENDPOINTS, type Endpoint } from '../endpoints';
import { locatorValue, wholeNumber } from '../parameters';

/**
 * The options a send shares with a bulk send: template, callback and schedule; and how each becomes
 * Whispir fields. Names a user types (template, callback) are checked against one list read per
 * execution, so a typo fails with the names that exist instead of a message that goes nowhere.
 */

export const templateOption: INodeProperties = {
	displayName: 'Template',
	name: 'template',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'A message template of the workspace. Its content is used for every channel you leave empty; @@attribute@@ tags in it are filled from "Message Attributes".',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. DACADB02209CC93C' },
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Event Reminder' },
	],
};

export const callbackOption: INodeProperties = {
	displayName: 'Callback',
	name: 'callback',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'A callback of the account that Whispir calls when a recipient replies or the message is undeliverable (e.g. the one a Whispir Trigger registered)',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCallbackNames', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. Replies to n8n' },
	],
};

/** Send only: Whispir documents no callback parameters for bulk sends (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
export const callbackParametersOption: INodeProperties = {
	displayName: 'Callback Parameters',
	name: 'callbackParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Parameter',
	default: {},
	description:
		'Your own values that Whispir passes back to the callback with every reply (as customParameters), e.g. an order ID to match the reply to',
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [
				{
					displayName: 'Key',
					name: 'key',
					type: 'string',
					default: '',
					placeholder: 'e.g. orderId',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. 10045',
				},
			],
		},
	],
};

export const scheduleOptions: INodeProperties[] = [
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		default: '',
		description:
			"When Whispir sends the message, instead of now. It is sent as the time in this workflow's timezone, and Whispir reads it in the timezone of the Whispir user's profile: keep the two the same.",
	},
	{
		displayName: 'Repeat',
		name: 'repeat',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Repetition',
		description: 'Sends the message again at a fixed interval, starting at "Send At"',
		options: [
			{
				displayName: 'Repetition',
				name: 'repetition',
				values: [
					{
						displayName: 'Times',
						name: 'count',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 2,
						description: 'How many times the message is sent in all',
					},
					{
						displayName: 'Every (Days)',
						name: 'days',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
					},
					{
						displayName: 'Every (Hours)',
						name: 'hours',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 1,
					},
					{
						displayName: 'Every (Minutes)',
						name: 'minutes',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
					},
				],
			},
		],
	},
];

/** A picked template or callback with how it was picked: from the list, by ID or by name. */
function locator(value: unknown): { mode: string; value: string } | undefined {
	const picked = locatorValue(value);
	if (picked === undefined) return undefined;
	const mode =
		typeof value === 'object' && value !== null
			? String((value as { mode?: unknown }).mode ?? 'id')
			: 'id';
	return { mode, value: picked };
}

/** Whether a resource locator option holds a value. */
export function isPicked(value: unknown): boolean {
	return locator(value) !== undefined;
}

/** One list read per execution, resource and workspace: shared by all items of the run. */
const listCache = new WeakMap<object, Map<string, Promise<IDataObject[]>>>();

async function cachedList(
	context: IExecuteFunctions,
	endpoint: Endpoint,
	workspaceId: string | undefined,
	itemIndex: number,
) {
	let lists = listCache.get(context);
	if (!lists) listCache.set(context, (lists = new Map()));
	const key = `${endpoint.path}|${endpoint.inWorkspace ? (workspaceId ?? '') : ''}`;
	let list = lists.get(key);
	if (!list) {
		list = whispirApiList.call(context, {
			path: endpoint.path,
			mediaType: endpoint.mediaType,
			listKey: endpoint.listKey,
			workspaceId: endpoint.inWorkspace ? workspaceId : undefined,
			itemIndex,
		});
		lists.set(key, list);
		// A failed read is not kept: the next item may try again.
		list.catch(() => lists.delete(key));
	}
	return await list;
}

async function assertNameExists(
	context: IExecuteFunctions,
	request: {
		endpoint: Endpoint;
		nameKey: string;
		name: string;
		label: string;
		kind: string;
		workspaceId?: string;
		itemIndex: number;
	},
): Promise<void> {
	const records = await cachedList(
		context,
		request.endpoint,
		request.workspaceId,
		request.itemIndex,
	);
	const names = records
		.map((record) => String(record[request.nameKey] ?? ''))
		.filter((name) => name !== '');
	if (names.includes(request.name)) return;
	const known =
		names.length === 0
			? `There are no ${request.kind}s here.`
			: `Names that exist: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ', …' : ''}.`;
	throw new NodeOperationError(
		context.getNode(),
		`"${request.label}" in item ${request.itemIndex}: there is no ${request.kind} named "${request.name}"`,
		{
			description: `${known} Names are case-sensitive. Pick one from the list instead.`,
			itemIndex: request.itemIndex,
		},
	);
}

/** `messageTemplateId`, or `messageTemplateName` after checking the name exists. */
export async function templateFields(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	workspaceId?: string,
): Promise<IDataObject> {
	const picked = locator(value);
	if (!picked) return {};
	if (picked.mode !== 'name') return { messageTemplateId: picked.value };
	await assertNameExists(context, {
		endpoint: ENDPOINTS.template,
		nameKey: 'messageTemplateName',
		name: picked.value,
		label: 'Template',
		kind: 'template',
		workspaceId,
		itemIndex,
	});
	return { messageTemplateName: picked.value };
}

/** Whispir wants the callback's **name** in `callbackId` (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback). */
export async function callbackFields(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Promise<IDataObject> {
	const fields: IDataObject = {};
	const picked = locator(options.callback);
	if (picked) {
		// Names picked from the list exist; typed ones are checked.
		if (picked.mode !== 'list') {
			await assertNameExists(context, {
				endpoint: ENDPOINTS.callback,
				nameKey: 'name',
				name: picked.value,
				label: 'Callback',
				kind: 'callback',
				itemIndex,
			});
		}
		fields.callbackId = picked.value;
	}
	const parameters =
		((options.callbackParameters as IDataObject | undefined)?.parameter as
			| IDataObject[]
			| undefined) ?? [];
	const callbackParameters: IDataObject = {};
	for (const { key, value } of parameters) {
		const name = String(key ?? '').trim();
		if (name !== '') callbackParameters[name] = String(value ?? '');
	}
	if (Object.keys(callbackParameters).length > 0) fields.callbackParameters = callbackParameters;
	return fields;
}

/** `messageType: SCHEDULED` with the date in Whispir's format; a repetition makes it REPEAT. */
export function scheduleFields(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): IDataObject {
	const repetition = (options.repeat as IDataObject | undefined)?.repetition as
		| IDataObject
		| undefined;
	if (options.sendAt === undefined || options.sendAt === '' || options.sendAt === null) {
		if (repetition) {
			throw new NodeOperationError(context.getNode(), `"Send At" is empty in item ${itemIndex}`, {
				description: 'A repeated message needs the date and time of its first send.',
				itemIndex,
			});
		}
		return {};
	}
	const sendAt = readWallClock(options.sendAt, context.getTimezone());
	if (!sendAt) {
		throw new NodeOperationError(
			context.getNode(),
			`"Send At" in item ${itemIndex} is not a date and time: "${String(options.sendAt)}"`,
			{
				description:
					'Pick a date and time, or give one like 2026-05-01T09:30 (an ISO date, optionally with a timezone offset).',
				itemIndex,
			},
		);
	}
	// Whispir reads scheduleDate in the sending user's profile timezone (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message, dates.ts).
	const scheduleDate = whispirMinutes(sendAt);
	if (sendAt.instant.getTime() < Date.now()) {
		throw new NodeOperationError(
			context.getNode(),
			`"Send At" in item ${itemIndex} is in the past: ${scheduleDate}`,
			{
				description: `Pick a time in the future (the workflow's timezone is ${context.getTimezone()}), or remove "Send At" to send now.`,
				itemIndex,
			},
		);
	}
	const fields: IDataObject = { messageType: 'SCHEDULED', scheduleType: 'ONCE', scheduleDate };
	if (repetition)
		Object.assign(fields, {
			scheduleType: 'REPEAT',
			...repetitionFields(context, itemIndex, repetition),
		});
	return fields;
}

/** Whispir's repetition fields, as the whole-number strings its examples send (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function repetitionFields(
	context: IExecuteFunctions,
	itemIndex: number,
	repetition: IDataObject,
): IDataObject {
	const whole = (value: unknown, label: string, min: number) =>
		wholeNumber(context, value ?? 0, { label: `Repeat: ${label}`, min }, itemIndex);
	const count = whole(repetition.count, 'Times', 1);
	const days = whole(repetition.days, 'Every (Days)', 0);
	const hours = whole(repetition.hours, 'Every (Hours)', 0);
	const minutes = whole(repetition.minutes, 'Every (Minutes)', 0);
	// Without an interval every repetition would go out at the same moment: the same message, many times.
	if (count > 1 && days + hours + minutes === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`"Repeat" in item ${itemIndex} has no interval`,
			{
				description:
					'Set "Every (Days)", "Every (Hours)" or "Every (Minutes)" above 0, or send the message only once.',
				itemIndex,
			},
		);
	}
	return {
		repetitionCount: String(count),
		repeatDays: String(days),
		repeatHrs: String(hours),
		repeatMin: String(minutes),
	};
}
