// vitest global setup: opens the secrets audit for the run (see audit.ts) and, when every test file
// has finished, checks everything recorded for every secret. A leak fails `npm test`.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AUDIT_DIR_ENV, findSecrets, type AuditLine } from './audit';

// The sandbox's fixed credentials (test/sandbox/server.ts): always looked for, even in a run whose
// tests registered nothing.
const SANDBOX_SECRETS = ['sandbox-password', 'sandbox-api-key'];

export function setup(): () => void {
	const dir = mkdtempSync(join(tmpdir(), 'whispir-secrets-audit-'));
	process.env[AUDIT_DIR_ENV] = dir;
	return () => {
		try {
			checkForSecrets(dir);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function checkForSecrets(dir: string): void {
	const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
	const lines = files.flatMap((name) =>
		readFileSync(join(dir, name), 'utf8')
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => JSON.parse(line) as AuditLine),
	);
	const secretLines = lines.filter((line) => line.kind === 'secret');
	const credentials = new Set([
		...SANDBOX_SECRETS,
		...secretLines.filter((line) => line.scope !== 'output').map((line) => line.text),
	]);
	const secrets = new Set([...credentials, ...secretLines.map((line) => line.text)]);
	const records = lines.filter((line) => line.kind === 'record');
	const leaks: string[] = [];
	const sources = new Map<string, number>();
	let bytes = 0;
	for (const record of records) {
		bytes += Buffer.byteLength(record.text);
		const source = record.source ?? 'unknown';
		sources.set(source, (sources.get(source) ?? 0) + 1);
		// What Whispir received must carry what the user typed for it (a new user's password…): only
		// credentials are looked for there.
		for (const finding of findSecrets(
			record.text,
			source === 'sandbox:log' ? credentials : secrets,
		)) {
			leaks.push(`${source}: ${finding.secret} (${finding.form}) in …${finding.excerpt}…`);
		}
	}
	const summary =
		`[secrets audit] scanned ${records.length} records (${(bytes / 1024 / 1024).toFixed(1)} MiB) from ${files.length} ` +
		`worker files for ${secrets.size} secrets; by source: ${[...sources]
			.sort()
			.map(([s, n]) => `${s} ${n}`)
			.join(', ')}`;
	console.log(summary);
	if (leaks.length > 0) {
		// vitest reports an error thrown here but still exits 0: set the exit code as well.
		process.exitCode = 1;
		throw new Error(`[secrets audit] ${leaks.length} leaks:\n${leaks.slice(0, 50).join('\n')}`);
	}
	console.log('[secrets audit] no secret found in any record');
}
