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
import {
	ManualExecutionCancelledError,
	NodeApiError,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import { withinTimeout } from './attemptTimeout';
import { connectionFor, requestScrubbers } from './connection';
import { whispirApiError } from './errors';
import {
	MAX_PAGE_SIZE,
	lacksReportedList,
	nextOffset,
	pageItems,
	planPages,
	plannedPage,
	type PagePlan,
} from './pagination';
import { assertRequestPath } from './paths';
import type { RateLimiter, Start } from './rateLimiter';
import { networkCode, readAnswer, type Attempt, type WhispirResponse } from './responses';
import {
	MAX_TOTAL_WAIT_MS,
	isOverRateLimit,
	mayHaveActed,
	rateRefusalWait,
	retryDelay,
} from './retryPolicy';
import { secretsIn } from './scrub';
import { runPool } from './workerPool';

export type { WhispirResponse } from './responses';

export type WhispirContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface WhispirRequest {
	method: IHttpRequestMethods;
	/** Path of the resource, e.g. `/workspaces` or `/messages/ABC`. */
	path: string;
	/**
	 * Whispir's media type name, e.g. `workspace-v1` for `application/vnd.whispir.workspace-v1+json`,
	 * or a whole media type for Whispir's newer services, which take plain `application/json`
	 * (Verify: parameters Json-Accept and Json-Content-Type of sendCodeCreate and verifyCodeCreate).
	 */
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
	 * A client error (4xx, not a rate refusal) whose JSON body this returns true for is the answer,
	 * not a failure: Verify → Check Code reads a wrong or expired code that way.
	 */
	isAnswer?: (statusCode: number, body: IDataObject) => boolean;
	/**
	 * For the write of a read-merge-write: builds the body anew (a fresh read, a fresh merge) before
	 * each retry, so a retried write never carries a record read before the failed attempt.
	 */
	rebuildBody?: () => Promise<IDataObject>;
}

const cancelSignal = (context: WhispirContext) =>
	'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;

/** Whether the user stopped the execution: nothing more should start. */
export const isCancelled = (context: WhispirContext) => cancelSignal(context)?.aborted === true;

/** The error that ends a stopped execution's wait or work. */
export const cancellation = (context: WhispirContext) =>
	new ManualExecutionCancelledError('getExecutionId' in context ? context.getExecutionId() : '');

/**
 * Sleeps, and stops at once when the user stops the execution. Not n8n-workflow's `sleepWithAbort`:
 * n8n-workflow 2.40 dropped it (the one a user's n8n installs beside the package is the newest), and
 * it leaves an `abort` listener behind for every pause, thousands in a long run.
 */
async function pause(context: WhispirContext, ms: number): Promise<void> {
	if (ms <= 0) return;
	const signal = cancelSignal(context);
	if (!signal) return await sleep(ms);
	if (signal.aborted) throw cancellation(context);
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(cancellation(context));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

/**
 * Waits until the key's pace lets one more request start. Stopping the execution ends the wait at once,
 * also for a request still queued behind others (of other executions) that are waiting.
 */
async function waitForTurn(context: WhispirContext, limiter: RateLimiter): Promise<Start> {
	try {
		return await limiter.take(
			async (ms) => await pause(context, ms),
			Date.now,
			cancelSignal(context),
		);
	} catch (error) {
		throw isCancelled(context) ? cancellation(context) : error;
	}
}

/**
 * More items (or pages of one Return All) than this never run at once, whatever the rate. A Return All
 * inside concurrent items has a pool of its own, so more requests may wait; the limiter still starts
 * no more than the rate allows.
 */
const MAX_CONCURRENCY = 100;

/**
 * How many requests of one node run to keep going at once: twice the credential's ceiling, so the
 * pace stays full even when Whispir takes up to a second or two to answer, and never so many that
 * thousands of items mean thousands of waiting requests. The limiter still decides when each starts.
 */
export async function requestConcurrency(
	context: WhispirContext,
	itemIndex?: number,
): Promise<number> {
	const { limiter } = await connectionFor(context, itemIndex);
	return Math.max(1, Math.min(MAX_CONCURRENCY, Math.ceil(2 * limiter.ceiling)));
}

/**
 * One Whispir API call: paced to the credential's rate limit, retried when that is safe,
 * and failing with an error that tells the user what to fix. The only place that speaks HTTP.
 */
export async function whispirApiRequest(
	this: WhispirContext,
	request: WhispirRequest,
): Promise<WhispirResponse> {
	assertRequestPath(this.getNode(), request);
	const connection = await connectionFor(this, request.itemIndex);
	// An answer may echo the request: its own secrets (a callback's key, a user's password) stay out of errors too.
	const scrubbers = requestScrubbers(connection, secretsIn(request.body));
	const mediaType = request.mediaType.includes('/')
		? request.mediaType
		: `application/vnd.whispir.${request.mediaType}+json`;
	const path = request.workspaceId
		? `/workspaces/${encodeURIComponent(request.workspaceId)}${request.path}`
		: request.path;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${path}`,
		qs: request.qs,
		// A list value repeats the parameter, as Whispir wants it (`?id=A&id=B`, callbackCallUpdate).
		arrayFormat: 'repeat',
		headers: request.body
			? { Accept: mediaType, 'Content-Type': mediaType }
			: { Accept: mediaType },
		body: request.body ? JSON.stringify(request.body) : undefined,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: connection.timeoutMs,
	};

	const { limiter } = connection;
	let waited = 0;
	let faultRetries = 0;
	let rateRetries = 0;
	let refusedSince: number | undefined;
	let earlierAttemptMayHaveActed = false;
	for (;;) {
		const start = await waitForTurn(this, limiter);
		// A turn granted without waiting never met the cancel signal: a stopped execution sends nothing more.
		if (isCancelled(this)) throw cancellation(this);
		let attempt: Attempt;
		try {
			const raw = (await withinTimeout(
				options,
				connection.timeoutMs,
				async () =>
					await this.helpers.httpRequestWithAuthentication.call(this, 'whispirApi', options),
			)) as IN8nHttpFullResponse;
			// A DELETE repeated after an attempt that may have deleted the record: a 404 means it is gone, as asked.
			const goneIsDone = request.method === 'DELETE' && earlierAttemptMayHaveActed;
			attempt = readAnswer(
				raw,
				{ notFoundIsEmpty: request.notFoundIsEmpty || goneIsDone, isAnswer: request.isAnswer },
				scrubbers,
			);
		} catch (error) {
			const code = networkCode(error);
			if (code === undefined) {
				// Not a network fault (a cancelled execution, a missing credential): nothing to retry. Only the
				// message goes on: the raw error may carry the request's options, secrets included.
				const message = scrubbers.scrubError((error as Error)?.message ?? String(error));
				const apiError = new NodeApiError(this.getNode(), { message } as JsonObject, {
					itemIndex: request.itemIndex,
					message,
				});
				apiError.context.itemIndex ??= request.itemIndex;
				throw apiError;
			}
			attempt = { failure: { kind: 'network', code }, whispirText: '' };
		}
		if ('response' in attempt) {
			limiter.answered(start);
			return attempt.response;
		}

		const { failure } = attempt;
		const overRate = isOverRateLimit(failure);
		const now = Date.now();
		let delay: number | undefined;
		if (overRate) {
			refusedSince ??= now;
			delay = rateRefusalWait(failure, {
				now,
				refusedSince,
				lastAcceptedAt: limiter.lastAcceptedAt,
			});
			// The pace drops for every request on the key; a Retry-After holds them all back as long.
			limiter.refused(start, now, delay || undefined);
		} else {
			// A network fault leaves the request's arrival unknown: it keeps its place in the window.
			if (failure.kind !== 'network') limiter.answered(start, now);
			delay = retryDelay(request.method, failure, faultRetries);
			if (delay !== undefined && waited + delay > MAX_TOTAL_WAIT_MS) delay = undefined;
		}
		if (delay === undefined) {
			throw whispirApiError(this.getNode(), {
				method: request.method,
				path,
				outcome: failure,
				whispirText: attempt.whispirText,
				retries: overRate ? rateRetries : faultRetries,
				itemIndex: request.itemIndex,
				usesPlainHttp: connection.baseUrl.startsWith('http:'),
			});
		}
		if (overRate) {
			rateRetries++;
			// Not back at once into the window that refused it: one request's spacing at the new pace first.
			delay ||= limiter.spacing;
		} else {
			waited += delay;
			faultRetries++;
		}
		earlierAttemptMayHaveActed ||= mayHaveActed(failure);
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

interface Page {
	body: unknown;
	items: IDataObject[];
}

/** The first item of a page, to recognise a list that ignores `offset` and answers the same page again. */
const firstOf = (items: IDataObject[]) => (items.length > 0 ? JSON.stringify(items[0]) : undefined);

/**
 * Reads a Whispir list, up to `limit` items. When the first page says how many there are
 * ("1 to 20 of 873"), the other pages are read at the same time, paced by the rate limit;
 * otherwise `next` links are followed one page after the other. Either way the items come back in
 * the list's order.
 */
export async function whispirApiList(
	this: WhispirContext,
	request: WhispirListRequest,
): Promise<IDataObject[]> {
	const { listKey, limit, entriesHaveNoIds, ...pageRequest } = request;
	const wanted = limit ?? Number.POSITIVE_INFINITY;
	const readPage = async (offset: number, pageSize: number): Promise<Page> => {
		const { body } = await whispirApiRequest.call(this, {
			...pageRequest,
			method: 'GET',
			qs: { ...pageRequest.qs, limit: pageSize, offset },
		});
		if (lacksReportedList(body, listKey)) {
			const keys = Object.keys(body as IDataObject).join(', ');
			throw new NodeOperationError(
				this.getNode(),
				`Whispir's list has no "${listKey}" although it reports ${String((body as IDataObject).status)}`,
				{
					description: `The answer holds ${keys}. Nothing is output rather than a wrong, empty list; please report this answer to the node's maintainers.`,
					itemIndex: pageRequest.itemIndex,
				},
			);
		}
		return { body, items: pageItems(body, listKey, { idsFromSelfLinks: !entriesHaveNoIds }) };
	};

	const first = await readPage(0, Math.min(MAX_PAGE_SIZE, wanted));
	const plan = planPages(first.body, first.items.length, wanted);
	// A refused page is sent again by whispirApiRequest; the pages read stay. Only a page that finally
	// fails ends the list, and its error says how far the list got.
	const progress = { pages: 1, records: first.items.length };
	const counted = async (offset: number, pageSize: number) => {
		const page = await readPage(offset, pageSize);
		progress.pages++;
		progress.records += page.items.length;
		return page;
	};
	let rest: IDataObject[][];
	try {
		rest = plan
			? await readPlannedPages(this, plan, first, counted)
			: await followNextLinks(first, counted, wanted);
	} catch (error) {
		throw withListProgress(error, progress, plan ? plan.count + 1 : undefined);
	}
	const results = [first.items, ...rest].flat();
	return results.length > wanted ? results.slice(0, wanted) : results;
}

/** Adds to a list's error how many pages and records had been read (and are not output). */
function withListProgress(
	error: unknown,
	progress: { pages: number; records: number },
	pageCount?: number,
): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const note = `The list was read up to this page: ${progress.pages}${pageCount ? ` of ${pageCount}` : ''} pages, ${progress.records} records, none of them output. Running the node again reads the list from the start.`;
	error.description = error.description ? `${error.description} ${note}` : note;
	return error;
}

/** Every page of the plan, concurrently, in the list's order; up to the first empty page or repeated page. */
async function readPlannedPages(
	context: WhispirContext,
	plan: PagePlan,
	first: Page,
	readPage: (offset: number, pageSize: number) => Promise<Page>,
): Promise<IDataObject[][]> {
	const pages: IDataObject[][] = [];
	// Pages from `end` on are not read, or not kept.
	let end = plan.count;
	// Page k ends the list when it is empty or the page before it again (a list that ignores `offset`).
	const endsList = (k: number) => {
		const page = pages[k];
		const before = k === 0 ? first.items : pages[k - 1];
		if (page === undefined) return false;
		return page.length === 0 || (before !== undefined && firstOf(page) === firstOf(before));
	};
	const failure = await runPool(
		plan.count,
		async (k) => {
			if (k >= end) return;
			const { offset, pageSize } = plannedPage(plan, k);
			pages[k] = (await readPage(offset, pageSize)).items;
			// Pages come back in any order: this one may end the list, or show that the next one does.
			for (const candidate of [k, k + 1])
				if (candidate < end && endsList(candidate)) end = candidate;
		},
		// The first page was read, so the connection (and any error of its credential) is known already.
		{ concurrency: await requestConcurrency(context), keepGoing: () => !isCancelled(context) },
	);
	if (failure) throw failure.error;
	// Only a cancelled execution leaves planned pages unread: no list with gaps.
	if (isCancelled(context)) throw cancellation(context);
	return pages.slice(0, end);
}

/** Pages one after the other, as long as each names the next. */
async function followNextLinks(
	first: Page,
	readPage: (offset: number, pageSize: number) => Promise<Page>,
	wanted: number,
): Promise<IDataObject[][]> {
	const pages: IDataObject[][] = [];
	let count = first.items.length;
	let previousFirst = firstOf(first.items);
	let offset = nextOffset(
		first.body,
		{ offset: 0, pageSize: Math.min(MAX_PAGE_SIZE, wanted) },
		count,
	);
	while (offset !== undefined && count < wanted) {
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - count);
		const page = await readPage(offset, pageSize);
		// A list that ignores `offset` answers the same page again: it had no more to give.
		const pageFirst = firstOf(page.items);
		if (pageFirst !== undefined && pageFirst === previousFirst) break;
		previousFirst = pageFirst;
		pages.push(page.items);
		count += page.items.length;
		offset = nextOffset(page.body, { offset, pageSize }, page.items.length);
	}
	return pages;
}
