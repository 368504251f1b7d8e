// Message templates (Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template, Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template).
import { publicFields, selfLink } from '../links';
import { HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, getOp, listOp, replaceOp } from './crud';
import { isObject, requireFields, sameText, strings } from './validate';

type Body = Record<string, unknown>;

const SECTIONS = ['email', 'voice', 'web'] as const;

function sectionBody(section: unknown): string {
	return isObject(section) ? String(section.body ?? '').trim() : '';
}

/** "At least one of the Body fields must be populated (SMS, Email, Voice or Web)" (Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template). */
function requireSomeBody(body: Body): void {
	const sms = String(body.body ?? '').trim();
	if (sms === '' && SECTIONS.every((s) => sectionBody(body[s]) === '')) {
		throw new HttpError(
			422,
			'body is required: at least one of the SMS, Email, Voice or Web bodies must be populated',
		);
	}
}

/**
 * "users cannot update templates with the same name as a template that already exists" (Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template):
 * names are unique in a workspace, and a PUT may not even repeat the template's own current name.
 */
function requireNewName(ctx: Ctx, name: string): void {
	const taken = ctx.env.store
		.list(ctx.resource.name, ctx.scope)
		.some((t) => sameText(t.messageTemplateName, name));
	if (taken)
		throw new HttpError(
			422,
			`A template named "${name}" already exists: messageTemplateName must be unique`,
		);
}

function content(body: Body): Body {
	const s = strings(body, [
		'messageTemplateName',
		'messageTemplateDescription',
		'responseTemplateId',
		'subject',
		'body',
		'type',
	]);
	const out: Body = {
		...body,
		...s,
		messageTemplateDescription: s.messageTemplateDescription ?? '',
	};
	for (const key of SECTIONS) {
		const section = body[key];
		// XML gives an empty element as ''; Whispir shows an unused section as {}.
		if (section !== undefined && section !== '' && !isObject(section)) {
			throw new HttpError(422, `${key} must be an object`);
		}
	}
	return out;
}

function validateCreate(body: Body, ctx: Ctx): Body {
	requireFields(body, ['messageTemplateName', 'subject']);
	// Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template: unused channels must still be sent, as empty objects.
	const missing = SECTIONS.filter((s) => body[s] === undefined);
	if (missing.length > 0) {
		throw new HttpError(
			422,
			missing
				.map((s) => `${s} is required (send {} when the template has no ${s} content)`)
				.join('; '),
		);
	}
	requireSomeBody(body);
	requireNewName(ctx, String(body.messageTemplateName));
	return content(body);
}

/** PUT needs name, subject and a body (Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template), and a name no template has yet. */
function validateUpdate(body: Body, ctx: Ctx): Body {
	requireFields(body, ['messageTemplateName', 'subject']);
	requireSomeBody(body);
	requireNewName(ctx, String(body.messageTemplateName));
	const { id: _id, link: _link, ...rest } = content(body);
	return rest;
}

function templateView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Body {
	if (mode === 'list') {
		return {
			messageTemplateName: rec.messageTemplateName,
			messageTemplateDescription: rec.messageTemplateDescription,
			id: rec.id,
			link: [selfLink(ctx, rec.id)],
		};
	}
	return { id: rec.id, ...publicFields(rec), link: [selfLink(ctx, rec.id)] };
}

export const templates: ResourceDef = {
	name: 'templates',
	mediaType: 'template-v1',
	listKey: 'messagetemplates',
	itemName: 'template',
	scope: 'workspace',
	// A template's voice part always has its type (templateCreate); the docs' example answers it empty like this.
	prepare: (input) => ({
		messageTemplateDescription: '',
		email: {},
		voice: { type: 'ConfCall:,ConfAccountNo:,ConfPinNo:,ConfModPinNo:,Pin:' },
		web: {},
		...input,
	}),
	view: templateView,
	collection: { GET: listOp(), POST: createOp({ validate: validateCreate }) },
	item: { GET: getOp(), PUT: replaceOp({ validate: validateUpdate }), DELETE: deleteOp() },
};
