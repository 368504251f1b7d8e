// Keeps what a test bed's sandbox saw (requests and answers) for the contract check that
// globalSetup.ts runs when every test file has finished.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import type { LoggedRequest, Sandbox } from '../sandbox/server';
import { beforeLogGoes } from '../secrets/sandboxLog';

export const CONTRACT_DIR_ENV = 'WHISPIR_CONTRACT_DIR';

const madeByTests = new WeakSet<LoggedRequest>();

/**
 * Leaves the sandbox's latest request out of the contract check: one a test sent itself (a raw
 * fetch playing another app) or made wrong on purpose. The node's requests are all checked.
 */
export function leaveOutOfContract(sandbox: Sandbox): void {
	const latest = sandbox.log.at(-1);
	if (latest) madeByTests.add(latest);
}

/** Appends the sandbox's log to this worker's file before each reset and when the sandbox closes. */
export function recordForContract(sandbox: Sandbox): void {
	const dir = process.env[CONTRACT_DIR_ENV];
	if (!dir) return;
	const file = join(dir, `${process.pid}-${threadId}.jsonl`);
	beforeLogGoes(sandbox, () => {
		// Injected faults are not the sandbox's answers; a reset connection has none.
		const exchanges = sandbox.log.filter(
			(entry) => entry.fault === undefined && entry.status !== 0 && !madeByTests.has(entry),
		);
		if (exchanges.length > 0)
			appendFileSync(file, exchanges.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
	});
}
