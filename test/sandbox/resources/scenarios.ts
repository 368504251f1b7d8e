// Scenarios: a saved message to a saved audience, run with one POST (https://developers.whispir.com/c2NoOjM4OTQzOTIw-scenario).
import { selfLink } from '../links';
import { createMessage } from '../messaging';
import { empty, HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, find, getOp, listOp, replaceOp } from './crud';
import { isObject, oneOf, requireFields, strings } from './validate';

type Body = Record<string, unknown>;

const ALLOWED_USERS = ['EVERYONE', 'SELECTEDUSERS'] as const;
const SCENARIO_TYPE =
	'application/vnd.whispir.scenario-v1+json,application/vnd.whispir.scenario-v1+xml';

function validate(body: Body): Body {
	// The field table says `name`, every example (requests and answers) says `title`: both are taken, `title` is stored.
	const input =
		body.title === undefined && body.name !== undefined ? { ...body, title: body.name } : body;
	requireFields(input, ['title', 'description', 'message']);
	const s = strings(input, ['title', 'description', 'allowedUsers', 'allowedUserIds']);
	const message = input.message;
	if (!isObject(message))
		throw new HttpError(422, 'message must be an object with to, subject and body');
	requireFields(message, ['to', 'subject', 'body']);
	const allowedUsers = oneOf('allowedUsers', s.allowedUsers ?? 'EVERYONE', ALLOWED_USERS);
	const allowedUserIds = s.allowedUserIds?.trim() ?? '';
	if (allowedUsers === 'SELECTEDUSERS' && allowedUserIds === '') {
		throw new HttpError(422, 'allowedUserIds is required when allowedUsers is SELECTEDUSERS');
	}
	if (allowedUsers === 'EVERYONE' && allowedUserIds !== '') {
		throw new HttpError(422, 'allowedUserIds is only allowed when allowedUsers is SELECTEDUSERS');
	}
	const { createdTime: _c, ...messageFields } = message;
	return {
		title: s.title!.trim(),
		description: s.description!,
		allowedUsers,
		...(allowedUserIds ? { allowedUserIds } : {}),
		message: messageFields,
	};
}

function scenarioView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Body {
	const self = selfLink(ctx, rec.id);
	// List items have no id: it is in the self link only (scenarioList).
	// `name` too: the OpenAPI's Scenario requires it (scenarioList, scenarioRetrieve).
	if (mode === 'list')
		return {
			name: rec.title,
			title: rec.title,
			description: rec.description,
			createdTime: rec.createdTime,
			link: [self],
		};
	const { id: _id, _messageCreatedTime, ...fields } = rec;
	return {
		name: rec.title,
		...fields,
		message: {
			...(rec.message as Body),
			from: `${ctx.env.username}@User.whispir.com`,
			createdTime: rec._messageCreatedTime,
		},
		link: [
			self,
			{ uri: self.uri, rel: 'updateScenario', method: 'PUT', type: SCENARIO_TYPE },
			{ uri: self.uri, rel: 'deleteScenario', method: 'DELETE', type: SCENARIO_TYPE },
		],
	};
}

/** POST /scenarios/{id}: sends the scenario's message; empty body, 204 (scenarioRunCreate). */
const run = {
	handle(ctx: Ctx) {
		const scenario = find(ctx);
		const message = scenario.message as Body;
		const sent = createMessage(ctx.env, ctx.scope, message);
		// The scenario's label names its messages in reports (scenarioCreate `label`); createMessage only labels event messages.
		const label = typeof message.label === 'string' ? message.label.trim() : '';
		if (label !== '') ctx.env.store.put('messages', ctx.scope, { ...sent, label });
		return empty(204);
	},
};

export const scenarios: ResourceDef = {
	name: 'scenarios',
	mediaType: 'scenario-v1',
	listKey: 'scenarios',
	itemName: 'scenario',
	scope: 'workspace',
	prepare: (input) => ({
		createdTime: Date.now(),
		_messageCreatedTime: Date.now(),
		...input,
		...validate(input),
	}),
	view: scenarioView,
	collection: {
		GET: listOp(),
		// 201 with the new scenario (scenarioCreate). `prepare` validates.
		POST: createOp({ withBody: true }),
	},
	item: {
		GET: getOp(),
		POST: run,
		PUT: replaceOp({ validate, keep: ['createdTime'] }),
		DELETE: deleteOp(),
	},
};
