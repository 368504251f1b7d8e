// A Whispir API on loopback, in memory: the backend of our tests, benchmarks and demo.
// See README.md in this folder for the behaviour and for how to add a resource.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import { handleApi } from './pipeline';
import { SandboxState, type ConfigPatch } from './state';
import type { FaultSpec, LoggedRequest } from './types';

export type { FaultSpec, FaultType, LoggedRequest, LinkStyle } from './types';

export interface SandboxOptions {
	/** Default 0: a random free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	latencyMs?: number;
	/** Default: no limit. */
	rateLimit?: { perSecond?: number; perDay?: number };
}

export interface Sandbox {
	/** http://127.0.0.1:PORT, no trailing slash. */
	url: string;
	port: number;
	credentials: { username: string; password: string; apiKey: string };
	log: LoggedRequest[];
	/** Data, log, faults and config back to their defaults (the port stays). */
	reset(): void;
	configure(
		c: Partial<{
			latencyMs: number;
			rateLimit: { perSecond?: number; perDay?: number } | null;
			linkStyle: 'absolute' | 'relative' | 'single';
		}>,
	): void;
	/** Returns the ids of the seeded records. */
	seed(resource: string, records: object[], workspaceId?: string): string[];
	injectFault(f: FaultSpec): void;
	/** Copies of the stored records of a resource; without workspaceId, those of every workspace. */
	state(resource: string, workspaceId?: string): Promise<Array<Record<string, unknown> & { id: string }>>;
	close(): Promise<void>;
}

export const DEFAULT_CREDENTIALS = Object.freeze({
	username: 'sandbox.user',
	password: 'sandbox-password',
	apiKey: 'sandbox-api-key',
});

function listen(server: Server, port: number, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const host = options.host ?? '127.0.0.1';
	let state: SandboxState | undefined;
	const server = createServer((req, res) => {
		if (!state) return void res.destroy();
		const isControl = req.url === CONTROL_PREFIX || req.url?.startsWith(`${CONTROL_PREFIX}/`);
		// Handlers catch their own errors; this is the last line of defence against a crash.
		(isControl ? handleControl(req, res, state) : handleApi(req, res, state)).catch(() => res.destroy());
	});
	const port = await listen(server, options.port ?? 0, host);
	const urlHost = host.includes(':') ? `[${host}]` : host;
	const url = `http://${urlHost}:${port}`;
	const credentials = { ...DEFAULT_CREDENTIALS };
	const st = new SandboxState(url, credentials, {
		latencyMs: options.latencyMs ?? 0,
		rateLimit: options.rateLimit ? { ...options.rateLimit } : null,
		linkStyle: 'absolute',
	});
	state = st;

	return {
		url,
		port,
		credentials,
		log: st.log,
		reset: () => st.reset(),
		configure: (c) => st.configure(c as ConfigPatch),
		seed: (resource, records, workspaceId) => st.seed(resource, records, workspaceId),
		injectFault: (f) => st.faults.add(f),
		state: async (resource, workspaceId) => structuredClone(st.records(resource, workspaceId)),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				// Keep-alive and hanging connections would otherwise hold close() open.
				server.closeAllConnections();
			}),
	};
}
