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

/** An answer without a body, e.g. 201 with only a Location header. */
export function empty(status: number, headers?: Record<string, string>): Reply {
	return { status, headers };
}
