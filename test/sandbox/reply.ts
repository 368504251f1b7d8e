import type { Reply } from './types';

/** Thrown by handlers; the pipeline turns it into a plain-text answer. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers?: Record<string, string>,
	) {
		super(message);
	}
}

export function text(status: number, body: string, headers?: Record<string, string>): Reply {
	return { status, text: body, headers };
}

export function empty(status: number, headers?: Record<string, string>): Reply {
	return { status, headers };
}
