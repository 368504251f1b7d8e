// What happens to a message once Whispir accepted it: recipients, per-channel delivery status,
// replies matched against response rules, undeliverables, and the events callbacks react to.
// The messages resource (POST), scenario runs and the control API all create messages here,
// so a message looks the same whichever way it came (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message, Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message-2.4).
import { checkFallback, checkOptOut, checkRcs, checkWhatsApp } from './channels';
import { emitMessageEvent } from './events';
import { HttpError } from './reply';
import { readResourceRows } from './resources/resources';
import { isObject, listOf, parseShortDate, shortDate } from './resources/validate';
import { newId } from './store';
import type { Env, MessageEvent, Rec } from './types';

type Fields = Record<string, unknown>;
type Row = Record<string, string>;

export const CHANNELS = ['sms', 'email', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Whispir's status codes, in the order a delivery moves through them (Whispir's Message Status docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
export type StatusCode = 'PENDING' | 'SENT' | 'DELIVRD' | 'READ' | 'FAILED';

export interface ChannelStatus {
	status: StatusCode;
	destination: string;
	/** Epoch seconds; rendered as strings, as Whispir's JSON does. */
	sentTimestamp?: number;
	receivedTimestamp?: number;
	acknowlegedTimestamp?: number;
}

export interface Recipient {
	name: string;
	mri: string;
	mobile: string;
	email: string;
	voice: string;
	info: string;
	/** Only the channels the message uses and the recipient can be reached on. */
	channels: Partial<Record<Channel, ChannelStatus>>;
	/** The recipient's replies, oldest first. */
	responses: StoredResponse[];
}

export interface StoredResponse {
	channel: 'SMS' | 'EMAIL' | 'VOICE';
	content: string;
	/** dd/MM/yy HH:mm, as in Whispir's detailed responses. */
	acknowledged: string;
	/** The matched response-rule category, or "notmatched". */
	category: string;
}

/** 10 MB for all attachments of a channel (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const nowSeconds = () => Math.floor(Date.now() / 1000);
const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

// ---------- tags ----------

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** System tags (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). Whispir uses the sender's profile timezone; the sandbox has UTC. */
function systemTags(at = new Date()): Row {
	const p = (n: number) => String(n).padStart(2, '0');
	const [dd, mm, yyyy] = [p(at.getUTCDate()), p(at.getUTCMonth() + 1), String(at.getUTCFullYear())];
	const [hrs, min] = [p(at.getUTCHours()), p(at.getUTCMinutes())];
	return {
		dd,
		mm,
		yy: yyyy.slice(2),
		yyyy,
		hrs,
		min,
		day: DAYS[at.getUTCDay()],
		month: MONTHS[at.getUTCMonth()],
		date: `${yyyy}-${mm}-${dd}`,
		time: `${hrs}:${min}`,
	};
}

/** A column header as a tag name: "First Name" → first_name (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). Dotted JSON paths stay. */
function tagName(key: string): string {
	return key.trim().toLowerCase().replace(/\s+/g, '_');
}

/** Replaces the `@@tags@@` it knows; unknown tags stay, as Whispir leaves them for later stages. */
function resolveTags(content: string, values: Row): string {
	return content.replace(/@@([^@\s]+)@@/g, (tag, name: string) => values[tagName(name)] ?? tag);
}

/** Every text of the message content, tags resolved; rich (web) bodies are left alone (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function resolveContent(fields: Fields, values: Row): Fields {
	const out = { ...fields };
	for (const key of ['subject', 'body'])
		if (typeof out[key] === 'string') out[key] = resolveTags(out[key] as string, values);
	for (const section of ['email', 'voice']) {
		if (!isObject(out[section])) continue;
		const resolved = { ...(out[section] as Fields) };
		for (const key of ['header', 'body', 'footer']) {
			if (typeof resolved[key] === 'string')
				resolved[key] = resolveTags(resolved[key] as string, values);
		}
		out[section] = resolved;
	}
	return out;
}

// ---------- lookups ----------

function findByName(
	env: Env,
	resource: string,
	scope: string | undefined,
	key: string,
	name: string,
): Rec | undefined {
	return env.store.list(resource, scope).find((record) => text(record[key]) === name);
}

/** Template content under the message; inline fields win (Whispir's Templates docs: https://developers.whispir.com/c2NoOjM0ODAzNDA4-template). */
function applyTemplate(env: Env, scope: string, fields: Fields): Fields {
	const id = text(fields.messageTemplateId);
	const name = text(fields.messageTemplateName);
	if (id === '' && name === '') return fields;
	const template =
		id !== ''
			? env.store.get('templates', id, scope)
			: findByName(env, 'templates', scope, 'messageTemplateName', name);
	if (!template) {
		if (id !== '') throw new HttpError(404, `messageTemplateId: template ${id} not found`);
		throw new HttpError(422, `messageTemplateName: no template named "${name}" in this workspace`);
	}
	const merged: Fields = {};
	for (const key of [
		'subject',
		'body',
		'email',
		'voice',
		'web',
		'social',
		'type',
		'features',
		'responseTemplateId',
	]) {
		const own = template[key];
		if (own === undefined || (isObject(own) && Object.keys(own).length === 0)) continue;
		merged[key] = own;
	}
	for (const [key, value] of Object.entries(fields)) {
		if (
			value !== undefined &&
			value !== '' &&
			!(isObject(value) && Object.keys(value).length === 0)
		)
			merged[key] = value;
	}
	return { ...merged, messageTemplateId: template.id };
}

/** `messageattributes.attribute[]` as tag values (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function attributeValues(fields: Fields): Row {
	const values: Row = {};
	for (const attribute of listOf(
		isObject(fields.messageattributes) ? fields.messageattributes.attribute : undefined,
	))
		if (isObject(attribute)) values[tagName(text(attribute.name))] = text(attribute.value);
	return values;
}

/** The event's form fields as tags (Whispir's Events docs: https://developers.whispir.com/c2NoOjY5MTI5NA-event), and its label, which GET /messages?label= finds. */
function eventData(env: Env, scope: string, eventId: string): { label: string; values: Row } {
	const event = env.store.get('events', eventId, scope);
	if (!event) throw new HttpError(404, `eventId: event ${eventId} not found`);
	const values: Row = {};
	const forms = Array.isArray(event.eventFormList) ? event.eventFormList : [];
	for (const form of forms) {
		const list = isObject(form) && Array.isArray(form.eventFieldList) ? form.eventFieldList : [];
		for (const field of list)
			if (isObject(field)) values[tagName(text(field.name))] = text(field.value);
	}
	return { label: text(event.eventLabel), values };
}

// ---------- recipients ----------

const contactName = (record: Rec) =>
	[text(record.firstName), text(record.lastName)].join(' ').trim();

function fromContact(record: Rec): Omit<Recipient, 'channels' | 'responses' | 'info'> {
	const mobile = text(record.workMobilePhone1) || text(record.personalMobilePhone1);
	return {
		name: contactName(record),
		mri: text(record.mri),
		mobile,
		email: text(record.workEmailAddress1) || text(record.personalEmailAddress1),
		voice: mobile,
	};
}

/** One entry of `to`: a number, an email address, or a contact, user or list MRI (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function resolveRecipient(
	env: Env,
	scope: string,
	entry: string,
): Array<Omit<Recipient, 'channels' | 'responses' | 'info'>> {
	const lower = entry.toLowerCase();
	const mriOf = (resource: string, ownScope: string | undefined) =>
		env.store.list(resource, ownScope).find((record) => text(record.mri).toLowerCase() === lower);
	if (/@contact\./.test(lower)) {
		const contact = mriOf('contacts', scope);
		if (!contact) throw new HttpError(422, `to: no contact has the MRI ${entry}`);
		return [fromContact(contact)];
	}
	if (/@list\./.test(lower)) {
		// The lists resource may derive a list's MRI from its name ("Team A" → Team_A.…@list…) instead of storing it.
		const localName = lower.split(/[.@]/)[0];
		const list =
			mriOf('distributionlists', scope) ??
			env.store
				.list('distributionlists', scope)
				.find((record) => text(record.name).replace(/ /g, '_').toLowerCase() === localName);
		if (!list) throw new HttpError(422, `to: no distribution list has the MRI ${entry}`);
		const ids = text(list.contactIds)
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		return ids.flatMap((id) => {
			const contact = env.store.get('contacts', id, scope);
			return contact ? [fromContact(contact)] : [];
		});
	}
	if (/@user\./.test(lower)) {
		const user = mriOf('users', undefined);
		if (!user) throw new HttpError(422, `to: no user has the MRI ${entry}`);
		return [fromContact(user)];
	}
	if (entry.includes('@')) return [{ name: entry, mri: '', mobile: '', email: entry, voice: '' }];
	const digits = entry.replace(/[\s()+-]/g, '');
	if (/^\d{6,15}$/.test(digits))
		return [{ name: digits, mri: '', mobile: digits, email: '', voice: digits }];
	throw new HttpError(422, `to: "${entry}" is not a phone number, an email address or an MRI`);
}

/** The channels a message's content uses (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function channelsOf(fields: Fields): Channel[] {
	const has = (value: unknown) => text(value) !== '';
	const used: Channel[] = [];
	if (has(fields.body)) used.push('sms');
	if (isObject(fields.email) && has(fields.email.body)) used.push('email');
	if (isObject(fields.voice) && (has(fields.voice.body) || has(fields.voice.header)))
		used.push('voice');
	return used;
}

function buildRecipients(env: Env, scope: string, fields: Fields): Recipient[] {
	const entries = text(fields.to)
		.split(';')
		.map((entry) => entry.trim())
		.filter(Boolean);
	const used = channelsOf(fields);
	return entries
		.flatMap((entry) => resolveRecipient(env, scope, entry))
		.map((person) => {
			const destinations: Record<Channel, string> = {
				sms: person.mobile,
				email: person.email,
				voice: person.voice,
			};
			const channels: Recipient['channels'] = {};
			for (const channel of used) {
				if (destinations[channel] !== '')
					channels[channel] = { status: 'PENDING', destination: destinations[channel] };
			}
			return { ...person, info: '', channels, responses: [] };
		});
}

// ---------- validation ----------

function attachmentBytes(section: unknown): number {
	let total = 0;
	for (const attachment of listOf(
		isObject(section) && isObject(section.resources) ? section.resources.attachment : undefined,
	)) {
		if (
			!isObject(attachment) ||
			text(attachment.attachmentName) === '' ||
			text(attachment.derefUri) === ''
		) {
			throw new HttpError(422, 'resources.attachment: attachmentName and derefUri are required');
		}
		total += Buffer.byteLength(text(attachment.derefUri).replace(/\s+/g, ''), 'base64');
	}
	return total;
}

const SCHEDULE_DATE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

/** The documented required fields per channel (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message), scheduling (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
function validate(fields: Fields): void {
	const missing = (name: string) => new HttpError(422, `${name} is required`);
	if (text(fields.to) === '') throw missing('to');
	const used = channelsOf(fields);
	const push =
		isObject(fields.features) && isObject(fields.features.pushOptions)
			? fields.features.pushOptions
			: undefined;
	const web = isObject(fields.web) && text(fields.web.body) !== '';
	const social = isObject(fields.social);
	const whatsapp = fields.whatsapp !== undefined;
	const rcs = fields.rcs !== undefined;
	if (used.length === 0 && !push && !web && !social && !whatsapp && !rcs)
		throw new HttpError(422, 'body is required (or email.body, voice.body, web.body)');
	if (text(fields.subject) === '') throw missing('subject');
	if (isObject(fields.email) && Object.keys(fields.email).length > 0) {
		if (text(fields.email.body) === '') throw missing('email.body');
		if (!['text/plain', 'text/html'].includes(text(fields.email.type)))
			throw new HttpError(422, 'email.type must be text/plain or text/html');
	}
	checkOptOut(fields.email);
	checkWhatsApp(fields.whatsapp);
	checkRcs(fields.rcs);
	checkFallback(fields.features, rcs);
	if (push && text(push.notifications) === 'enabled') {
		if (text(push.appId) === '') throw missing('features.pushOptions.appId');
		if (!/@contact\./i.test(text(fields.to)))
			throw new HttpError(422, 'to: push messages go to contact MRIs only');
	}
	for (const section of ['email', 'voice']) {
		if (attachmentBytes(fields[section]) > MAX_ATTACHMENT_BYTES) {
			throw new HttpError(422, `${section}.resources: attachments may total at most 10 MB`);
		}
	}
	if (fields.messageType !== undefined && text(fields.messageType) !== 'SCHEDULED')
		throw new HttpError(422, 'messageType must be SCHEDULED');
	if (text(fields.messageType) === 'SCHEDULED') {
		if (!['ONCE', 'REPEAT'].includes(text(fields.scheduleType)))
			throw new HttpError(422, 'scheduleType must be ONCE or REPEAT');
		const date = text(fields.scheduleDate);
		if (!SCHEDULE_DATE.test(date) || parseShortDate(date) === undefined) {
			throw new HttpError(422, 'scheduleDate must be dd/MM/yyyy HH:mm');
		}
		if (text(fields.scheduleType) === 'REPEAT') {
			for (const key of ['repetitionCount', 'repeatDays', 'repeatHrs', 'repeatMin']) {
				if (!/^\d+$/.test(text(fields[key])))
					throw new HttpError(422, `${key} must be a whole number`);
			}
		}
	}
}

// ---------- creating messages ----------

/** Where a message lives, as Whispir's Location gives it (without the API key). */
export function messageLocation(env: Env, message: Rec): string {
	const workspaceId = text(message._workspaceId);
	const prefix =
		workspaceId === '' || workspaceId === env.defaultWorkspaceId()
			? ''
			: `/workspaces/${encodeURIComponent(workspaceId)}`;
	return `${env.url}${prefix}/messages/${encodeURIComponent(message.id)}`;
}

const CONTENT_FIELDS = [
	'to',
	'subject',
	'body',
	'email',
	'voice',
	'web',
	'social',
	'whatsapp',
	'rcs',
	'type',
	'dlr',
	'features',
	'messageTemplateId',
	'messageTemplateName',
	'messageattributes',
	'responseTemplateId',
	'callbackId',
	'callbackParameters',
	'eventId',
	'messageType',
	'scheduleType',
	'scheduleDate',
	'repetitionCount',
	'repeatDays',
	'repeatHrs',
	'repeatMin',
];

export interface MessageOptions {
	/** The values of a bulk-message row, for its `@@column@@` tags. */
	row?: Row;
	/** Who sent it (GET /messages lists only the caller's own without viewType=shared); default the API user. */
	sender?: string;
	bulkId?: string;
}

/**
 * Checks and stores a message the way `POST /messages` does, and returns the stored record.
 * `workspaceId` is the workspace the message lives in (the store scope of `messages`).
 * Throws HttpError (422, 404, 400) for what Whispir refuses. Scenario runs call this too.
 */
export function createMessage(
	env: Env,
	workspaceId: string,
	fields: Fields,
	options: MessageOptions = {},
): Rec {
	return env.store.put('messages', workspaceId, buildMessage(env, workspaceId, fields, options));
}

/** The record `createMessage` stores, not stored yet (seeding stores it itself). */
export function buildMessage(
	env: Env,
	workspaceId: string,
	fields: Fields,
	options: MessageOptions = {},
): Rec {
	const own: Fields = {};
	for (const key of CONTENT_FIELDS)
		if (fields[key] !== undefined && fields[key] !== null) own[key] = fields[key];
	const withTemplate = applyTemplate(env, workspaceId, own);
	validate(withTemplate);

	const callbackName = text(withTemplate.callbackId);
	// Whispir wants the callback's name (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback); an unknown one cannot be delivered to.
	if (callbackName !== '' && !findByName(env, 'callbacks', undefined, 'name', callbackName)) {
		throw new HttpError(400, `callbackId: no callback is named "${callbackName}"`);
	}
	const event =
		text(withTemplate.eventId) !== ''
			? eventData(env, workspaceId, text(withTemplate.eventId))
			: undefined;
	const id = newId();
	const rowValues: Row = {};
	for (const [key, value] of Object.entries(options.row ?? {})) rowValues[tagName(key)] = value;
	const values: Row = {
		...systemTags(),
		...event?.values,
		...attributeValues(withTemplate),
		...rowValues,
		messagelabel: event?.label ?? '',
		web_link: `${env.url}/r/${id}`,
	};
	const content = resolveContent(withTemplate, values);
	const record: Rec = {
		...content,
		id,
		label: event?.label ?? '',
		from: options.sender ?? env.username,
		direction: 'OUTGOING',
		responseCount: 0,
		createdTime: Date.now(),
		_sender: options.sender ?? env.username,
		_workspaceId: workspaceId,
		_recipients: buildRecipients(env, workspaceId, content),
		...(options.row ? { _row: options.row } : {}),
		...(options.bulkId ? { _bulkId: options.bulkId } : {}),
	};
	return record;
}

/**
 * A bulk (dynamic) message (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message): one message per row of a private resource, `@@column@@`
 * tags resolved from that row, recipients taken from the mapping columns (default `mobile` / `email`).
 * The returned record is the bulk message the Location names; its rows are messages of their own.
 */
export function createBulkMessage(env: Env, workspaceId: string, fields: Fields): Rec {
	const resource = isObject(fields.resource) ? fields.resource : undefined;
	const resourceId = text(resource?.resourceId);
	if (!resource || resourceId === '') throw new HttpError(422, 'resource.resourceId is required');
	if (
		text(fields.messageTemplateId) === '' &&
		(text(fields.subject) === '' || text(fields.body) === '')
	) {
		throw new HttpError(422, 'subject and body are required when no messageTemplateId is given');
	}
	const rows = readResourceRows(env, workspaceId, resourceId);
	const columns = new Set(rows.flatMap((row) => Object.keys(row)));
	const mapping = (key: string, fallback: string): string | undefined => {
		const named = text(resource[key]);
		if (named !== '') {
			if (!columns.has(named))
				throw new HttpError(422, `resource.${key}: the resource has no column "${named}"`);
			return named;
		}
		return columns.has(fallback) ? fallback : undefined;
	};
	const smsColumn = mapping('smsMappingField', 'mobile');
	const emailColumn = mapping('emailMappingField', 'email');
	const voiceColumn = mapping('voiceMappingField', 'mobile');
	if (!smsColumn && !emailColumn && !voiceColumn)
		throw new HttpError(422, 'resource: no mapping field names a column with recipients');

	const bulkId = newId();
	const { resource: _resource, ...content } = fields;
	const rowIds = rows.map((row, index) => {
		const to = [smsColumn, emailColumn, voiceColumn]
			.map((column) => (column ? text(row[column]) : ''))
			.filter((value, position, all) => value !== '' && all.indexOf(value) === position)
			.join(';');
		try {
			return createMessage(env, workspaceId, { ...content, to }, { row, bulkId }).id;
		} catch (error) {
			if (error instanceof HttpError)
				throw new HttpError(error.status, `row ${index + 1}: ${error.message}`);
			throw error;
		}
	});
	return env.store.put('messages', workspaceId, {
		...content,
		id: bulkId,
		resource,
		label: '',
		from: env.username,
		direction: 'OUTGOING',
		responseCount: 0,
		createdTime: Date.now(),
		_sender: env.username,
		_workspaceId: workspaceId,
		_recipients: [],
		_rowMessageIds: rowIds,
	});
}

// ---------- what recipients do (control API) ----------

/** A message, and the messages its recipients really are in (the rows of a bulk message). */
function deliveriesOf(env: Env, message: Rec): Rec[] {
	const rowIds = Array.isArray(message._rowMessageIds)
		? (message._rowMessageIds as string[])
		: undefined;
	if (!rowIds) return [message];
	return rowIds.flatMap((id) => {
		const row = env.store.get('messages', id);
		return row ? [row] : [];
	});
}

export function recipientsOf(env: Env, message: Rec): Recipient[] {
	return deliveriesOf(env, message).flatMap(
		(delivery) => (delivery._recipients as Recipient[] | undefined) ?? [],
	);
}

function messageById(env: Env, messageId: unknown): Rec {
	const message = env.store.get('messages', text(messageId));
	if (!message) throw new HttpError(404, `message ${text(messageId)} not found`);
	return message;
}

/** The recipient named by number, email, MRI or name; without one, every recipient. */
function pick(
	env: Env,
	message: Rec,
	who: unknown,
): Array<{ delivery: Rec; recipient: Recipient }> {
	const wanted = text(who).toLowerCase();
	const all = deliveriesOf(env, message).flatMap((delivery) =>
		((delivery._recipients as Recipient[] | undefined) ?? []).map((recipient) => ({
			delivery,
			recipient,
		})),
	);
	if (wanted === '') return all;
	const found = all.filter(({ recipient }) =>
		[recipient.mobile, recipient.email, recipient.mri, recipient.name].some(
			(value) => value.toLowerCase() === wanted,
		),
	);
	if (found.length === 0)
		throw new HttpError(404, `message ${message.id} has no recipient "${text(who)}"`);
	return found;
}

const EVENT_CHANNEL: Record<Channel, MessageEvent['channel']> = {
	sms: 'SMS',
	email: 'EMAIL',
	voice: 'VOICE',
};

function channelFor(recipient: Recipient, requested: unknown): Channel {
	const wanted = text(requested).toLowerCase();
	if (wanted !== '') {
		const channel = CHANNELS.find((candidate) => candidate === wanted);
		if (!channel || !recipient.channels[channel])
			throw new HttpError(400, `the recipient was not sent the message by ${text(requested)}`);
		return channel;
	}
	const first = CHANNELS.find((candidate) => recipient.channels[candidate]);
	if (!first)
		throw new HttpError(400, `the recipient ${recipient.name} has no channel to answer on`);
	return first;
}

/** PENDING → SENT → DELIVRD, one step per call, for every channel of the picked recipients. */
export function advanceMessage(
	env: Env,
	body: Fields,
): { messageId: string; statuses: Record<string, Partial<Record<Channel, StatusCode>>> } {
	const message = messageById(env, body.messageId);
	const statuses: Record<string, Partial<Record<Channel, StatusCode>>> = {};
	for (const { recipient } of pick(env, message, body.recipient)) {
		for (const channel of CHANNELS) {
			const state = recipient.channels[channel];
			if (!state) continue;
			if (state.status === 'PENDING') {
				state.status = 'SENT';
				state.sentTimestamp = nowSeconds();
			} else if (state.status === 'SENT') {
				state.status = 'DELIVRD';
				state.receivedTimestamp = nowSeconds();
			}
		}
		statuses[recipient.name] = Object.fromEntries(
			CHANNELS.flatMap((c) => (recipient.channels[c] ? [[c, recipient.channels[c]!.status]] : [])),
		);
	}
	return { messageId: message.id, statuses };
}

/** The response rule a message names, and the rule's patterns (its categories). */
export function responseRuleOf(env: Env, message: Rec): { rule?: Rec; patterns: Fields[] } {
	const ruleId = text(message.responseTemplateId);
	const rule = ruleId === '' ? undefined : env.store.get('responserules', ruleId);
	const holder = isObject(rule?.responseTemplatePatterns)
		? rule.responseTemplatePatterns.responseTemplatePattern
		: undefined;
	return { rule, patterns: listOf(holder).filter(isObject) };
}

/** The category of the response rule pattern the reply matches (Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule), else "notmatched". */
function matchResponseRule(
	env: Env,
	message: Rec,
	content: string,
): { category: string; rule?: Rec } {
	const { rule, patterns } = responseRuleOf(env, message);
	if (!rule) return { category: 'notmatched' };
	const reply = content.trim().toLowerCase();
	for (const pattern of patterns) {
		const prompt = text(pattern.textPrompt).toLowerCase();
		if (prompt === '') continue;
		const kind = text(pattern.pattern).toLowerCase();
		const hit =
			kind === 'exactmatch'
				? reply === prompt
				: kind === 'contains'
					? reply.includes(prompt)
					: reply.startsWith(prompt);
		if (hit) return { category: text(pattern.name), rule };
	}
	return { category: 'notmatched', rule };
}

function eventFor(
	env: Env,
	delivery: Rec,
	recipient: Recipient,
	channel: Channel,
	kind: MessageEvent['kind'],
	content: string,
	extra: Row,
): MessageEvent {
	const row = isObject(delivery._row) ? (delivery._row as Row) : {};
	return {
		kind,
		message: delivery,
		scope: text(delivery._workspaceId),
		messageLocation: messageLocation(env, delivery),
		from: {
			name: recipient.name,
			mri: recipient.mri,
			mobile: recipient.mobile,
			email: recipient.email,
			voice: recipient.voice,
		},
		channel: EVENT_CHANNEL[channel],
		content,
		at: shortDate(),
		extraParameters: {
			...row,
			recipient_full_name: recipient.name,
			recipient_sms: recipient.mobile,
			recipient_email: recipient.email,
			recipient_voice: recipient.voice,
			...extra,
		},
	};
}

/** A recipient answers: the channel becomes READ, the reply is stored and matched, callbacks hear of it. */
export async function replyToMessage(
	env: Env,
	body: Fields,
): Promise<{ messageId: string; responseCategory: string }> {
	const message = messageById(env, body.messageId);
	const content = text(body.content);
	if (content === '') throw new HttpError(400, 'content is required');
	const [{ delivery, recipient }] = pick(env, message, body.recipient);
	const channel = channelFor(recipient, body.channel);
	const state = recipient.channels[channel]!;
	const now = nowSeconds();
	state.sentTimestamp ??= now;
	state.receivedTimestamp ??= now;
	state.acknowlegedTimestamp = now;
	state.status = 'READ';
	const { category, rule } = matchResponseRule(env, delivery, content);
	recipient.responses.push({
		channel: EVENT_CHANNEL[channel],
		content,
		acknowledged: shortDate(),
		category,
	});
	for (const counted of new Set([delivery, message]))
		counted.responseCount = Number(counted.responseCount ?? 0) + 1;
	await emitMessageEvent(
		env,
		eventFor(env, delivery, recipient, channel, 'reply', content, {
			matchedCategory: category,
			responseRule: rule ? text(rule.name) : '',
		}),
	);
	return { messageId: message.id, responseCategory: category };
}

/** Delivery fails: the channel becomes FAILED with the reason, callbacks hear of it. */
export async function markUndeliverable(
	env: Env,
	body: Fields,
): Promise<{ messageId: string; failed: number }> {
	const message = messageById(env, body.messageId);
	const reason = text(body.reason) || 'Undeliverable: the number or address could not be reached';
	const picked = pick(env, message, body.recipient);
	for (const { delivery, recipient } of picked) {
		const channel = channelFor(recipient, body.channel);
		recipient.channels[channel]!.status = 'FAILED';
		recipient.info = reason;
		await emitMessageEvent(
			env,
			eventFor(env, delivery, recipient, channel, 'undeliverable', reason, {}),
		);
	}
	return { messageId: message.id, failed: picked.length };
}
