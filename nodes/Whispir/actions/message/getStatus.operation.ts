import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOption, workspaceSelector } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';
import { isoTime, messageLocator } from './locator';
import { readReport } from './report';
import { isOn } from '../parameters';

const properties: INodeProperties[] = [
	workspaceSelector,
	messageLocator,
	{
		displayName: 'View',
		name: 'view',
		type: 'options',
		options: [
			{
				name: 'Summary',
				value: 'summary',
				description:
					'One item with how many recipients are pending, sent, received, acknowledged and undeliverable',
			},
			{
				name: 'Per Recipient',
				value: 'detailed',
				description: 'One item per recipient with the status of each channel and its times',
			},
		],
		default: 'summary',
		description: 'How much detail to return',
	},
	...updateDisplayOptions({ show: { view: ['detailed'] } }, returnAllOrLimit),
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getStatus'] } },
	properties,
);

/** Whispir's status categories (Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message) as counts, keyed for people and agents. */
function summaryOf(messageId: string, entry: IDataObject | undefined): IDataObject {
	const summary: IDataObject = { messageId };
	let total = 0;
	for (const category of (entry?.categories as IDataObject[] | undefined) ?? []) {
		const count = Number(category.recipientCount ?? 0);
		summary[String(category.name ?? '').toLowerCase()] = count;
		total += count;
	}
	return { ...summary, total };
}

/** Per channel: the status code and ISO times, channels the recipient was not sent left out. */
function recipientOf(messageId: string, entry: IDataObject): IDataObject {
	const simple: IDataObject = {
		messageId,
		name: entry.name,
		info: typeof entry.info === 'string' ? entry.info.trim() : entry.info,
	};
	const channels = Array.isArray(entry.status) ? (entry.status as IDataObject[]) : [];
	for (const channel of channels) {
		if (!channel.status) continue;
		simple[String(channel.type)] = {
			status: channel.status,
			destination: channel.destination,
			sentAt: isoTime(channel.sentTimestamp),
			receivedAt: isoTime(channel.receivedTimestamp),
			// Whispir spells it "acknowleged" (Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message).
			acknowledgedAt: isoTime(channel.acknowlegedTimestamp),
		};
	}
	return simple;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { messageId, view, entries } = await readReport(this, itemIndex, ENDPOINTS.messageStatus);
	const simplified = isOn(this.getNodeParameter('simplify', itemIndex, true));
	if (view === 'summary')
		return [simplified ? summaryOf(messageId, entries[0]) : { messageId, ...entries[0] }];
	return entries.map((entry) =>
		simplified ? recipientOf(messageId, entry) : { messageId, ...entry },
	);
}
