// Distribution lists (Whispir's Distribution Lists docs: https://developers.whispir.com/c2NoOjM4OTQzOTE5-distribution-list): static lists hold comma-separated member ids, dynamic
// ones hold rules (at least one, else 422). Names are unique per workspace, letters, digits and
// spaces only. PUT replaces the whole list.
import { selfLink } from '../links';
import { HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { createOp, deleteOp, getOp, listOp, nameTaken, replaceOp } from './crud';
import {
	containsText,
	isObject,
	listOf,
	oneOf,
	requireFields,
	sameText,
	strings,
} from './validate';

const MEMBER_FIELDS = ['contactIds', 'userIds', 'distListIds'] as const;

/** "1,2,,2 " → "1,2": Whispir keeps one entry per id (re-adding one is a no-op). */
function idList(field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string')
		throw new HttpError(422, `${field} must be a comma-separated string`);
	return [
		...new Set(
			value
				.split(',')
				.map((id) => id.trim())
				.filter(Boolean),
		),
	].join(',');
}

function rulesOf(value: unknown): Record<string, string>[] {
	const rules = listOf(value);
	if (rules.length === 0)
		throw new HttpError(422, 'rules: a dynamic distribution list needs at least one rule');
	return rules.map((rule, n) => {
		const r = isObject(rule) ? rule : {};
		for (const key of ['ruleFilter', 'ruleFilterActualName', 'ruleContent']) {
			if (typeof r[key] !== 'string' || r[key].trim() === '')
				throw new HttpError(422, `rules[${n}].${key} is required`);
		}
		return {
			ruleFilter: String(r.ruleFilter),
			ruleFilterActualName: String(r.ruleFilterActualName),
			ruleContent: String(r.ruleContent),
		};
	});
}

function validate(body: Record<string, unknown>, ctx: Ctx): Record<string, unknown> {
	requireFields(body, ['name', 'access', 'visibility']);
	const s = strings(body, ['name', 'description', 'access', 'visibility', 'type', 'entityType']);
	const name = s.name!.trim();
	if (!/^[A-Za-z0-9 ]+$/.test(name))
		throw new HttpError(422, 'name must not contain special characters except space');
	if (nameTaken(ctx, 'name', name))
		throw new HttpError(422, `name: a distribution list named "${name}" already exists`);
	const type = oneOf('type', s.type ?? 'static', ['static', 'dynamic']);
	const list: Record<string, unknown> = {
		name,
		description: s.description ?? '',
		access: oneOf('access', s.access, ['Open', 'ByApproval', 'Restricted']),
		visibility: oneOf('visibility', s.visibility, ['Public', 'Private']),
		type,
	};
	if (type === 'dynamic') {
		list.entityType = oneOf('entityType', s.entityType, ['contact']);
		list.rules = rulesOf(body.rules);
	}
	// "The contactIds, userIds, and distListIds values are ignored when the type is dynamic."
	for (const field of MEMBER_FIELDS)
		list[field] = type === 'dynamic' ? '' : idList(field, body[field]);
	if (body.locations !== undefined) list.locations = body.locations;
	return list;
}

/** Static: the members named; dynamic: the contacts of the workspace matching every rule now. */
function memberCount(rec: Rec, ctx: Ctx): number {
	if (rec.type === 'dynamic') {
		const rules = rec.rules as Record<string, string>[];
		const contacts = ctx.env.store.list('contacts', ctx.scope);
		return contacts.filter((c) =>
			rules.every(
				(r) => String(c[r.ruleFilter] ?? '').toLowerCase() === r.ruleContent.toLowerCase(),
			),
		).length;
	}
	return MEMBER_FIELDS.reduce(
		(sum, field) =>
			sum +
			String(rec[field] ?? '')
				.split(',')
				.filter(Boolean).length,
		0,
	);
}

export const distributionlists: ResourceDef = {
	name: 'distributionlists',
	mediaType: 'distributionlist-v1',
	listKey: 'distributionLists',
	itemName: 'distributionList',
	scope: 'workspace',
	prepare: (input) => ({
		description: '',
		access: 'Open',
		visibility: 'Public',
		type: 'static',
		contactIds: '',
		userIds: '',
		distListIds: '',
		...input,
	}),
	view(rec, ctx, mode) {
		const out: Record<string, unknown> = {
			id: rec.id,
			name: rec.name,
			mri: `${String(rec.name).replace(/ /g, '_')}.sandbox@list.company.whispir.com`,
			description: rec.description,
			// Documented as a string ("memberCount" : "4").
			memberCount: String(memberCount(rec, ctx)),
			access: rec.access,
			visibility: rec.visibility,
		};
		if (mode === 'item') {
			out.type = rec.type;
			if (rec.type === 'dynamic')
				Object.assign(out, { entityType: rec.entityType, rules: rec.rules });
			for (const field of MEMBER_FIELDS) out[field] = rec[field];
			if (rec.locations !== undefined) out.locations = rec.locations;
		}
		out.link = [selfLink(ctx, rec.id)];
		return out;
	},
	collection: {
		GET: listOp({
			filter: (r, q) =>
				(q.name === undefined || sameText(r.name, q.name)) &&
				(q.description === undefined || containsText(r.description, q.description)),
		}),
		POST: createOp({ validate }),
	},
	item: { GET: getOp(), PUT: replaceOp({ validate }), DELETE: deleteOp() },
};
