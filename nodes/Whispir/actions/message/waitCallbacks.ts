import { createHmac, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { whispirApiList, whispirApiRequest } from '../../transport';
import { callbackBody } from '../callback/callbackBody';
import { recordPath } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';

/**
 * The Whispir callback of one Send and Wait for Reply: created for the wait, pointing at the
 * node's signed resume URL, and removed after the reply. When no code runs at the end of a wait
 * (n8n's wait limit passed, the execution was deleted), the next Send and Wait removes it: its
 * name says it is a wait's callback and until when it was needed.
 */

type WaitContext = IExecuteFunctions | IWebhookFunctions;

const { path: CALLBACKS, mediaType, listKey } = ENDPOINTS.callback;

// `n8n send and wait <execution ID> <wait ID> until <Unix seconds | none>`
const NAME_PATTERN = /^n8n send and wait \S+ ([0-9a-f]{32}) until (\d+|none)$/;

/** What answers a GET of the resume URL while the execution waits: Whispir's check, and ours. */
export const WAITING_ANSWER = { whispirSendAndWait: 'waiting' };

// Whispir refuses a callback while its GET of the URL fails, i.e. until n8n has stored the wait.
const CREATE_ATTEMPTS = 6;
const CREATE_RETRY_MS = 2_000;
const READY_CHECKS = 40;
const READY_CHECK_MS = 250;

export interface Wait {
	id: string;
	callbackName: string;
}

export function newWait(executionId: string, waitTill: Date | undefined): Wait {
	const id = randomBytes(16).toString('hex');
	const until = waitTill ? String(Math.ceil(waitTill.getTime() / 1000)) : 'none';
	return { id, callbackName: `n8n send and wait ${executionId} ${id} until ${until}` };
}

/**
 * The key Whispir sends with each delivery. It is derived from the random wait ID and the
 * credential's secrets, so the reply webhook can check it without storing anything, and nobody who
 * only knows the URL can forge it.
 */
export async function waitKey(context: WaitContext, waitId: string): Promise<string> {
	const { username, password, apiKey } = await context.getCredentials<{
		username: string;
		password: string;
		apiKey: string;
	}>('whispirApi');
	return createHmac('sha256', `${username}\n${password}\n${apiKey}`)
		.update(`send and wait ${waitId}`)
		.digest('hex');
}

/**
 * Whether the URL still answers as a waiting Send and Wait. When n8n cannot reach its own public
 * address, the answer is unknown, and counts as yes: nothing is removed, nothing is held up.
 */
export async function mayBeWaiting(context: IExecuteFunctions, url: string): Promise<boolean> {
	try {
		const response = (await context.helpers.httpRequest({
			method: 'GET',
			url,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 10_000,
		})) as { statusCode: number; body: unknown };
		return (
			response.statusCode === 200 &&
			(response.body as IDataObject | undefined)?.whispirSendAndWait === 'waiting'
		);
	} catch (error) {
		context.logger.debug(
			`Whispir Send and Wait: could not check ${url}: ${(error as Error).message}`,
		);
		return true;
	}
}

/** Until n8n has stored the execution as waiting; after a while it goes on regardless (see mayBeWaiting). */
export async function untilStored(context: IExecuteFunctions, url: string): Promise<void> {
	for (let check = 0; check < READY_CHECKS; check++) {
		// First a pause: n8n stores the wait a moment after the node returned, and logs each refused request.
		await sleep(READY_CHECK_MS);
		if (await mayBeWaiting(context, url)) return;
	}
}

export async function createWaitCallback(
	context: IExecuteFunctions,
	wait: Wait,
	url: string,
	key: string,
): Promise<void> {
	const body = callbackBody({
		name: wait.callbackName,
		url,
		authType: 'httpheader',
		key,
		contentType: 'json',
		events: ['reply'],
		// Email replies are matched as text.
		removeHtml: true,
		// Replies that arrive while n8n is down reach it later.
		retriesEnabled: true,
	});
	for (let attempt = 1; ; attempt++) {
		try {
			await whispirApiRequest.call(context, {
				method: 'POST',
				path: CALLBACKS,
				mediaType,
				body,
				itemIndex: 0,
			});
			return;
		} catch (error) {
			// The name is new, so a 400 means Whispir's GET of the URL failed; nothing was created.
			const checkFailed = error instanceof NodeApiError && error.httpCode === '400';
			if (!checkFailed || attempt >= CREATE_ATTEMPTS) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(context.getNode(), error as Error);
			}
			await sleep(CREATE_RETRY_MS);
		}
	}
}

async function waitCallbacks(
	context: WaitContext,
): Promise<Array<{ id: string; name: string; url: string; waitId: string; until: string }>> {
	const callbacks = await whispirApiList.call(context, { path: CALLBACKS, mediaType, listKey });
	return callbacks.flatMap((callback) => {
		const match = NAME_PATTERN.exec(String(callback.name ?? ''));
		if (!match || typeof callback.id !== 'string') return [];
		return [
			{
				id: callback.id,
				name: String(callback.name),
				url: String(callback.url ?? ''),
				waitId: match[1],
				until: match[2],
			},
		];
	});
}

async function deleteCallback(context: WaitContext, id: string): Promise<void> {
	// A 404 means it is gone already: that is the state we want.
	await whispirApiRequest.call(context, {
		method: 'DELETE',
		path: recordPath(ENDPOINTS.callback, id),
		mediaType,
		notFoundIsEmpty: true,
	});
}

/** The wait's callback name, or undefined when Whispir no longer has it. */
export async function callbackNameOf(
	context: WaitContext,
	waitId: string,
): Promise<string | undefined> {
	return (await waitCallbacks(context)).find((callback) => callback.waitId === waitId)?.name;
}

export async function removeWaitCallback(context: WaitContext, waitId: string): Promise<void> {
	for (const callback of await waitCallbacks(context))
		if (callback.waitId === waitId) await deleteCallback(context, callback.id);
}

/**
 * Removes the callbacks of waits that are over without a reply: their limit passed (a later reply
 * is too late, even if n8n's wait tracker has not resumed the execution yet), or (for waits
 * without a limit) their URL no longer answers as a waiting Send and Wait, e.g. after the execution
 * was deleted. Callbacks with any other name are never touched. Returns how many were removed.
 */
export async function removeStaleWaitCallbacks(
	context: IExecuteFunctions,
	now = new Date(),
): Promise<number> {
	let removed = 0;
	for (const callback of await waitCallbacks(context)) {
		const stale =
			callback.until === 'none'
				? !(await mayBeWaiting(context, callback.url))
				: Number(callback.until) * 1000 < now.getTime();
		if (stale) {
			await deleteCallback(context, callback.id);
			removed++;
		}
	}
	return removed;
}
