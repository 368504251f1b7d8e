import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallbackEvent } from './callbackBody';
import { withoutFields } from '../../helpers/records';

/** The fields Create shows at the top level and Update offers in "Update Fields", described once. */

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: [
		{
			name: 'Reply',
			value: 'reply',
			description: 'A recipient answered a message sent with this callback',
		},
		{
			name: 'Undeliverable',
			value: 'undeliverable',
			description: 'A message sent with this callback could not be delivered',
		},
	],
	default: ['reply', 'undeliverable'],
	description: 'Which events Whispir sends to the URL',
};

export const urlField: INodeProperties = {
	displayName: 'URL',
	name: 'url',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/whispir-callback',
	description:
		'Where Whispir sends the events. It must be reachable from the internet on port 80 or 443 and answer a GET with 200: Whispir checks that before it creates the callback.',
};

export const authTypeField: INodeProperties = {
	displayName: 'Key Location',
	name: 'authType',
	type: 'options',
	options: [
		{
			name: 'HTTP Header (Recommended)',
			value: 'httpheader',
			description: 'Sent as the X-Whispir-Callback-Key header',
		},
		{ name: 'Query Parameter', value: 'querystring', description: 'Added to the URL as ?auth=…' },
	],
	default: 'httpheader',
	description:
		'How Whispir passes the key with every event, so that your server can check it came from Whispir',
};

export const authKeyField: INodeProperties = {
	displayName: 'Key',
	name: 'authKey',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	description: 'A secret of your choice (letters and digits) that Whispir sends with every event',
};

/** Optional settings, shared by Create ("Additional Fields") and Update ("Update Fields"). */
export const optionalFields: INodeProperties[] = [
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		options: [
			{ name: 'JSON', value: 'json' },
			{ name: 'XML', value: 'xml' },
		],
		default: 'json',
		description: 'The format of the events Whispir sends. The Whispir Trigger node needs JSON.',
	},
	{
		displayName: 'Failure Email',
		name: 'email',
		type: 'string',
		placeholder: 'e.g. ops@example.com',
		default: '',
		description: 'Where Whispir sends a notice when it cannot reach the URL',
	},
	{
		displayName: 'Retry Failed Deliveries',
		name: 'retriesEnabled',
		type: 'boolean',
		default: true,
		description:
			'Whether Whispir retries events the URL did not accept (after about 5 minutes, for 24 hours). Failed events can be listed with Callback Call → Get Many either way.',
	},
	{
		displayName: 'Strip HTML From Replies',
		name: 'removeHtml',
		type: 'boolean',
		default: false,
		description: 'Whether Whispir removes HTML tags from reply content (useful for email replies)',
	},
];

export function chosenEvents(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): CallbackEvent[] {
	const events = (Array.isArray(value) ? value : []) as CallbackEvent[];
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), `"Events" is empty in item ${itemIndex}`, {
			description: 'Choose Reply, Undeliverable or both.',
			itemIndex,
		});
	}
	return events;
}

export function assertUrl(context: IExecuteFunctions, url: string, itemIndex: number): string {
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		throw new NodeOperationError(
			context.getNode(),
			`"URL" in item ${itemIndex} is not valid: "${url}"`,
			{
				description:
					'Enter a full address starting with https://, e.g. https://example.com/whispir-callback.',
				itemIndex,
			},
		);
	}
	return url;
}

/** What an operation outputs of a callback: the key stays out of execution data. */
export function withoutKey<T extends Record<string, unknown>>(callback: T): T {
	const auth = callback.auth as Record<string, unknown> | undefined;
	if (auth === undefined || typeof auth !== 'object') return callback;
	return { ...callback, auth: withoutFields(auth as IDataObject, ['key']) };
}
