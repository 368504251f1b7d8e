import { NodeOperationError } from 'n8n-workflow';

import type { WhispirContext } from './index';
import { AUTOMATIC_CEILING, limiterFor, type RateLimiter } from './rateLimiter';
import { withoutApiKeyParameter } from './responses';
import { secretsRemover, withoutAuthorization } from './scrub';

interface WhispirCredentials {
	region: string;
	baseUrl?: string;
	username: string;
	password: string;
	apiKey: string;
	rateLimit: string;
	customRateLimit?: number;
	/** Seconds; credentials saved before this setting existed have none. */
	requestTimeout?: number;
}

export interface Scrubbers {
	/** Removes the API key from what Whispir sends back (it writes the key into every URL it returns). */
	scrubAnswer: (text: string) => string;
	/** Also removes the password and Authorization values: for error texts, which may echo anything the request carried. */
	scrubError: (text: string) => string;
}

export interface Connection extends Scrubbers {
	baseUrl: string;
	limiter: RateLimiter;
	/** How long one request may take before it counts as failed (ms). */
	timeoutMs: number;
}

// Whispir documents no timeout. Sends are answered with a 202 before delivery, so 30 s means trouble.
const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * What to keep out of output and errors. Answers lose the API key (Whispir writes it into every URL
 * it returns); error texts, which may echo anything the request carried (a proxy's page listing the
 * headers), also lose the password, the Basic header and any Authorization value.
 */
export function secretScrubbers(credentials: {
	apiKey: string;
	username: string;
	password: string;
}): Scrubbers {
	const { apiKey, username, password } = credentials;
	const withoutKey = secretsRemover([apiKey]);
	// The Basic header is `username:password` in base64.
	const withoutAny = secretsRemover([apiKey, password, `${username}:${password}`]);
	return {
		scrubAnswer: (text) => withoutKey(withoutApiKeyParameter(text)),
		scrubError: (text) => withoutAny(withoutAuthorization(withoutApiKeyParameter(text))),
	};
}

/** The same, also keeping out the secrets one request carries in its body (see `secretsIn`). */
export function requestScrubbers(scrubbers: Scrubbers, secrets: readonly string[]): Scrubbers {
	if (secrets.length === 0) return scrubbers;
	const withoutCarried = secretsRemover(secrets);
	return {
		scrubAnswer: scrubbers.scrubAnswer,
		scrubError: (text) => withoutCarried(scrubbers.scrubError(text)),
	};
}

// A node run's context is the same object for all its items: the credential is read once per run.
const connections = new WeakMap<WhispirContext, Promise<Connection>>();

/** Where to send requests, how fast, and which secrets to keep out of output, for this node run. */
export async function connectionFor(
	context: WhispirContext,
	itemIndex?: number,
): Promise<Connection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = connect(context, itemIndex);
		connections.set(context, connection);
	}
	return await connection;
}

async function connect(context: WhispirContext, itemIndex?: number): Promise<Connection> {
	const credentials = await context.getCredentials<WhispirCredentials>('whispirApi');
	const baseUrl = (
		credentials.region === 'custom' ? (credentials.baseUrl ?? '') : credentials.region
	)
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			'The Whispir credential has no valid Base URL',
			{
				description:
					'Open the credential and choose a Region, or enter a Base URL starting with https://.',
				itemIndex,
			},
		);
	}
	// 'auto' (Automatic), 'custom', or an edition's number: see the credential's Rate Limit options.
	const ceilings: Record<string, number> = {
		auto: AUTOMATIC_CEILING,
		custom: Number(credentials.customRateLimit),
	};
	const perSecond = ceilings[credentials.rateLimit] ?? Number(credentials.rateLimit);
	const timeoutSeconds = Number(credentials.requestTimeout);
	return {
		baseUrl,
		limiter: limiterFor(baseUrl, credentials.apiKey, perSecond > 0 ? perSecond : AUTOMATIC_CEILING),
		timeoutMs: (timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
		...secretScrubbers(credentials),
	};
}
