// vitest global setup: opens the contract record for the run (record.ts) and, when every test file
// has finished, checks every request the node sent and every answer the sandbox gave (errors
// included, when the spec documents their status) against Whispir's OpenAPI with our patch list.
// A violation fails `npm test`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { LoggedRequest } from '../sandbox/types';
import { CONTRACT_DIR_ENV } from './record';
import { WhispirContract } from './spec';

export function setup(): () => void {
	const dir = mkdtempSync(join(tmpdir(), 'whispir-contract-'));
	process.env[CONTRACT_DIR_ENV] = dir;
	return () => {
		try {
			check(dir);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function check(dir: string): void {
	const exchanges = readdirSync(dir)
		.filter((name) => name.endsWith('.jsonl'))
		.flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
		.map((line) => JSON.parse(line) as LoggedRequest);
	if (exchanges.length === 0) return;
	const contract = WhispirContract.load();
	const violations = new Map<string, number>();
	const exercised = new Set<string>();
	const undocumented = new Map<string, number>();
	for (const exchange of exchanges) {
		const operation = contract.operation(exchange.method, exchange.path);
		if (operation) exercised.add(operation.operationId);
		const name = operation?.operationId ?? `${exchange.method} ${exchange.path}`;
		if (contract.undocumentedError(exchange)) {
			const key = `${name} ${exchange.status}`;
			undocumented.set(key, (undocumented.get(key) ?? 0) + 1);
		}
		const found = [
			...contract.checkRequest(exchange).map((problem) => `${name} request: ${problem}`),
			...contract
				.checkAnswer(exchange)
				.map((problem) => `${name} answer ${exchange.status}: ${problem}`),
		];
		for (const violation of found) violations.set(violation, (violations.get(violation) ?? 0) + 1);
	}
	const unexercised = contract
		.operations()
		.filter((operation) => !exercised.has(operation.operationId));
	console.log(
		`[contract] ${exchanges.length} requests and answers checked against Whispir's OpenAPI; ` +
			`${exercised.size} of its ${contract.operations().length} operations exercised (not: ${unexercised.map((o) => o.operationId).join(', ')}); ` +
			`error statuses the spec does not document: ${
				[...undocumented].map(([answer, times]) => `${answer} (×${times})`).join(', ') || 'none'
			}`,
	);
	if (violations.size > 0) {
		process.exitCode = 1;
		const list = [...violations].map(
			([violation, times]) => `${violation}${times > 1 ? ` (×${times})` : ''}`,
		);
		throw new Error(
			`[contract] ${violations.size} violations of Whispir's OpenAPI:\n${list.join('\n')}`,
		);
	}
	console.log('[contract] no violation outside the patch list');
}
