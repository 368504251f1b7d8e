// Message status (Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message, Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): GET only, `view=summary|detailed`.
// Summary: one entry with five categories and no `status` line; detailed: one entry per recipient
// with a status per channel, timestamps as epoch-seconds strings (Whispir's JSON) and its
// misspelt `acknowlegedTimestamp`.
import { linkUri, paginate } from '../links';
import { recipientsOf, type Recipient, type StatusCode } from '../messaging';
import { HttpError } from '../reply';
import type { Ctx, Rec, Reply, ResourceDef } from '../types';

const CATEGORIES: Array<[string, StatusCode]> = [
	['Sent', 'SENT'],
	['Pending', 'PENDING'],
	['Received', 'DELIVRD'],
	['Acknowledged', 'READ'],
	['Undeliverable', 'FAILED'],
];

/** How far a recipient got on any channel; FAILED only when every channel failed. */
const PROGRESS: StatusCode[] = ['FAILED', 'PENDING', 'SENT', 'DELIVRD', 'READ'];

function overall(recipient: Recipient): StatusCode {
	const states = Object.values(recipient.channels).map((channel) => channel!.status);
	if (states.length === 0) return 'FAILED';
	return states.reduce(
		(best, state) => (PROGRESS.indexOf(state) > PROGRESS.indexOf(best) ? state : best),
		'FAILED' as StatusCode,
	);
}

export function messageOf(ctx: Ctx): Rec {
	const message = ctx.env.store.get('messages', ctx.parentId ?? '');
	if (!message) throw new HttpError(404, `message ${ctx.parentId ?? ''} not found`);
	return message;
}

export function viewOf(ctx: Ctx): 'summary' | 'detailed' {
	const view = (ctx.query.view ?? 'summary').toLowerCase();
	if (view !== 'summary' && view !== 'detailed')
		throw new HttpError(400, 'view must be summary or detailed');
	return view;
}

/** One page of a detailed view: a row per recipient, numbered, for the resource's `view` to render. */
export function recipientPage(ctx: Ctx, recipients: Recipient[]): Reply {
	const rows: Rec[] = recipients.map((recipient, index) => ({ id: String(index), recipient }));
	return { status: 200, list: paginate(ctx, rows) };
}

const stamp = (seconds: number | undefined) =>
	seconds === undefined ? undefined : String(seconds);

function detailedItem(rec: Rec, ctx: Ctx): Record<string, unknown> {
	const recipient = rec.recipient as Recipient;
	return {
		name: recipient.name,
		info:
			recipient.info ||
			(overall(recipient) === 'PENDING' ? 'Message queued.' : 'Out bound message sent OK.'),
		link: [
			{ uri: linkUri(ctx, ctx.collectionPath, { view: 'detailed' }), rel: 'self', method: 'GET' },
		],
		status: (['email', 'sms', 'voice'] as const).map((type) => {
			const state = recipient.channels[type];
			if (!state) return { type, status: '', destination: '' };
			return {
				type,
				status: state.status,
				destination: state.destination,
				sentTimestamp: stamp(state.sentTimestamp),
				receivedTimestamp: stamp(state.receivedTimestamp),
				acknowlegedTimestamp: stamp(state.acknowlegedTimestamp),
			};
		}),
	};
}

function summary(ctx: Ctx, recipients: Recipient[]): Reply {
	const counts = new Map<StatusCode, number>();
	for (const recipient of recipients)
		counts.set(overall(recipient), (counts.get(overall(recipient)) ?? 0) + 1);
	const total = recipients.length;
	const categories = CATEGORIES.map(([name, code]) => {
		const recipientCount = counts.get(code) ?? 0;
		return {
			name,
			recipientCount,
			percentageTotal: `${total === 0 ? '0.0' : ((recipientCount * 100) / total).toFixed(1)}%`,
		};
	});
	const item = {
		link: [
			{ uri: linkUri(ctx, ctx.collectionPath, { view: 'summary' }), rel: 'self', method: 'GET' },
		],
		categories,
	};
	return { status: 200, list: { items: [item], link: [] } };
}

export const messagestatus: ResourceDef = {
	name: 'messagestatus',
	mediaType: 'messagestatus-v1',
	listKey: 'messageStatuses',
	itemName: 'messageStatus',
	scope: 'workspace',
	parent: 'messages',
	view: detailedItem,
	collection: {
		GET: {
			handle(ctx) {
				const recipients = recipientsOf(ctx.env, messageOf(ctx));
				return viewOf(ctx) === 'summary'
					? summary(ctx, recipients)
					: recipientPage(ctx, recipients);
			},
		},
	},
};
