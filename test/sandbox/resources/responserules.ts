// Response rules ("response templates", Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule, Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule). Only POST has an
// example; GET, PUT and DELETE follow the shape every other resource has.
import { HttpError } from '../reply';
import type { ResourceDef } from '../types';
import { createOp, deleteOp, getOp, listOp, replaceOp } from './crud';
import { isObject, listOf, oneOf, requireFields, strings } from './validate';

type Body = Record<string, unknown>;

// The docs list `startsWith`, their example sends `startswith`: both are taken, the listed spelling stored.
const MATCH_TYPES = ['startsWith', 'contains', 'exactmatch'] as const;

function pattern(raw: unknown, index: number): Body {
	if (!isObject(raw))
		throw new HttpError(422, `responseTemplatePattern ${index + 1} must be an object`);
	const p = strings(raw, [
		'name',
		'pattern',
		'textPrompt',
		'voicePrompt',
		'spokenVoicePrompt',
		'colour',
	]);
	if (!p.name?.trim())
		throw new HttpError(422, `responseTemplatePattern ${index + 1}: name is required`);
	const voicePrompt = p.voicePrompt?.trim() ?? '';
	if (voicePrompt !== '' && !/^[0-9*#]$/.test(voicePrompt)) {
		throw new HttpError(
			422,
			`responseTemplatePattern ${index + 1}: voicePrompt must be one key: 0-9, * or #`,
		);
	}
	if (p.colour && !/^#[0-9a-f]{6}$/i.test(p.colour.trim())) {
		throw new HttpError(
			422,
			`responseTemplatePattern ${index + 1}: colour must be a hex colour such as #00947d`,
		);
	}
	return {
		name: p.name.trim(),
		pattern: oneOf('pattern', p.pattern, MATCH_TYPES),
		textPrompt: p.textPrompt ?? '',
		voicePrompt,
		spokenVoicePrompt: p.spokenVoicePrompt ?? '',
		colour: p.colour?.trim() ?? '',
	};
}

function validate(body: Body): Body {
	requireFields(body, ['name']);
	const s = strings(body, ['name', 'description']);
	const wrapper = body.responseTemplatePatterns;
	const list = listOf(isObject(wrapper) ? wrapper.responseTemplatePattern : undefined);
	return {
		name: s.name!.trim(),
		description: s.description ?? '',
		responseTemplatePatterns: { responseTemplatePattern: list.map(pattern) },
	};
}

export const responserules: ResourceDef = {
	name: 'responserules',
	mediaType: 'responserule-v1',
	listKey: 'responseRules',
	itemName: 'responseRule',
	scope: 'workspace',
	prepare: (input) => ({ ...input, ...validate(input) }),
	collection: {
		GET: listOp(),
		// "The Response Rule ID will be returned in the Location header" (Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule): no body. `prepare` validates.
		POST: createOp(),
	},
	item: { GET: getOp(), PUT: replaceOp({ validate }), DELETE: deleteOp() },
};
