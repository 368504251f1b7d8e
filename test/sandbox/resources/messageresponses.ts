// Message responses (Whispir's Message Responses docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message, Whispir's Message Responses docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): GET only, `view=summary|detailed`,
// `filter=default|responserule`. Each recipient counts once, with their latest reply ("noresponse"
// without one), as the docs' example of two recipients shows. The category of a reply is the
// response-rule category it matched, else "notmatched"; with filter=responserule the summary also
// lists the rule's categories nobody chose (the docs do not show that view: our reading of "grouped").
import { linkUri } from '../links';
import { recipientsOf, responseRuleOf, type Recipient } from '../messaging';
import { HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { messageOf, recipientPage, viewOf } from './messagestatus';

const latest = (recipient: Recipient) => recipient.responses.at(-1);
const categoryOf = (recipient: Recipient) => latest(recipient)?.category ?? 'noresponse';

function ruleCategories(ctx: Ctx, message: Rec): string[] {
	return responseRuleOf(ctx.env, message)
		.patterns.map((pattern) => String(pattern.name ?? ''))
		.filter(Boolean);
}

function detailedItem(rec: Rec): Record<string, unknown> {
	const recipient = rec.recipient as Recipient;
	const response = latest(recipient);
	return {
		from: {
			name: recipient.name,
			mri: recipient.mri,
			mobile: recipient.mobile,
			email: recipient.email,
			voice: recipient.voice,
		},
		responseCategory: categoryOf(recipient),
		responseMessage: response
			? {
					content: response.content,
					acknowledged: response.acknowledged,
					channel: response.channel,
				}
			: { content: 'N/A', acknowledged: 'N/A', channel: 'N/A' },
	};
}

export const messageresponses: ResourceDef = {
	name: 'messageresponses',
	mediaType: 'messageresponse-v1',
	listKey: 'messageresponses',
	itemName: 'response',
	scope: 'workspace',
	parent: 'messages',
	view: detailedItem,
	collection: {
		GET: {
			handle(ctx) {
				const filter = (ctx.query.filter ?? 'default').toLowerCase();
				if (filter !== 'default' && filter !== 'responserule')
					throw new HttpError(400, 'filter must be default or responserule');
				const message = messageOf(ctx);
				const recipients = recipientsOf(ctx.env, message);
				if (viewOf(ctx) === 'detailed') return recipientPage(ctx, recipients);
				const counts = new Map<string, number>();
				if (filter === 'responserule')
					for (const name of ruleCategories(ctx, message)) counts.set(name, 0);
				for (const recipient of recipients)
					counts.set(categoryOf(recipient), (counts.get(categoryOf(recipient)) ?? 0) + 1);
				const total = recipients.length;
				const items = [...counts].map(([type, count]) => ({
					percentageTotal: `${total === 0 ? 0 : Math.round((count * 100) / total)}%`,
					responseCount: String(count),
					link: [],
					type,
				}));
				const self = {
					uri: linkUri(ctx, ctx.collectionPath, { ...ctx.query }),
					rel: 'self',
					method: 'GET',
				};
				return { status: 200, list: { items, link: [self] } };
			},
		},
	},
};
