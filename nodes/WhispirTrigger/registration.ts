import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { callbackBody, enabledEvents } from '../Whispir/actions/callback/callbackBody';
import { recordPath } from '../Whispir/helpers/records';
import { ENDPOINTS } from '../Whispir/actions/endpoints';
import { whispirApiList, whispirApiRequest } from '../Whispir/transport';
import { idFromUrl } from '../Whispir/transport/responses';
import { nothingMissedYet } from './processMemory';
import { clearTriggerState, triggerState } from './triggerState';
import { assertRegistrable, triggerSettings, type TriggerSettings } from './settings';

/**
 * The callback's life at Whispir, run by n8n when the workflow is activated (checkExists, then
 * create when needed) and deactivated (delete). Nothing here hides an error: a failure stops the
 * activation with Whispir's reason.
 */

const { path: CALLBACKS, mediaType, listKey } = ENDPOINTS.callback;
const callbackPath = (id: string) => recordPath(ENDPOINTS.callback, id);
const sameName = (a: unknown, b: string) =>
	String(a ?? '')
		.trim()
		.toLowerCase() === b.toLowerCase();

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(
			context.getNode(),
			'n8n gave no webhook URL for the Whispir Trigger',
		);
	return url;
}

function sameEvents(callback: IDataObject, settings: TriggerSettings): boolean {
	const enabled = enabledEvents(callback);
	return (
		enabled.length === settings.events.length &&
		settings.events.every((event) => enabled.includes(event))
	);
}

/** The stored callback, or undefined when Whispir no longer has it (404). */
async function fetchCallback(
	context: IHookFunctions,
	id: string,
): Promise<IDataObject | undefined> {
	const response = await whispirApiRequest.call(context, {
		method: 'GET',
		path: callbackPath(id),
		mediaType,
		notFoundIsEmpty: true,
	});
	return response.statusCode === 404 || typeof response.body !== 'object'
		? undefined
		: response.body;
}

async function deleteCallback(context: IHookFunctions, id: string): Promise<void> {
	// A 404 means someone deleted it already: that is the state we want.
	await whispirApiRequest.call(context, {
		method: 'DELETE',
		path: callbackPath(id),
		mediaType,
		notFoundIsEmpty: true,
	});
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const settings = triggerSettings(this);
	assertRegistrable(this, settings);
	const url = webhookUrl(this);
	const state = triggerState(this);

	if (state.callbackId) {
		const current = await fetchCallback(this, state.callbackId);
		const stillFits =
			current && sameName(current.name, settings.callbackName) && sameEvents(current, settings);
		if (stillFits && current.url === url) {
			// Re-activated, e.g. n8n restarted. Deliveries missed meanwhile are caught up by the first
			// delivery this process receives (catchUp.ts): n8n may serve it before this even runs.
			return true;
		}
		if (stillFits && state.callbackKey) {
			// n8n's webhook address changed (N8N_WEBHOOK_URL, e.g. webhooks moved to webhook processors):
			// point the callback at the new address in place (callbackUpdate), so that its ID, its key
			// and the deliveries that failed meanwhile (caught up later from its calls) are kept.
			try {
				await whispirApiRequest.call(this, {
					method: 'PUT',
					path: callbackPath(state.callbackId),
					mediaType,
					body: registrationBody(settings, url, state.callbackKey),
				});
			} catch (error) {
				throw explainRefusal(this, error, url);
			}
			return true;
		}
		// Our own callback, but with a name or events that no longer fit: replace it, rather than
		// later taking it for someone else's callback.
		if (current) await deleteCallback(this, state.callbackId);
		clearTriggerState(state);
	}

	const callbacks = await whispirApiList.call(this, { path: CALLBACKS, mediaType, listKey });
	const inTheWay = callbacks.find((callback) => sameName(callback.name, settings.callbackName));
	if (inTheWay && inTheWay.url === url && typeof inTheWay.id === 'string') {
		// It points at this very node's webhook, so it is ours, but its key was lost with the static
		// data (e.g. a restored database): replace it, or every delivery would be refused with 401.
		await deleteCallback(this, inTheWay.id);
		return false;
	}
	if (inTheWay) {
		throw new NodeOperationError(
			this.getNode(),
			`A Whispir callback named "${settings.callbackName}" already exists (ID ${String(inTheWay.id)}, URL ${String(inTheWay.url)})`,
			{
				description:
					'The trigger only uses callbacks it created itself. Give it another name (Options → Callback Name), or delete that callback if nothing uses it any more (Whispir node → Callback → Delete). If it is the active version of this workflow, deactivate it before listening for test events.',
			},
		);
	}
	return false;
}

/** The callback as the trigger registers it: deliveries as JSON, the key in a header. */
function registrationBody(settings: TriggerSettings, url: string, key: string): IDataObject {
	return callbackBody({
		name: settings.callbackName,
		url,
		authType: 'httpheader',
		key,
		contentType: 'json',
		events: settings.events,
		removeHtml: settings.removeHtml,
		retriesEnabled: settings.retriesEnabled,
		email: settings.email,
	});
}

/** Whispir's 400 on creation mostly means its GET to the webhook URL failed: say how to fix that. */
function explainRefusal(
	context: IHookFunctions,
	error: Error,
	url: string,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError && error.httpCode === '400') {
		return new NodeOperationError(
			context.getNode(),
			`Whispir refused the callback: ${error.message}`,
			{
				description: `Before it creates a callback or changes its URL, Whispir sends a GET to ${url} and needs a 200 back. n8n must be reachable from the internet at that address, on port 80 or 443, under a domain name (set n8n's WEBHOOK_URL). A callback with the same name must not exist.`,
			},
		);
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const settings = triggerSettings(this);
	assertRegistrable(this, settings);
	const url = webhookUrl(this);
	// Whispir recommends an alphanumeric token; 32 random bytes as hex.
	const key = randomBytes(32).toString('hex');
	const body = registrationBody(settings, url, key);
	let location: string | undefined;
	try {
		location = (
			await whispirApiRequest.call(this, { method: 'POST', path: CALLBACKS, mediaType, body })
		).location;
	} catch (error) {
		throw explainRefusal(this, error, url);
	}
	const id = idFromUrl(location);
	if (!id) {
		throw new NodeOperationError(
			this.getNode(),
			'Whispir created the callback but did not say its ID',
			{
				description: `Delete the callback "${settings.callbackName}" in Whispir, then activate the workflow again.`,
			},
		);
	}
	Object.assign(triggerState(this), {
		callbackId: id,
		callbackKey: key,
		callbackName: settings.callbackName,
	});
	nothingMissedYet(id);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	if (state.callbackId) await deleteCallback(this, state.callbackId);
	clearTriggerState(state);
	return true;
}
