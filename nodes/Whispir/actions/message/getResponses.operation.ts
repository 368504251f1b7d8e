import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllOrLimit, simplifyOption, workspaceSelector } from '../common.descriptions';
import { ENDPOINTS } from '../endpoints';
import { isOn } from '../parameters';
import { messageLocator } from './locator';
import { readReport } from './report';
import { withoutFields } from '../../helpers/records';

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
					'One item per response category with how many recipients are in it ("noresponse", "notmatched", or a response rule category)',
			},
			{
				name: 'Per Recipient',
				value: 'detailed',
				description:
					'One item per recipient with their reply, its channel and time, and its category',
			},
		],
		default: 'summary',
		description: 'How much detail to return',
	},
	{
		displayName: 'Group by Response Rule',
		name: 'byResponseRule',
		type: 'boolean',
		default: false,
		description:
			"Whether to group the replies by the categories of the message's response rule (e.g. Yes / No) instead of Whispir's default grouping",
	},
	...updateDisplayOptions({ show: { view: ['detailed'] } }, returnAllOrLimit),
	simplifyOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getResponses'] } },
	properties,
);

const notAvailable = (value: IDataObject[string]) =>
	value === 'N/A' || value === '' ? null : value;

function recipientOf(messageId: string, entry: IDataObject): IDataObject {
	const from = (entry.from as IDataObject | undefined) ?? {};
	const reply = (entry.responseMessage as IDataObject | undefined) ?? {};
	return {
		messageId,
		name: from.name,
		mri: notAvailable(from.mri),
		mobile: notAvailable(from.mobile),
		email: notAvailable(from.email),
		category: entry.responseCategory,
		reply: notAvailable(reply.content),
		channel: notAvailable(reply.channel),
		// dd/MM/yy HH:mm in the Whispir user's timezone (Whispir's Message Responses docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): left as Whispir gives it.
		repliedAt: notAvailable(reply.acknowledged),
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const filter = isOn(this.getNodeParameter('byResponseRule', itemIndex, false))
		? 'responserule'
		: 'default';
	const { messageId, view, entries } = await readReport(
		this,
		itemIndex,
		ENDPOINTS.messageResponse,
		{ filter },
	);
	const simplified = isOn(this.getNodeParameter('simplify', itemIndex, true));
	if (view === 'summary') {
		return entries.map((withLink) => {
			const entry = withoutFields(withLink, ['link']);
			return simplified
				? {
						messageId,
						category: entry.type,
						recipients: Number(entry.responseCount ?? 0),
						percentage: entry.percentageTotal,
					}
				: { messageId, ...entry };
		});
	}
	return entries.map((entry) =>
		simplified ? recipientOf(messageId, entry) : { messageId, ...entry },
	);
}
