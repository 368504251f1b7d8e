// A Whispir API on loopback, in memory: the backend of the integration tests and of `npm run sandbox`.
// See README.md in this folder for the behaviour and for how to add a resource.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import type { OtpDesk } from './otp';
import { handleApi } from './pipeline';
import { SandboxState, type Credentials } from './state';
import type { ConfigPatch, FaultSpec, LoggedRequest, RateLimit, Rec } from './types';

export type { ConfigPatch, FaultSpec, LoggedRequest } from './types';

export interface SandboxOptions {
	/** Default 0: a random free port on 127.0.0.1. */
	port?: number;
	latencyMs?: number;
	/** Default: no limit. */
	rateLimit?: RateLimit;
}

export interface Sandbox {
	/** http://127.0.0.1:PORT, no trailing slash. */
	url: string;
	credentials: Credentials;
	log: LoggedRequest[];
	/** Data, log, faults and config back to their defaults (the port stays). */
	reset(): void;
	/**
	 * Empties the request log only. Tests use this rather than emptying `log` themselves, so that the
	 * contract check and the secrets audit still see what was logged before (test/secrets/sandboxLog.ts).
	 */
	clearLog(): void;
	configure(patch: ConfigPatch): void;
	/** The key's per-second limit changes mid-run; unlike `configure`, the window keeps its counts. */
	changeKeyLimit(perSecond: number): void;
	/** Returns the ids of the seeded records; a sub-resource (devices…) needs its parent's id. */
	seed(resource: string, records: object[], workspaceId?: string, parentId?: string): string[];
	injectFault(fault: FaultSpec): void;
	/** Copies of the stored records of a resource; without workspaceId, those of every workspace. */
	state(resource: string, workspaceId?: string, parentId?: string): Promise<Rec[]>;
	/** Verify's codes as sent (the code a person would read) and the company's `otp` alias. */
	otp: OtpDesk;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, HOST, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	let state: SandboxState | undefined;
	const server = createServer((req, res) => {
		if (!state) return void res.destroy();
		const isControl = req.url === CONTROL_PREFIX || req.url?.startsWith(`${CONTROL_PREFIX}/`);
		// Handlers catch their own errors; this is the last line of defence against a crash.
		(isControl ? handleControl(req, res, state) : handleApi(req, res, state)).catch(() =>
			res.destroy(),
		);
	});
	const url = `http://${HOST}:${await listen(server, options.port ?? 0)}`;
	const credentials = {
		username: 'sandbox.user',
		password: 'sandbox-password',
		apiKey: 'sandbox-api-key',
	};
	const st = new SandboxState(url, credentials, {
		latencyMs: options.latencyMs ?? 0,
		rateLimit: options.rateLimit ? { ...options.rateLimit } : null,
		linkStyle: 'absolute',
	});
	state = st;

	return {
		url,
		credentials,
		log: st.log,
		reset: () => st.reset(),
		clearLog: () => {
			st.log.length = 0;
		},
		configure: (patch) => st.configure(patch),
		changeKeyLimit: (perSecond) => st.changeKeyLimit(perSecond),
		seed: (resource, records, workspaceId, parentId) =>
			st.seed(resource, records, workspaceId, parentId),
		injectFault: (fault) => st.faults.add(fault),
		state: async (resource, workspaceId, parentId) =>
			structuredClone(st.records(resource, workspaceId, parentId)),
		otp: st.otp,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				// Keep-alive and hanging connections would otherwise hold close() open.
				server.closeAllConnections();
			}),
	};
}
