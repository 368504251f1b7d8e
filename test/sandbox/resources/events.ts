// Events module (Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user, Whispir's Users docs: https://developers.whispir.com/c2NoOjU4ODQwOQ-user). Events cannot be deleted, only closed
// (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event), so DELETE answers 405.
import { linkUri, selfLink } from '../links';
import { HttpError } from '../reply';
import type { Ctx, Rec, ResourceDef } from '../types';
import { createOp, getOp, listOp, replaceOp } from './crud';
import { isObject, listOf, oneOf, requireFields, strings } from './validate';

type Body = Record<string, unknown>;
type Field = { name: string; value?: string };

// Documented as Active | Resolved with "default status is Open"; the examples send Open, the
// delete note says Closed. All four are taken.
const STATUSES = ['Open', 'Active', 'Resolved', 'Closed'] as const;
const MAX_ACTIONS = 10;

/** Every field of the documented form, in the order of Whispir's answer (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event); blank ones included. */
const FORM_FIELDS = [
	'summary',
	'location',
	'endDate',
	'type',
	'priority',
	'description',
	'platform',
	'services',
	'status',
	'openedBy',
	'category',
	'externalVendor',
	'externalCaseNumber',
	'startDate',
	'locations',
	'impactToOrg',
	'locationDisplay',
	'subCategory',
	'severity',
	'duration',
	'lineNumber',
	'impactCondition',
	...Array.from({ length: MAX_ACTIONS }, (_, i) => [
		`actionDate${i + 1}`,
		`actionOwner${i + 1}`,
		`actionDetails${i + 1}`,
	]).flat(),
];
const DATE_FIELDS = /^(startDate|endDate|actionDate\d+)$/;
const DATE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/;

function fieldsOf(form: Body, index: number): Field[] {
	return listOf(form.eventFieldList).map((f, j) => {
		if (!isObject(f))
			throw new HttpError(422, `eventFormList[${index}].eventFieldList[${j}] must be an object`);
		const s = strings(f, ['name', 'value']);
		if (!s.name?.trim())
			throw new HttpError(422, `eventFormList[${index}].eventFieldList[${j}]: name is required`);
		return { name: s.name.trim(), value: s.value ?? '' };
	});
}

function checkField({ name, value }: Field): void {
	const action = /^action(Date|Owner|Details)(\d+)$/.exec(name);
	if (action && (Number(action[2]) < 1 || Number(action[2]) > MAX_ACTIONS)) {
		throw new HttpError(
			422,
			`${name}: an event has at most ${MAX_ACTIONS} actions (actionDate1 … actionDate10)`,
		);
	}
	if (DATE_FIELDS.test(name) && value && !DATE.test(value)) {
		throw new HttpError(422, `${name} must be DD/MM/YYYY HH:MI:SS, e.g. 11/09/2015 17:21:00`);
	}
	if (name === 'duration' && value && !/^\d{2}:\d{2}:\d{2}$/.test(value)) {
		throw new HttpError(422, 'duration must be HH:MI:SS, e.g. 02:05:00');
	}
}

function validate(body: Body): Body {
	requireFields(body, ['eventLabel']);
	const s = strings(body, ['eventLabel', 'status']);
	const forms = listOf(body.eventFormList);
	if (forms.length === 0)
		throw new HttpError(422, 'eventFormList is required, with the startDate field');
	const eventFormList = forms.map((form, i) => {
		if (!isObject(form)) throw new HttpError(422, `eventFormList[${i}] must be an object`);
		const given = fieldsOf(form, i);
		given.forEach(checkField);
		// Whispir answers with the whole form: the documented fields first, blank when not given.
		const values = new Map(given.map((f) => [f.name, f.value ?? '']));
		const all = [
			...FORM_FIELDS,
			...given.map((f) => f.name).filter((n) => !FORM_FIELDS.includes(n)),
		];
		return {
			formName: strings(form, ['formName']).formName ?? '',
			eventFieldList: all.map((name) => ({ name, value: values.get(name) ?? '' })),
		};
	});
	const startDate = eventFormList
		.flatMap((f) => f.eventFieldList)
		.find((f) => f.name === 'startDate')?.value;
	if (!startDate) throw new HttpError(422, 'startDate is required (DD/MM/YYYY HH:MI:SS)');
	return {
		eventLabel: s.eventLabel!.trim(),
		status: oneOf('status', s.status ?? 'Open', STATUSES),
		eventFormList,
	};
}

function eventView(rec: Rec, ctx: Ctx, mode: 'list' | 'item'): Body {
	const self = selfLink(ctx, rec.id);
	if (mode === 'list')
		return { id: rec.id, eventLabel: rec.eventLabel, status: rec.status, link: [self] };
	const messagesPath = `${ctx.workspaceId ? `/workspaces/${ctx.workspaceId}` : ''}/messages`;
	return {
		id: rec.id,
		eventLabel: rec.eventLabel,
		status: rec.status,
		eventFormList: rec.eventFormList,
		link: [
			self,
			// Whispir's answer gives the PUT link rel="self" too (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event).
			{
				uri: self.uri,
				rel: 'self',
				method: 'PUT',
				type: 'application/vnd.whispir.event-v1+xml,application/vnd.whispir.event-v1+json',
			},
			{
				uri: linkUri(ctx, messagesPath, { label: String(rec.eventLabel) }),
				rel: 'retrieveEventMessages',
				method: 'GET',
			},
		],
	};
}

export const events: ResourceDef = {
	name: 'events',
	mediaType: 'event-v1',
	listKey: 'events',
	itemName: 'event',
	scope: 'workspace',
	prepare: (input) => ({ ...input, ...validate(input) }),
	view: eventView,
	collection: {
		GET: listOp(),
		// 201 with the complete event (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event). `prepare` validates.
		POST: createOp({ withBody: true }),
	},
	item: { GET: getOp(), PUT: replaceOp({ validate }) },
};
