// Somebody else editing a record at Whispir while the node waits to retry its write: through the API,
// like another Whispir user, marked `?colleague=1` so that the node's own requests can be told apart
// in the sandbox log (see requestsTo).
import { expect } from 'vitest';

import type { LoggedRequest } from '../../sandbox/server';
import type { WhispirTestBed } from '../support';

/**
 * Reads the record at `path`, applies `change` and writes it back (Whispir's PUT takes the whole
 * record). Fields Whispir answers with but refuses in a PUT ("x is read-only") are left out.
 */
export async function colleagueEdits(
	bed: WhispirTestBed,
	request: { path: string; mediaType: string; change: Record<string, unknown> },
): Promise<void> {
	const { apiKey, username, password } = bed.sandbox.credentials;
	const type = `application/vnd.whispir.${request.mediaType}+json`;
	const url = `${bed.sandbox.url}${request.path}?colleague=1&apikey=${apiKey}`;
	const headers = {
		'x-api-key': apiKey,
		Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
		Accept: type,
	};
	const current = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
	const record: Record<string, unknown> = { ...current, ...request.change };
	for (const key of ['link', 'id', 'mri', 'lastModifiedTime', 'createdTime']) delete record[key];
	for (let attempt = 0; attempt < 5; attempt++) {
		const put = await fetch(url, {
			method: 'PUT',
			headers: { ...headers, 'Content-Type': type },
			body: JSON.stringify(record),
		});
		const answer = await put.text();
		// Whispir's ApiError: {errorSummary, errorText, errorDetail}.
		const refusal =
			put.status === 422 ? (JSON.parse(answer) as { errorSummary: string }) : undefined;
		const readOnly = /^(\w+) is read-only/.exec(refusal?.errorSummary ?? '');
		if (put.status === 422 && readOnly) {
			delete record[readOnly[1]];
			continue;
		}
		expect(put.status, answer).toBeLessThan(300);
		return;
	}
	// Without this, a colleague who never got the edit in would pass as one who did.
	throw new Error(`the colleague's PUT ${request.path} was still refused after 5 attempts`);
}

/**
 * Polls the sandbox log until `found` holds, then runs `then`; gives up once `stop` says so.
 * Resolves with what `then` threw, if anything, so that its failure is reported with the test.
 */
export async function whenLogged(
	bed: WhispirTestBed,
	found: (log: LoggedRequest[]) => boolean,
	then: () => Promise<void>,
	stop: () => boolean,
): Promise<Error | undefined> {
	while (!stop()) {
		if (found(bed.sandbox.log)) {
			return await then().then(
				() => undefined,
				(error: Error) => error,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 2));
	}
	return undefined;
}
