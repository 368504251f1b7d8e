import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Scrubbers } from './connection';
import { OVER_QPD, OVER_QPS, type AttemptOutcome } from './retryPolicy';

/** Header names are case-insensitive; Whispir clients have broken on `location` before (Whispir's API docs, API Endpoint and Authorization: https://developers.whispir.com). */
export function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/**
 * Whispir writes the caller's API key into every URL it returns (`…/messages/ID?apikey=KEY`,
 * in `Location` and in every `link`). Removing the parameter keeps the key out of node output,
 * execution logs and error messages.
 */
export function withoutApiKeyParameter(text: string): string {
	return text.replace(
		/([?&])apikey=[^&"'<>\s\\]*(&?)/gi,
		(_match, separator: string, next: string) => (next ? separator : ''),
	);
}

/** The last path segment of a resource URL is its id: `…/workspaces/ABC/messages/DEF?x` → `DEF`. */
export function idFromUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const path = url.split(/[?#]/)[0];
	const segments = path.split('/').filter((segment) => segment !== '');
	const last = segments[segments.length - 1];
	return last && !last.includes(':') ? decodeURIComponent(last) : undefined;
}

/** Plain text of an error body: some answers are HTML pages (gateways, proxies). */
export function errorText(body: string, maxLength = 500): string {
	const text = body
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}

const words = (value: unknown): string =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';

/**
 * Whispir's JSON error in words, or the body unchanged when it is not one. Whispir's OpenAPI
 * (https://developers.whispir.com, "Errors" of every operation) documents `ApiError` {errorText, errorSummary, errorDetail} (older answers carry only some of
 * them) and, for newer services, `ApiErrorNextGen` {status, message, detail}:
 * `Bad Request: Your request was malformed… (java.io.EOFException…)`.
 */
export function readableError(body: string): string {
	const json = parseJson(body.trim());
	if (json === undefined || Array.isArray(json)) return body;
	const [title, summary, detail] =
		'errorText' in json || 'errorSummary' in json || 'errorDetail' in json
			? [words(json.errorText), words(json.errorSummary), words(json.errorDetail)]
			: [words(json.message), '', words(json.detail)];
	const sentence = title && summary ? `${title}: ${summary}` : title || summary;
	if (!sentence && !detail) return body;
	if (!detail || detail === sentence) return sentence;
	return sentence ? `${sentence} (${detail})` : detail;
}

/**
 * Which of Whispir's limits refused a request: its `X-Error-Code` header (ERR_403_DEVELOPER_OVER_QPS
 * or …_QPD, https://developers.whispir.com "API Rate Limits"), or, when a gateway or proxy left the
 * header out, the same refusal in words: `X-Error-Detail` ("Account Over Queries Per Second Limit")
 * or the body (`<h1>Developer Over Qps</h1>`; "Developer Over Rate" is the daily quota).
 */
function errorCodeOf(
	statusCode: number,
	headers: IDataObject | undefined,
	body: string,
): string | undefined {
	const code = headerValue(headers, 'x-error-code');
	if (code !== undefined || statusCode !== 403) return code;
	const said = `${headerValue(headers, 'x-error-detail') ?? ''} ${body.slice(0, 2000)}`;
	if (/developer over qps|over queries per second/i.test(said)) return OVER_QPS;
	if (/developer over (qpd|rate)|over queries per day/i.test(said)) return OVER_QPD;
	return undefined;
}

/** What a Whispir call gives back on success. */
export interface WhispirResponse {
	statusCode: number;
	headers: IDataObject;
	/** Parsed JSON, or the plain text some answers carry (202 "accepted"), or undefined when empty. */
	body: IDataObject | string | undefined;
	/** The `Location` header without the API key Whispir puts in it. */
	location?: string;
}

export type Attempt =
	| { response: WhispirResponse }
	| { failure: AttemptOutcome; whispirText: string };

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	// Some n8n versions parse JSON despite `encoding: 'text'`: serialise it back so it is scrubbed too.
	return JSON.stringify(body);
}

function parseJson(text: string): IDataObject | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** The error text the user sees; scrubbed again after decoding, since JSON escapes can hide a secret. */
function whispirSaid(rawText: string, scrubbers: Scrubbers): string {
	return errorText(scrubbers.scrubError(readableError(scrubbers.scrubError(rawText))));
}

/** Turns one HTTP answer into a success, or into the outcome the retry policy decides on. */
export function readAnswer(
	raw: IN8nHttpFullResponse,
	options: {
		notFoundIsEmpty?: boolean;
		isAnswer?: (statusCode: number, body: IDataObject) => boolean;
	},
	scrubbers: Scrubbers,
): Attempt {
	const { statusCode, headers } = raw;
	const rawText = bodyText(raw.body);
	if (statusCode === 404 && options.notFoundIsEmpty)
		return { response: { statusCode, headers, body: undefined } };
	if (statusCode < 200 || statusCode >= 300) {
		const errorCode = errorCodeOf(statusCode, headers, rawText);
		const clientError = statusCode >= 400 && statusCode < 500 && statusCode !== 429 && !errorCode;
		const said =
			clientError && options.isAnswer ? parseJson(scrubbers.scrubAnswer(rawText)) : undefined;
		if (said && !Array.isArray(said) && options.isAnswer?.(statusCode, said))
			return { response: { statusCode, headers, body: said } };
		return {
			failure: {
				kind: 'status',
				statusCode,
				errorCode,
				retryAfter: headerValue(headers, 'retry-after'),
			},
			whispirText: whispirSaid(rawText, scrubbers),
		};
	}

	const text = scrubbers.scrubAnswer(rawText);
	const location = headerValue(headers, 'location');
	const response: WhispirResponse = {
		statusCode,
		headers,
		body: undefined,
		location: location === undefined ? undefined : scrubbers.scrubAnswer(location),
	};
	if (text.trim() === '') return { response };
	const contentType = headerValue(headers, 'content-type') ?? '';
	const json = contentType === '' || /json/i.test(contentType) ? parseJson(text) : undefined;
	if (json !== undefined) return { response: { ...response, body: json } };
	// Messages answer 202 with the plain text "Your request has been accepted for processing.",
	// and the docs name no content type for it.
	if (contentType === '' || /^text\/plain/i.test(contentType))
		return { response: { ...response, body: text } };
	// A new resource's address means Whispir did the work, whatever page came with it.
	if (response.location !== undefined) return { response: { ...response, body: text } };
	return { failure: { kind: 'unreadable' }, whispirText: whispirSaid(rawText, scrubbers) };
}

// Socket and timeout codes; n8n-workflow 2.8 keeps them only in `httpCode` (it drops `cause`), later versions in `cause`.
// ERR_BAD_RESPONSE and ERR_STREAM_PREMATURE_CLOSE: the answer's head arrived, then the connection broke.
const NETWORK_CODE =
	/^(E[A-Z]+|EAI_AGAIN|ERR_NETWORK|ERR_BAD_RESPONSE|ERR_STREAM_PREMATURE_CLOSE)$/;
// The same, when only the message is left: axios's "stream has been aborted", Node's "Premature close" and "aborted".
const CUT_OFF_MESSAGE = /^(stream has been aborted|premature close|aborted)$/i;

/** The socket or timeout code of an error thrown by n8n's HTTP helper, if it is one. */
export function networkCode(error: unknown): string | undefined {
	const { code, httpCode, cause, message } = (error ?? {}) as {
		code?: unknown;
		httpCode?: unknown;
		cause?: { code?: unknown; message?: unknown };
		message?: unknown;
	};
	for (const candidate of [code, httpCode, cause?.code]) {
		if (typeof candidate === 'string' && NETWORK_CODE.test(candidate)) return candidate;
	}
	for (const text of [message, cause?.message]) {
		if (typeof text === 'string' && CUT_OFF_MESSAGE.test(text.trim())) return 'ERR_BAD_RESPONSE';
	}
	return undefined;
}
