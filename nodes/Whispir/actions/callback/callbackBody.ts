import type { IDataObject } from 'n8n-workflow';

/**
 * The body of `POST /callbacks` (callbackCreate; https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback),
 * built in one place for the Callback resource and the Whispir Trigger, which registers its own callback.
 */

const CALLBACK_EVENTS = ['reply', 'undeliverable'] as const;
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];

export interface CallbackSettings {
	name: string;
	url: string;
	authType: 'httpheader' | 'querystring';
	key: string;
	contentType: 'json' | 'xml';
	events: readonly CallbackEvent[];
	removeHtml: boolean;
	retriesEnabled: boolean;
	email?: string;
}

export function callbackBody(settings: CallbackSettings): IDataObject {
	const body: IDataObject = {
		name: settings.name,
		url: settings.url,
		auth: { type: settings.authType, key: settings.key },
		contentType: settings.contentType,
		removeHTML: switchWord(settings.removeHtml),
		retriesEnabled: retriesWord(settings.retriesEnabled),
		callbacks: eventSwitches(settings.events),
	};
	return { ...body, email: settings.email || NO_FAILURE_EMAIL };
}

/**
 * Sent as `email` when the user gives no Failure Email. callbackCreate requires the field (the docs'
 * field table does not, but every example sends it), and an invented real address would receive the
 * failed calls' content. A `.invalid` domain can never receive mail (RFC 6761 §6.4): the field is
 * there, and nothing leaves Whispir.
 */
export const NO_FAILURE_EMAIL = 'no-failure-email@n8n.invalid';

/** Whispir's on/off settings of a callback (`removeHTML`, each event) are the words enabled and disabled. */
export const switchWord = (on: boolean) => (on ? 'enabled' : 'disabled');

/** `retriesEnabled` is a "Boolean" that every example of the docs sends as a string. */
export const retriesWord = (on: boolean) => String(on);

/** `{reply: 'enabled', undeliverable: 'disabled'}` for the chosen events. */
export function eventSwitches(events: readonly CallbackEvent[]): IDataObject {
	const switches: IDataObject = {};
	for (const event of CALLBACK_EVENTS) switches[event] = switchWord(events.includes(event));
	return switches;
}

/** The events a stored callback has switched on. */
export function enabledEvents(callback: IDataObject): CallbackEvent[] {
	const switches = (callback.callbacks ?? {}) as IDataObject;
	return CALLBACK_EVENTS.filter(
		(event) => String(switches[event] ?? '').toLowerCase() === 'enabled',
	);
}
