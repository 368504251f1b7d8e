// Contacts (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact, Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact): 201 + body on create, full-replace PUT,
// search on any field / custom_<Name> ("contains", per Whispir's OpenAPI), sort, `fields=`,
// custom fields shown only with customFields=true, a single-object `link` in list and get
// answers (as documented), devices inside the contact, and deletion from one workspace or,
// with ?action=deleteAll, from every workspace the contact is mapped to.
//
// Mapping: a contact lives in its home workspace (`_workspace`) and is also visible in the
// workspaces listed in `_mappedTo` (seed it: `seed('contacts', [{ …, _mappedTo: [wid] }])`).
import { paginate, publicFields, selfLink, sortedAsAsked } from '../links';
import { HttpError, empty } from '../reply';
import { childScope } from '../router';
import type { Ctx, Operation, Rec, ResourceDef, Scope } from '../types';
import { createOp, replaceOp } from './crud';
import { containsText, oneOf, requireFields } from './validate';

/** The documented fields (plus personalMobilePhone1/2, used across the docs though missing from the list). */
export const CONTACT_FIELDS =
	`firstName lastName title status companyName jobTitle division businessUnit department
	teamName1 teamName2 role1 role2 workEmailAddress1 workEmailAddress2 workAddress1 workAddress2 workSuburb workState
	workPostCode workCountry workPostalAddress1 workPostalAddress2 workPostalSuburb workPostalState workPostalPostCode
	workPostalCountry workMobilePhone1 workMobilePhone2 workPhoneAreaCode1 workPhone1 workPhoneAreaCode2 workPhone2
	workFaxAreaCode1 workFax1 workSatellitePhone workOtherPhone timezone personalEmailAddress1 personalEmailAddress2
	personalMobilePhone1 personalMobilePhone2 personalAddress1 personalAddress2 personalSuburb personalState
	personalCountry personalPostCode personalPhoneAreaCode1 personalPhone1 personalPhoneAreaCode2 personalPhone2
	personalFaxAreaCode1 personalFax1 otherPhoneAreaCode1 otherPhone1 otherMobile otherFirstName otherLastName otherTitle
	username password secretQuestion secretAnswer`.split(/\s+/);

/** What the docs and the OpenAPI schema require between them for a new contact. */
const MANDATORY_FIELDS = [
	'firstName',
	'lastName',
	'workEmailAddress1',
	'workMobilePhone1',
	'workCountry',
	'timezone',
];

const READ_ONLY = ['id', 'mri', 'type', 'lastModifiedTime', 'devices', 'link'];
const LIST_CONTROLS = [
	'limit',
	'offset',
	'apikey',
	'sortOrder',
	'sortFields',
	'fields',
	'customFields',
	'action',
];

// Whispir stores named timezones as offsets: "Australia/Melbourne" reads back "+10" (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact).
const OFFSETS: Record<string, string> = {
	'australia/melbourne': '+10',
	'australia/sydney': '+10',
	'australia/brisbane': '+10',
	'australia/perth': '+8',
	'asia/singapore': '+8',
	'pacific/auckland': '+12',
	'europe/london': '+0',
	utc: '+0',
};

const isCustom = (key: string) => key.startsWith('custom_');
const fieldNamed = (name: string) =>
	CONTACT_FIELDS.find((field) => field.toLowerCase() === name.toLowerCase());

export function timezoneOf(value: unknown): unknown {
	return typeof value === 'string' ? (OFFSETS[value.trim().toLowerCase()] ?? value.trim()) : value;
}

function checkMessagingOptions(value: unknown): void {
	if (value === undefined) return;
	if (!Array.isArray(value)) throw new HttpError(422, 'messagingoptions must be an array');
	for (const option of value as Record<string, unknown>[]) {
		oneOf('messagingoptions.channel', String(option?.channel ?? ''), ['sms', 'email', 'voice']);
		oneOf('messagingoptions.enabled', String(option?.enabled ?? ''), ['true', 'false']);
	}
}

/** The fields to store from a POST or PUT body: known fields, custom fields, messaging options. */
function contactFields(body: Record<string, unknown>, required: string[]): Record<string, unknown> {
	requireFields(body, required);
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		if (key === 'messagingoptions') {
			checkMessagingOptions(value);
			out[key] = value;
		} else if (key === 'locations') {
			out[key] = value;
		} else if (isCustom(key) || CONTACT_FIELDS.includes(key)) {
			if (typeof value === 'object' && value !== null)
				throw new HttpError(422, `${key} must be a string`);
			out[key] = key === 'timezone' ? timezoneOf(value) : String(value);
		} else if (READ_ONLY.includes(key)) {
			throw new HttpError(422, `${key} is read-only`);
		} else {
			throw new HttpError(422, `${key} is not a contact field`);
		}
	}
	if (out.status !== undefined) out.status = oneOf('status', String(out.status), ['A', 'D']);
	return { ...out, lastModifiedTime: new Date().toISOString() };
}

function mriFor(input: Record<string, unknown>): string {
	const name = [input.firstName, input.lastName]
		.map((part) => String(part ?? '').replace(/\W+/g, ''))
		.join('_');
	return `${name}.${100000 + Math.floor(Math.random() * 900000)}@Contact.whispir.com`;
}

/** A contact is seen in its home workspace and in every workspace it is mapped to. */
export function visibleIn(rec: Rec, scope: string): boolean {
	return (
		rec._workspace === scope || ((rec._mappedTo as string[] | undefined) ?? []).includes(scope)
	);
}

function findContact(ctx: Ctx): Rec {
	const rec = ctx.env.store.get('contacts', ctx.id ?? '');
	if (!rec || !visibleIn(rec, ctx.scope))
		throw new HttpError(404, `contact ${ctx.id ?? ''} not found`);
	return rec;
}

/** A contact's devices live beside it, in its home workspace. */
function devicesOf(ctx: Ctx, rec: Rec): Rec[] {
	return ctx.env.store.list('devices', childScope(String(rec._workspace), rec.id));
}

function removeContact(ctx: Ctx, rec: Rec): void {
	for (const device of devicesOf(ctx, rec)) ctx.env.store.remove('devices', device.id);
	ctx.env.store.remove('contacts', rec.id);
}

function matches(rec: Rec, query: Record<string, string>): boolean {
	for (const [key, wanted] of Object.entries(query)) {
		if (LIST_CONTROLS.includes(key)) continue;
		const field = isCustom(key) ? key : fieldNamed(key);
		if (!field) throw new HttpError(400, `${key} is not a contact field to search on`);
		const stored = field.startsWith('custom_')
			? Object.entries(rec).find(([k]) => k.toLowerCase() === field.toLowerCase())?.[1]
			: rec[field];
		if (!containsText(stored, wanted)) return false;
	}
	return true;
}

const list: Operation = {
	handle(ctx) {
		const recs = ctx.env.store
			.list('contacts')
			.filter((rec) => visibleIn(rec, ctx.scope) && matches(rec, ctx.query));
		return { status: 200, list: paginate(ctx, sortedAsAsked(recs, ctx.query)) };
	},
};

const get: Operation = {
	handle: (ctx) => ({ status: 200, entity: contactView(findContact(ctx), ctx, 'item') }),
};

const remove: Operation = {
	handle(ctx) {
		const rec = findContact(ctx);
		if (ctx.query.action === 'deleteAll') {
			// Whispir does this asynchronously and states no answer code; 202 says "accepted".
			removeContact(ctx, rec);
			return empty(202);
		}
		const mappedTo = ((rec._mappedTo as string[] | undefined) ?? []).filter(
			(wid) => wid !== ctx.scope,
		);
		if (rec._workspace !== ctx.scope)
			ctx.env.store.put('contacts', String(rec._workspace), { ...rec, _mappedTo: mappedTo });
		else if (mappedTo.length === 0) removeContact(ctx, rec);
		else
			ctx.env.store.put('contacts', mappedTo[0], {
				...rec,
				_workspace: mappedTo[0],
				_mappedTo: mappedTo.slice(1),
			});
		return empty(204);
	},
};

function contactView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Record<string, unknown> {
	const showCustom = ctx.query.customFields === 'true';
	const chosen = (ctx.query.fields ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	const out: Record<string, unknown> = { id: rec.id };
	if (mode === 'list') {
		// "a simple GET request on the /contact API gives you the basic details" (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact).
		const keys = chosen.length > 0 ? chosen : ['firstName', 'lastName', 'status'];
		for (const key of keys)
			if (rec[key] !== undefined && (showCustom || !isCustom(key))) out[key] = rec[key];
	} else {
		for (const [key, value] of Object.entries(rec)) {
			if (!key.startsWith('_') && !isCustom(key) && key !== 'password') out[key] = value;
		}
		if (ctx.method === 'GET') out.devices = devicesOf(ctx, rec).map(publicFields);
	}
	if (showCustom)
		for (const [key, value] of Object.entries(rec)) if (isCustom(key)) out[key] = value;
	out.messagingoptions = rec.messagingoptions ?? [];
	const self = selfLink(ctx, rec.id);
	// The create answer carries the three links; list and get answers a single object (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact).
	out.link =
		ctx.method === 'POST'
			? [
					self,
					{ ...self, rel: 'updateContact', method: 'PUT' },
					{ ...self, rel: 'deleteContact', method: 'DELETE' },
				]
			: self;
	return out;
}

// A PUT replaces the record: fields left out are erased (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact). Only the names are demanded.
const replace = replaceOp({
	keep: ['mri', 'type'],
	validate: (body) => contactFields(body, ['firstName', 'lastName']),
});

export const contacts: ResourceDef = {
	name: 'contacts',
	mediaType: 'contact-v1',
	listKey: 'contacts',
	itemName: 'contact',
	scope: 'workspace',
	prepare: (input, scope: Scope) => ({
		type: 'COMPANY',
		status: 'A',
		messagingoptions: [],
		locations: [{ latitude: '0.0', longitude: '0.0', type: 'CurrentLocation' }],
		lastModifiedTime: new Date().toISOString(),
		...input,
		timezone: timezoneOf(input.timezone),
		mri: input.mri ?? mriFor(input),
		_workspace: scope.scope,
		_mappedTo: input._mappedTo ?? [],
	}),
	view: contactView,
	collection: {
		GET: list,
		POST: createOp({ withBody: true, validate: (body) => contactFields(body, MANDATORY_FIELDS) }),
	},
	item: {
		GET: get,
		PUT: {
			handle: (ctx) => replace.handle({ ...ctx, scope: String(findContact(ctx)._workspace) }),
		},
		DELETE: remove,
	},
};
