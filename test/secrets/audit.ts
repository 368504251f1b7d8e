// The secrets audit. Everything the test suite produces that a user could see — node output, error
// messages, descriptions, contexts and stacks, webhook answers, credential test results, listSearch
// results, the requests the sandbox received — is appended to a JSONL file per test worker in the
// folder vitest's global setup announces in WHISPIR_AUDIT_DIR. The secrets the tests use (every
// credential's password fields, the Basic header they make, callback keys) are recorded in the same
// files. When the run ends, globalSetup.ts checks every record for every secret and fails `npm test`
// on a leak. `findSecrets` is the check itself; the e2e suite uses it on n8n's logs and executions.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

export const AUDIT_DIR_ENV = 'WHISPIR_AUDIT_DIR';

/** Secrets shorter than this would match ordinary text (and no real key or password is this short). */
const MIN_SECRET_LENGTH = 6;

export interface AuditLine {
	kind: 'record' | 'secret';
	/** For a record: where it came from, e.g. 'run:error' or 'webhook:answer'. */
	source?: string;
	/** The record as text, or the secret. */
	text: string;
	/**
	 * For a secret: 'everywhere' (a credential: never in any record, not even in what Whispir received
	 * outside the places its protocol needs it), or 'output' (a secret the user typed into a node, such
	 * as a user's password: Whispir must receive it, so it is looked for in everything else).
	 */
	scope?: SecretScope;
}

export type SecretScope = 'everywhere' | 'output';

export interface SecretFinding {
	/** The secret, masked except for its first two characters. */
	secret: string;
	/** How it was written: plain, URL-encoded, JSON-escaped or base64. */
	form: string;
	/** Up to 40 characters around the first occurrence, the secret itself masked. */
	excerpt: string;
}

const mask = (secret: string) =>
	`${secret.slice(0, 2)}${'*'.repeat(Math.max(secret.length - 2, 0))}`;

/** The ways a secret can end up written: as is, in a URL, inside JSON text, base64-encoded at any offset. */
function formsOf(secret: string): Array<[form: string, text: string]> {
	const forms: Array<[string, string]> = [
		['plain', secret],
		['url-encoded', encodeURIComponent(secret)],
		['json-escaped', JSON.stringify(secret).slice(1, -1)],
	];
	// base64 of text containing the secret contains one of these, whatever the secret's offset.
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.from(`${'\0'.repeat(offset)}${secret}`).toString('base64');
		// Keep only the 3-byte groups made of the secret's bytes alone: they encode the same whatever surrounds it.
		const start = 4 * Math.ceil(offset / 3);
		const end = 4 * Math.floor((offset + Buffer.byteLength(secret)) / 3);
		if (end - start >= 8) forms.push([`base64+${offset}`, encoded.slice(start, end)]);
	}
	const unique = new Map<string, [string, string]>();
	for (const form of forms) if (!unique.has(form[1])) unique.set(form[1], form);
	return [...unique.values()];
}

/** Every secret (of MIN_SECRET_LENGTH or more) that appears in `text`, in any of the forms above. */
export function findSecrets(text: string, secrets: Iterable<string>): SecretFinding[] {
	const findings: SecretFinding[] = [];
	for (const secret of new Set(secrets)) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		for (const [form, written] of formsOf(secret)) {
			const at = text.indexOf(written);
			if (at === -1) continue;
			const around = text
				.slice(Math.max(0, at - 20), at + written.length + 20)
				.split(written)
				.join(mask(written));
			findings.push({ secret: mask(secret), form, excerpt: around });
			break;
		}
	}
	return findings;
}

/**
 * An error's `node` is the workflow's node as the user configured it, parameters included: the
 * workflow itself, which whoever sees the execution sees anyway, not something the node produced.
 */
function withoutNode(error: Record<string, unknown>): Record<string, unknown> {
	const { node: _node, ...rest } = error;
	return rest;
}

/** JSON of anything, errors included (message, description, context, stack and own fields), cycles cut. */
export function auditText(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, entry: unknown) => {
			if (typeof entry === 'bigint') return entry.toString();
			if (typeof entry === 'function') return undefined;
			if (typeof entry !== 'object' || entry === null) return entry;
			if (seen.has(entry)) return '[cycle]';
			seen.add(entry);
			if (entry instanceof Error) {
				const { message, stack } = entry;
				return withoutNode({
					name: entry.name,
					message,
					stack,
					...(entry as unknown as Record<string, unknown>),
				});
			}
			// n8n's plain copies of errors too.
			return 'message' in entry && 'node' in entry
				? withoutNode(entry as Record<string, unknown>)
				: entry;
		}) ?? String(value)
	);
}

function append(line: AuditLine): void {
	const dir = process.env[AUDIT_DIR_ENV];
	// Without vitest's global setup (e.g. a test file run by tsx) there is nothing to record into.
	if (!dir) return;
	appendFileSync(join(dir, `${process.pid}-${threadId}.jsonl`), `${JSON.stringify(line)}\n`);
}

/** Records what a user could see, for the end-of-run secrets check. */
export function recordAudit(source: string, value: unknown): void {
	// Nothing to record into (npm run bench): skip turning a whole run's output into text.
	if (!process.env[AUDIT_DIR_ENV]) return;
	append({ kind: 'record', source, text: typeof value === 'string' ? value : auditText(value) });
}

const registered = new Set<string>();

/** Adds a secret the end-of-run check looks for (a callback key, a password a test made up). */
export function registerSecret(
	secret: string | undefined,
	scope: SecretScope = 'everywhere',
): void {
	if (
		typeof secret !== 'string' ||
		secret.length < MIN_SECRET_LENGTH ||
		registered.has(`${scope} ${secret}`)
	)
		return;
	registered.add(`${scope} ${secret}`);
	append({ kind: 'secret', text: secret, scope });
}

/** Registers the password fields of credential data (as the type marks them) and the Basic header they make. */
export function registerCredentialSecrets(
	data: Record<string, unknown>,
	passwordFields: readonly string[],
): void {
	for (const field of passwordFields)
		registerSecret(typeof data[field] === 'string' ? data[field] : undefined);
	if (
		typeof data.username === 'string' &&
		typeof data.password === 'string' &&
		data.password.length >= MIN_SECRET_LENGTH
	) {
		registerSecret(Buffer.from(`${data.username}:${data.password}`).toString('base64'));
	}
}
