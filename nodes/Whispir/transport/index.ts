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
import { NodeApiError, NodeOperationError, sleepWithAbort } from 'n8n-workflow';

import { whispirApiError } from './errors';
import { MAX_PAGE_SIZE, nextOffset, pageItems } from './pagination';
import { limiterFor, type RateLimiter } from './rateLimiter';
import { errorText, headerValue, withoutApiKeyParameter } from './responses';
import { MAX_TOTAL_WAIT_MS, isOverRateLimit, retryDelay, type AttemptOutcome } from './retryPolicy';

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
}

export interface WhispirResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON, or the plain text some answers carry (202 "accepted"), or undefined when empty. */
	body: IDataObject | string | undefined;
	/** The `Location` header without the API key Whispir puts in it. */
	location?: string;
}

interface WhispirCredentials {
	region: string;
	baseUrl?: string;
	username: string;
	password: string;
	apiKey: string;
	rateLimit: string;
	customRateLimit?: number;
}

interface Connection {
	baseUrl: string;
	limiter: RateLimiter;
	/** Removes the credential's secrets from any text Whispir sends back. */
	scrub: (text: string) => string;
}

const REQUEST_TIMEOUT_MS = 30_000;

async function connect(context: WhispirContext, itemIndex?: number): Promise<Connection> {
	const credentials = await context.getCredentials<WhispirCredentials>('whispirApi');
	const baseUrl = (credentials.region === 'custom' ? (credentials.baseUrl ?? '') : credentials.region)
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Whispir credential has no valid Base URL',
			{
				description: 'Open the credential and choose a Region, or enter a Base URL starting with https://.',
				itemIndex,
			},
		);
	}
	const perSecond =
		credentials.rateLimit === 'custom' ? Number(credentials.customRateLimit) : Number(credentials.rateLimit);
	const secrets = [credentials.apiKey, credentials.password].filter((secret) => secret && secret.length >= 6);
	return {
		baseUrl,
		limiter: limiterFor(baseUrl, credentials.apiKey, perSecond > 0 ? perSecond : 5),
		scrub: (text) => secrets.reduce((clean, secret) => clean.split(secret).join('***'), withoutApiKeyParameter(text)),
	};
}

async function pause(context: WhispirContext, ms: number): Promise<void> {
	if (ms <= 0) return;
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	await sleepWithAbort(ms, signal);
}

type Attempt = { response: WhispirResponse } | { failure: AttemptOutcome; whispirText: string };

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	// Some n8n versions parse JSON despite `encoding: 'text'`: serialise it back so it is scrubbed too.
	return JSON.stringify(body);
}

function readAnswer(raw: IN8nHttpFullResponse, request: WhispirRequest, connection: Connection): Attempt {
	const { statusCode, headers } = raw;
	const text = connection.scrub(bodyText(raw.body));
	if (statusCode === 404 && request.notFoundIsEmpty) return { response: { statusCode, headers, body: undefined } };
	if (statusCode < 200 || statusCode >= 300) {
		return {
			failure: {
				kind: 'status',
				statusCode,
				errorCode: headerValue(headers, 'x-error-code'),
				retryAfter: headerValue(headers, 'retry-after'),
			},
			whispirText: errorText(text),
		};
	}
	const location = headerValue(headers, 'location');
	const response: WhispirResponse = {
		statusCode,
		headers,
		body: undefined,
		location: location === undefined ? undefined : connection.scrub(location),
	};
	if (text.trim() === '') return { response };
	const contentType = headerValue(headers, 'content-type') ?? '';
	if (/json/i.test(contentType)) {
		try {
			return { response: { ...response, body: JSON.parse(text) as IDataObject } };
		} catch {
			return { failure: { kind: 'unreadable' }, whispirText: '' };
		}
	}
	// Messages answer 202 with the plain text "Your request has been accepted for processing."
	if (/^text\/plain/i.test(contentType)) return { response: { ...response, body: text } };
	return { failure: { kind: 'unreadable' }, whispirText: errorText(text) };
}

// Socket and timeout codes; n8n-workflow 2.8 keeps them only in `httpCode` (it drops `cause`), later versions in `cause`.
const NETWORK_CODE = /^(E[A-Z]+|EAI_AGAIN|ERR_NETWORK)$/;

function networkCode(error: unknown): string | undefined {
	const { code, httpCode, cause } = (error ?? {}) as { code?: unknown; httpCode?: unknown; cause?: { code?: unknown } };
	for (const candidate of [code, httpCode, cause?.code]) {
		if (typeof candidate === 'string' && NETWORK_CODE.test(candidate)) return candidate;
	}
	return undefined;
}

/**
 * One Whispir API call: paced to the credential's rate limit, retried when that is safe,
 * and failing with an error that tells the user what to fix. The only place that speaks HTTP.
 */
export async function whispirApiRequest(this: WhispirContext, request: WhispirRequest): Promise<WhispirResponse> {
	const connection = await connect(this, request.itemIndex);
	const mediaType = `application/vnd.whispir.${request.mediaType}+json`;
	const path = request.workspaceId
		? `/workspaces/${encodeURIComponent(request.workspaceId)}${request.path}`
		: request.path;
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${path}`,
		qs: request.qs,
		headers: request.body ? { Accept: mediaType, 'Content-Type': mediaType } : { Accept: mediaType },
		body: request.body ? JSON.stringify(request.body) : undefined,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	let waited = 0;
	for (let retries = 0; ; retries++) {
		await pause(this, connection.limiter.reserve());
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
			// Not a network fault (a cancelled execution, a missing credential): nothing to retry.
			if (code === undefined) throw new NodeApiError(this.getNode(), error as JsonObject, { itemIndex: request.itemIndex });
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
	}
}

export interface WhispirListRequest extends Omit<WhispirRequest, 'method' | 'body'> {
	/** The key of the array in a page: `workspaces`, `messagetemplates`, `users`… */
	listKey: string;
	/** At most this many items; undefined returns them all. */
	limit?: number;
}

/** Reads a Whispir list page by page, following its `next` links, up to `limit` items. */
export async function whispirApiList(this: WhispirContext, request: WhispirListRequest): Promise<IDataObject[]> {
	const { listKey, limit, ...pageRequest } = request;
	const results: IDataObject[] = [];
	let offset: number | undefined = 0;
	while (offset !== undefined && (limit === undefined || results.length < limit)) {
		const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - results.length);
		const page = await whispirApiRequest.call(this, {
			...pageRequest,
			method: 'GET',
			qs: { ...pageRequest.qs, limit: pageSize, offset },
		});
		const items = pageItems(page.body, listKey);
		results.push(...items);
		offset = nextOffset(page.body, offset, items.length);
	}
	return limit === undefined ? results : results.slice(0, limit);
}
