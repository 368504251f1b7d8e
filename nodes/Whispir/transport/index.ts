import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleepWithAbort } from 'n8n-workflow';

import { connectionFor } from './connection';
import { whispirApiError } from './errors';
import { MAX_PAGE_SIZE, nextOffset, pageItems } from './pagination';
import type { RateLimiter } from './rateLimiter';
import { networkCode, readAnswer, type Attempt, type WhispirResponse } from './responses';
import { MAX_TOTAL_WAIT_MS, isOverRateLimit, retryDelay } from './retryPolicy';

export type { WhispirResponse } from './responses';

export type WhispirContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface WhispirRequest {
	method: IHttpRequestMethods;
	/** Path of the resource, e.g. `/workspaces` or `/messages/ABC`. */
	path: string;
	/** Whispir's media type name, e.g. `workspace-v1` for `application/vnd.whispir.workspace-v1+json`. */
	mediaType: string;
	/** Nests the path under `/workspaces/{id}`; without it Whispir uses the company's default workspace. */
	workspaceId?: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The input item the request is for, so errors point at it. */
	itemIndex?: number;
	/** Answer a 404 as "nothing here": activities and custom lists say "no data" that way. */
	notFoundIsEmpty?: boolean;
	/**
	 * For the write of a read-merge-write: builds the body anew (a fresh read, a fresh merge) before
	 * each retry, so a retried write never carries a record read before the failed attempt.
	 */
	rebuildBody?: () => Promise<IDataObject>;
}

// Whispir documents no timeout. Sends are answered with a 202 before delivery, so 30 s means trouble.
const REQUEST_TIMEOUT_MS = 30_000;

async function pause(context: WhispirContext, ms: number): Promise<void> {
	if (ms <= 0) return;
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	await sleepWithAbort(ms, signal);
}

/** Waits for a start time the rate limit allows, and for any pause a rate-limit answer imposed meanwhile. */
async function waitForTurn(context: WhispirContext, limiter: RateLimiter): Promise<void> {
	await pause(context, limiter.reserve());
	await pause(context, limiter.pausedUntil - Date.now());
}

/**
 * One Whispir API call: paced to the credential's rate limit, retried when that is safe,
 * and failing with an error that tells the user what to fix. The only place that speaks HTTP.
 */
export async function whispirApiRequest(this: WhispirContext, request: WhispirRequest): Promise<WhispirResponse> {
	const connection = await connectionFor(this, request.itemIndex);
	const mediaType = `application/vnd.whispir.${request.mediaType}+json`;
	const path = request.workspaceId
		? `/workspaces/${encodeURIComponent(request.workspaceId)}${request.path}`
		: request.path;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${path}`,
		qs: request.qs,
		// A list value repeats the parameter, as Whispir wants it (`?id=A&id=B`, endpoints.md §2.11).
		arrayFormat: 'repeat',
		headers: request.body ? { Accept: mediaType, 'Content-Type': mediaType } : { Accept: mediaType },
		body: request.body ? JSON.stringify(request.body) : undefined,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	let waited = 0;
	for (let retries = 0; ; retries++) {
		await waitForTurn(this, connection.limiter);
		let attempt: Attempt;
		try {
			const raw = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				'whispirApi',
				options,
			)) as IN8nHttpFullResponse;
			attempt = readAnswer(raw, request, connection);
		} catch (error) {
			const code = networkCode(error);
			if (code === undefined) {
				// Not a network fault (a cancelled execution, a missing credential): nothing to retry. Only the
				// message goes on: the raw error may carry the request's options, secrets included.
				const message = connection.scrubError((error as Error)?.message ?? String(error));
				const apiError = new NodeApiError(this.getNode(), { message } as JsonObject, {
					itemIndex: request.itemIndex,
					message,
				});
				apiError.context.itemIndex ??= request.itemIndex;
				throw apiError;
			}
			attempt = { failure: { kind: 'network', code }, whispirText: '' };
		}
		if ('response' in attempt) return attempt.response;

		const delay = retryDelay(request.method, attempt.failure, retries);
		if (delay === undefined || waited + delay > MAX_TOTAL_WAIT_MS) {
			throw whispirApiError(this.getNode(), {
				method: request.method,
				path,
				outcome: attempt.failure,
				whispirText: attempt.whispirText,
				retries,
				itemIndex: request.itemIndex,
				usesPlainHttp: connection.baseUrl.startsWith('http:'),
			});
		}
		// Everyone sharing the key holds back, not just this request.
		if (isOverRateLimit(attempt.failure)) connection.limiter.pauseUntil(Date.now() + delay);
		waited += delay;
		await pause(this, delay);
		if (request.rebuildBody) options.body = JSON.stringify(await request.rebuildBody());
	}
}

export interface WhispirListRequest extends Omit<WhispirRequest, 'method' | 'body'> {
	/** The key of the array in a page: `workspaces`, `messagetemplates`, `users`… */
	listKey: string;
	/** At most this many items; undefined returns them all. */
	limit?: number;
	/**
	 * Entries that are not records (a message's per-recipient status, its responses) share the
	 * report's self link, so no id can be read from it. Default: ids come from self links.
	 */
	entriesHaveNoIds?: boolean;
}

/** Reads a Whispir list page by page, following its `next` links, up to `limit` items. */
export async function whispirApiList(this: WhispirContext, request: WhispirListRequest): Promise<IDataObject[]> {
	const { listKey, limit, entriesHaveNoIds, ...pageRequest } = request;
	const results: IDataObject[] = [];
	let offset: number | undefined = 0;
	let previousFirst: string | undefined;
	while (offset !== undefined && (limit === undefined || results.length < limit)) {
		const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - results.length);
		const page = await whispirApiRequest.call(this, {
			...pageRequest,
			method: 'GET',
			qs: { ...pageRequest.qs, limit: pageSize, offset },
		});
		const items = pageItems(page.body, listKey, { idsFromSelfLinks: !entriesHaveNoIds });
		// A list that ignores `offset` answers the same page again: it had no more to give.
		const first = items.length > 0 ? JSON.stringify(items[0]) : undefined;
		if (first !== undefined && first === previousFirst) break;
		previousFirst = first;
		results.push(...items);
		offset = nextOffset(page.body, { offset, pageSize }, items.length);
	}
	return limit === undefined ? results : results.slice(0, limit);
}
