// Messages (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message, Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): sending answers 202 with a Location and a
// plain-text body; bulk sends (bulkmessage-v1) create one message per resource row. What happens
// after sending (status, replies) lives in ../messaging.ts.
import { linkUri, paginate, publicFields, selfLink } from '../links';
import { buildMessage, createBulkMessage, createMessage } from '../messaging';
import { HttpError } from '../reply';
import type { Ctx, Link, Rec, Reply, ResourceDef } from '../types';
import { getOp, location } from './crud';
import { parseShortDate } from './validate';

const ACCEPTED = 'Your request has been accepted for processing.';
/** "At present Whispir provides a default of the last 7 days of messages" (Whispir's API docs, Pagination: https://developers.whispir.com). */
const DEFAULT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const CRITERIA = ['criteriaFromDate', 'criteriaFromTime', 'criteriaToDate', 'criteriaToTime'];

function send(ctx: Ctx): Reply {
	const workspaceId = ctx.workspaceId ?? ctx.env.defaultWorkspaceId();
	const message =
		ctx.mediaType === 'bulkmessage-v1'
			? createBulkMessage(ctx.env, workspaceId, ctx.body)
			: createMessage(ctx.env, workspaceId, ctx.body);
	return { status: 202, headers: { Location: location(ctx, message.id) }, text: ACCEPTED };
}

/** The time window of a list request: all four criteria together (Whispir's API docs, Pagination: https://developers.whispir.com), else the last 7 days. */
function window(query: Record<string, string>): { from: number; to: number } {
	const given = CRITERIA.filter((key) => (query[key] ?? '').trim() !== '');
	if (given.length === 0)
		return { from: Date.now() - DEFAULT_WINDOW_MS, to: Number.POSITIVE_INFINITY };
	if (given.length < CRITERIA.length) {
		throw new HttpError(400, `${CRITERIA.join(', ')} must all be given for a date search`);
	}
	// Whispir reads them in the user's timezone; the sandbox has UTC.
	const from = parseShortDate(`${query.criteriaFromDate} ${query.criteriaFromTime}`);
	const to = parseShortDate(`${query.criteriaToDate} ${query.criteriaToTime}`);
	if (from === undefined || to === undefined)
		throw new HttpError(400, 'criteria dates are dd/MM/yyyy, times HH:mm');
	// The "to" minute is included: 23:59 means until the end of that minute.
	return { from, to: to + 59_999 };
}

function list(ctx: Ctx): Reply {
	const { from, to } = window(ctx.query);
	const shared = (ctx.query.viewType ?? '').toLowerCase() === 'shared';
	const label = ctx.query.label;
	const messages = ctx.env.store
		.list('messages', ctx.scope)
		// The rows of a bulk message are found through it, not listed beside it.
		.filter((message) => message._bulkId === undefined)
		.filter((message) => shared || message._sender === ctx.env.username)
		.filter((message) => label === undefined || message.label === label)
		.filter((message) => Number(message.createdTime) >= from && Number(message.createdTime) <= to)
		// "the list of last 20 sent messages" (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): newest first.
		.reverse();
	return { status: 200, list: paginate(ctx, messages) };
}

function messageLinks(ctx: Ctx, id: string): Link[] {
	const base = `${ctx.collectionPath}/${encodeURIComponent(id)}`;
	const link = (rel: string, path: string, query: Record<string, string>): Link => ({
		uri: linkUri(ctx, `${base}/${path}`, query),
		rel,
		method: 'GET',
	});
	return [
		selfLink(ctx, id),
		link('summaryStatus', 'messagestatus', { view: 'summary' }),
		link('detailedStatus', 'messagestatus', { view: 'detailed' }),
		link('summaryResponses', 'messageresponses', { view: 'summary', filter: 'default' }),
		link('detailedResponses', 'messageresponses', { view: 'detailed', filter: 'default' }),
		link('summaryResponsesWithResponseRule', 'messageresponses', {
			view: 'summary',
			filter: 'responserule',
		}),
		link('detailedResponsesWithResponseRule', 'messageresponses', {
			view: 'detailed',
			filter: 'responserule',
		}),
	];
}

const repeat = (value: unknown) => (value === undefined || value === '' ? 0 : Number(value));

/**
 * List items carry no id, only a self link; scheduling numbers are numbers and `createdTime` is epoch
 * milliseconds (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event). A single message shows its content with empty strings for unused
 * channels and `createdTime` as a string (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message), plus the status and response links (Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message).
 */
function messageView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown> {
	if (mode === 'list') {
		return {
			subject: rec.subject ?? '',
			repetitionCount: repeat(rec.repetitionCount),
			repeatDays: repeat(rec.repeatDays),
			repeatHrs: repeat(rec.repeatHrs),
			repeatMin: repeat(rec.repeatMin),
			from: rec.from,
			direction: rec.direction,
			responseCount: String(rec.responseCount ?? 0),
			createdTime: rec.createdTime,
			link: [selfLink(ctx, rec.id)],
		};
	}
	const { id: _id, ...stored } = publicFields(rec);
	return {
		to: rec.to ?? '',
		subject: rec.subject ?? '',
		body: rec.body ?? '',
		label: rec.label ?? '',
		voice: rec.voice ?? '',
		web: rec.web ?? '',
		social: rec.social ?? '',
		...stored,
		responseCount: rec.responseCount,
		createdTime: String(rec.createdTime),
		link: messageLinks(ctx, rec.id),
	};
}

export const messages: ResourceDef = {
	name: 'messages',
	mediaType: 'message-v1',
	otherMediaTypes: ['bulkmessage-v1'],
	listKey: 'messages',
	itemName: 'message',
	scope: 'workspace',
	view: messageView,
	// Seeded messages go through the same checks and get recipients, like sent ones.
	// Seeds may also give `sender`, `createdTime` (epoch ms) and `label`, to test the list filters.
	prepare: (input, scope) => {
		const sender = typeof input.sender === 'string' ? input.sender : undefined;
		const message = buildMessage(scope.env, scope.scope, input, { sender });
		if (typeof input.createdTime === 'number') message.createdTime = input.createdTime;
		if (typeof input.label === 'string') message.label = input.label;
		return message;
	},
	collection: { GET: { handle: list }, POST: { handle: send } },
	// No PUT, and no DELETE although Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message lists it: nothing documents it (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message).
	item: { GET: getOp() },
};
