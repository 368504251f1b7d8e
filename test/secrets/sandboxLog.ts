// The requests the sandbox (playing Whispir) received go into the secrets audit too: a secret may
// appear there only where Whispir's protocol needs it.
import type { Sandbox } from '../sandbox/server';
import type { LoggedRequest } from '../sandbox/types';
import { recordAudit } from './audit';

/**
 * A logged request without the places Whispir must receive a secret in: the `apikey` query
 * parameter (Whispir's docs: the key goes in the header AND the query) and a callback's `auth.key` (the
 * key Whispir sends back with every delivery). Without the answer too: what Whispir says back (a
 * callback's key, say) is not what the node sent.
 */
function withoutRequiredSecrets({ answer: _answer, ...request }: LoggedRequest): LoggedRequest {
	const { apikey: _apikey, ...query } = request.query;
	let body = request.body;
	const auth = (body as { auth?: Record<string, unknown> } | undefined)?.auth;
	if (request.path.startsWith('/callbacks') && typeof auth === 'object' && auth !== null) {
		body = { ...(body as object), auth: { ...auth, key: '[the callback key]' } };
	}
	return { ...request, query, body };
}

/** Records the sandbox's request log before each reset and when the sandbox closes. */
export function auditSandboxLog(sandbox: Sandbox): void {
	beforeLogGoes(sandbox, () => {
		if (sandbox.log.length > 0) recordAudit('sandbox:log', sandbox.log.map(withoutRequiredSecrets));
	});
}

/** Calls `record` whenever the sandbox's log is about to go: before each reset or clear, and when it closes. */
export function beforeLogGoes(sandbox: Sandbox, record: () => void): void {
	const { reset, clearLog, close } = sandbox;
	sandbox.reset = () => {
		record();
		reset();
	};
	sandbox.clearLog = () => {
		record();
		clearLog();
	};
	sandbox.close = async () => {
		record();
		await close();
	};
}
