import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	OVER_QPD,
	RATE_PATIENCE_MS,
	isOverRateLimit,
	mayHaveActed,
	type AttemptOutcome,
} from './retryPolicy';

export interface FailedRequest {
	method: string;
	path: string;
	outcome: AttemptOutcome;
	/** Whispir's own words (error body as text), already free of secrets. */
	whispirText: string;
	retries: number;
	itemIndex?: number;
	usesPlainHttp: boolean;
}

interface Explanation {
	message: string;
	description: string;
}

const REPORT_BUG =
	'This is a bug in the Whispir node: please report it with the operation you ran.';

function explainStatus(
	failure: FailedRequest,
	statusCode: number,
	errorCode?: string,
): Explanation {
	const said = failure.whispirText ? ` Whispir said: "${failure.whispirText}".` : '';
	const target = `${failure.method} ${failure.path}`;
	if (errorCode === OVER_QPD) {
		return {
			message: 'The Whispir API key has used up its daily request quota',
			description:
				'Whispir answered ERR_403_DEVELOPER_OVER_QPD. Requests work again when the daily quota resets; ask your Whispir account manager for a higher limit if this happens often.',
		};
	}
	if (isOverRateLimit(failure.outcome)) {
		return {
			message: 'Whispir kept rejecting requests as over the per-second rate limit',
			description: `${
				failure.retries > 0
					? `No request on this API key got through for ${RATE_PATIENCE_MS / 60_000} minutes (this one was refused ${failure.retries + 1} times).`
					: `Whispir asked to wait longer than the node waits (${RATE_PATIENCE_MS / 60_000} minutes).`
			} The node slows down to the rate Whispir grants the key, but something else is using all of it: other apps, workflows or n8n workers on the same API key. Try again when they are done, or ask Whispir for a higher limit.`,
		};
	}
	if (statusCode === 401) {
		return {
			message: 'Whispir rejected the username or password',
			description:
				"Check the credential's Username and Password by signing in to the Whispir platform with them (401).",
		};
	}
	if (statusCode === 403 && /developer inactive/i.test(failure.whispirText)) {
		return {
			message: 'Whispir rejected the API key',
			description:
				"Whispir answered 403 Developer Inactive: check the credential's API Key on whispir.io, and that its Region matches the key's Environment.",
		};
	}
	if (statusCode === 403) {
		return {
			message: 'Whispir refused this request for your user',
			description: `Your Whispir user lacks the permission for ${target}; ask your Whispir administrator for it.${
				failure.usesPlainHttp
					? ' Whispir also answers 403 to plain http: use an https:// Base URL.'
					: ''
			}${said}`,
		};
	}
	if (statusCode === 404) {
		return {
			message: 'Whispir found nothing at this address',
			description: `${target} does not exist (404). Check the ID, and that it belongs to the chosen workspace.${said}`,
		};
	}
	if (statusCode === 415) {
		return {
			message: 'Whispir refused the media type the node sent',
			description: `415 Unsupported Media Type for ${target}. ${REPORT_BUG}${said}`,
		};
	}
	if (statusCode === 400 || statusCode === 422) {
		return {
			message: `Whispir rejected the request's content${failure.whispirText ? `: ${failure.whispirText}` : ''}`,
			description: `Whispir answered ${statusCode} to ${target}. Correct the fields its message names.`,
		};
	}
	if (statusCode >= 500) {
		return {
			message: `Whispir had a server error (${statusCode})`,
			description: `${retriedOrNot(failure)}${said}`,
		};
	}
	return {
		message: `Whispir answered ${statusCode} to ${target}`,
		description: said.trim() || 'Whispir gave no further detail.',
	};
}

/**
 * A POST that failed this way may have reached Whispir and been carried out: the answer was lost,
 * not the request. Whispir has no idempotency keys, so the node never repeats it (see retryPolicy).
 */
function sendMayHaveHappened(failure: FailedRequest): boolean {
	return failure.method === 'POST' && mayHaveActed(failure.outcome);
}

/** What the lost answer may hide, in the user's words. */
function whatMayHaveHappened(path: string): string {
	if (/\/messages$/.test(path)) return 'the message may have been sent';
	if (/\/scenarios\/[^/]+$/.test(path)) return 'the scenario may have run';
	return 'the record may have been created';
}

function retriedOrNot(failure: FailedRequest): string {
	if (sendMayHaveHappened(failure)) {
		return `The request was not repeated because Whispir may already have acted on it: ${whatMayHaveHappened(failure.path)}. Check in Whispir before running it again, or it may happen twice.`;
	}
	if (failure.retries > 0)
		return `Tried ${failure.retries + 1} times without success; try again later.`;
	return 'Try again later.';
}

function explain(failure: FailedRequest): Explanation {
	const { outcome } = failure;
	if (outcome.kind === 'status')
		return explainStatus(failure, outcome.statusCode, outcome.errorCode);
	if (outcome.kind === 'unreadable') {
		return {
			message: 'Whispir answered with something that is not the expected JSON',
			description: `${failure.method} ${failure.path} answered a page that could not be read (an HTML error page or a cut-off answer). ${retriedOrNot(failure)}`,
		};
	}
	const timedOut = outcome.code === 'ECONNABORTED' || outcome.code === 'ETIMEDOUT';
	const cutOff =
		outcome.code === 'ERR_BAD_RESPONSE' || outcome.code === 'ERR_STREAM_PREMATURE_CLOSE';
	return {
		message: timedOut ? 'Whispir did not answer in time' : 'The connection to Whispir failed',
		description: `${failure.method} ${failure.path}: ${cutOff ? `the answer was cut off (${outcome.code})` : outcome.code}. ${
			timedOut
				? "If Whispir is only slow, raise the credential's Request Timeout."
				: "Check the credential's Region or Base URL and the network."
		} ${retriedOrNot(failure)}`,
	};
}

export function whispirApiError(node: INode, failure: FailedRequest): NodeApiError {
	const explanation = explain(failure);
	const { description } = explanation;
	// Said in the message itself, so that it shows in every list of errors, not only in the details.
	const message = sendMayHaveHappened(failure)
		? `${explanation.message}; ${whatMayHaveHappened(failure.path)}`
		: explanation.message;
	const httpCode =
		failure.outcome.kind === 'status' ? String(failure.outcome.statusCode) : undefined;
	const errorResponse: JsonObject = { message, description, ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(node, errorResponse, {
		message,
		description,
		httpCode,
		itemIndex: failure.itemIndex,
	});
}
