// One real n8n on 127.0.0.1, driven headlessly: start it, create the owner (REST, cookie) and an
// API key (public API), then talk to both APIs. Used by the e2e tests and by `npm run demo`.
import { dirname } from 'node:path';

import type { InstalledRuntime } from '../../../scripts/n8n-runtime';
import { freePort, startChild, waitFor, type Child } from './processes';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Whispir-Demo-1',
};

// n8n binds the auth cookie to the browser that logged in; every REST call names the same "browser".
const BROWSER_ID = 'whispir-e2e';

export interface N8nOptions {
	userFolder: string;
	/** Default: a free port. */
	port?: number;
	/** Echo n8n's output to stderr (the demo does; tests keep it for the secrets check). */
	echo?: boolean;
	/** Extra environment, e.g. N8N_LOG_LEVEL. */
	env?: Record<string, string>;
	/**
	 * Queue mode: `main` (default, `n8n start`), `worker` (`n8n worker`; its HTTP server, only health
	 * checks, listens on `port`) or `webhook` (`n8n webhook`, a webhook processor on `port`).
	 */
	role?: 'main' | 'worker' | 'webhook';
	/** The public webhook address n8n gives nodes (WEBHOOK_URL and N8N_WEBHOOK_URL). Default: this process's URL. */
	webhookUrl?: string;
	/** Arguments after the command, e.g. a worker's `--concurrency=1`. */
	args?: string[];
}

const COMMANDS = { main: 'start', worker: 'worker', webhook: 'webhook' } as const;
/** Where each role says it is ready: the REST API answers JSON only once it is mounted (/healthz comes earlier). */
const READY_PATHS = {
	main: '/rest/settings',
	worker: '/healthz/readiness',
	webhook: '/healthz/readiness',
};

/** The environment without the test runner's variables: n8n exits at once when NODE_ENV is "test". */
function environmentWithoutTestRunner(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name === 'NODE_ENV' || name === 'TEST' || name.startsWith('VITEST')) delete env[name];
	}
	return env;
}

export class HttpError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

export class N8n {
	private cookie = '';
	private apiKey = '';

	private constructor(
		readonly runtime: InstalledRuntime,
		readonly url: string,
		readonly child: Child,
		private readonly options: N8nOptions,
	) {}

	static async start(runtime: InstalledRuntime, options: N8nOptions): Promise<N8n> {
		const port = options.port ?? (await freePort());
		let brokerPort = await freePort();
		while (brokerPort === port) brokerPort = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const role = options.role ?? 'main';
		const webhookUrl = options.webhookUrl ?? `${url}/`;
		const env: NodeJS.ProcessEnv = {
			...environmentWithoutTestRunner(),
			// The runtime's own Node first: n8n starts its task runners with it.
			PATH: `${dirname(runtime.node)}:${process.env.PATH ?? ''}`,
			N8N_USER_FOLDER: options.userFolder,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			// 2.40 reads N8N_WEBHOOK_URL and still falls back to WEBHOOK_URL, 2.8 reads WEBHOOK_URL.
			WEBHOOK_URL: webhookUrl,
			N8N_WEBHOOK_URL: webhookUrl,
			// A worker's HTTP server exists only with the health check on; it listens on `::` unless told.
			...(role === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			...options.env,
		};
		const child = startChild(
			`n8n ${role} (${runtime.spec.label})`,
			runtime.node,
			[runtime.n8n, COMMANDS[role], ...(options.args ?? [])],
			{ env, echo: options.echo },
		);
		const n8n = new N8n(runtime, url, child, { ...options, port });
		const hasExited = () => child.process.exitCode !== null || child.process.signalCode !== null;
		try {
			await waitFor(
				`${runtime.spec.label} to start on ${url}`,
				async () => {
					if (hasExited()) return 'exited';
					// While starting, n8n answers every path with 200 "n8n is starting up" as text/html.
					const response = await fetch(`${url}${READY_PATHS[role]}`, {
						signal: AbortSignal.timeout(2_000),
					});
					await response.arrayBuffer();
					return response.ok && response.headers.get('content-type')?.includes('json')
						? 'ready'
						: undefined;
				},
				120_000,
				500,
			);
			if (hasExited())
				throw new Error(
					`n8n exited with ${child.process.exitCode} while starting:\n${child.output().slice(-3000)}`,
				);
		} catch (error) {
			await child.stop();
			throw error;
		}
		return n8n;
	}

	async stop(): Promise<void> {
		await this.child.stop();
	}

	/**
	 * Stops n8n, runs `whileDown`, and starts it again on the same port with the same user folder (so the
	 * same database and active workflows), signed in as before. `env` is added to the environment.
	 */
	async restart(
		options: {
			env?: Record<string, string>;
			webhookUrl?: string;
			whileDown?: () => Promise<void>;
		} = {},
	): Promise<N8n> {
		await this.stop();
		await options.whileDown?.();
		const next = await N8n.start(this.runtime, {
			...this.options,
			env: { ...this.options.env, ...options.env },
			webhookUrl: options.webhookUrl ?? this.options.webhookUrl,
		});
		next.cookie = this.cookie;
		next.apiKey = this.apiKey;
		return next;
	}

	/** Everything n8n printed so far. */
	output(): string {
		return this.child.output();
	}

	// ---------- owner and API key ----------

	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(owner),
		});
		if (!response.ok)
			throw new HttpError(
				`owner setup answered ${response.status}`,
				response.status,
				await response.text(),
			);
		const cookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
		if (!cookie) throw new Error('owner setup set no n8n-auth cookie');
		this.cookie = cookie.split(';')[0];
	}

	async createApiKey(): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/rest/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/rest/api-keys', {
			label: 'whispir-e2e',
			expiresAt: null,
			scopes,
		});
		this.apiKey = key.rawApiKey;
		return this.apiKey;
	}

	// ---------- the two APIs ----------

	/** The editor's REST API (`/rest/…`, `/types/…`) with the owner's cookie; returns `data` when the answer has it. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const json = await this.call(method, path, body, {
			cookie: this.cookie,
			'browser-id': BROWSER_ID,
		});
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	/** The public API (`/api/v1/…`) with the API key. */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		return (await this.call(method, `/api/v1${path}`, body, { 'X-N8N-API-KEY': this.apiKey })) as T;
	}

	private async call(
		method: string,
		path: string,
		body: unknown,
		headers: Record<string, string>,
	): Promise<unknown> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				...headers,
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const text = await response.text();
		if (!response.ok)
			throw new HttpError(
				`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`,
				response.status,
				text,
			);
		return text === '' ? undefined : (JSON.parse(text) as unknown);
	}

	// ---------- credentials and workflows ----------

	/** Creates a credential through the editor's REST API (the public API asks 2.40 for more fields). */
	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		const created = await this.rest<{ id: string; name: string }>('POST', '/rest/credentials', {
			name,
			type,
			data,
		});
		return { id: created.id, name: created.name };
	}

	async createWorkflow(workflow: WorkflowInput): Promise<string> {
		const created = await this.api<{ id: string }>('POST', '/workflows', {
			settings: {},
			...workflow,
		});
		return created.id;
	}

	async activate(workflowId: string): Promise<void> {
		await this.api('POST', `/workflows/${workflowId}/activate`);
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.api('POST', `/workflows/${workflowId}/deactivate`);
	}

	/**
	 * Calls a production webhook. Right after activation the webhook may not be registered yet
	 * (2.40 registers it a moment later): a 404 is retried until `timeoutMs`.
	 */
	async callWebhook(
		path: string,
		body: unknown,
		timeoutMs = 20_000,
	): Promise<{ status: number; json: unknown }> {
		return await waitFor(
			`the webhook /webhook/${path}`,
			async () => {
				const response = await fetch(`${this.url}/webhook/${path}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(60_000),
				});
				const text = await response.text();
				if (response.status === 404) throw new Error(`404 ${text.slice(0, 200)}`);
				return {
					status: response.status,
					json: text === '' ? undefined : (JSON.parse(text) as unknown),
				};
			},
			timeoutMs,
		);
	}

	/** The executions of a workflow, newest first, with their data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const page = await this.api<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=100`,
		);
		return page.data;
	}

	/** Every execution n8n stored, with data (for the secrets check). */
	async allExecutions(): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const page = await this.api<{ data: Execution[]; nextCursor?: string | null }>(
				'GET',
				`/executions?includeData=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
			);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}
}

export interface WorkflowInput {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface Execution {
	id: string | number;
	finished: boolean;
	status?: string;
	mode: string;
	workflowId: string;
	data?: {
		resultData: {
			error?: { message: string };
			lastNodeExecuted?: string;
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> } }>
			>;
		};
	};
}

/** The JSON of every item a node output in an execution (first run, first output). */
export function nodeOutput(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	return (runs?.[0]?.data?.main[0] ?? []).map((item) => item.json);
}
