// What every scenario needs: a sandbox in a process of its own, a harness that runs our node against
// it, a bare `fetch` client for the baselines, a clock, and the sandbox's rate-limit answers.
//
// The sandbox runs apart from the node on purpose: Whispir is a remote server, so neither its CPU time
// nor its memory may count as the node's, and its rate-limit clock must not wait on the node's event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { Harness } from '../harness';
import type { ConfigPatch, LoggedRequest } from '../sandbox/server';

const WHISPIR = 'n8n-nodes-whispir.whispir';
const REPO = join(__dirname, '..', '..');
// As `npm run sandbox` prints them (test/sandbox/state.ts).
const SANDBOX_CREDENTIALS = {
	username: 'sandbox.user',
	password: 'sandbox-password',
	apiKey: 'sandbox-api-key',
};

/** The sandbox process, driven through its control API (test/sandbox/README.md). */
export interface RemoteSandbox {
	url: string;
	seed(resource: string, records: object[]): Promise<void>;
	configure(patch: ConfigPatch): Promise<void>;
	/** The key's per-second limit, changed mid-run (the window keeps its counts). */
	changeKeyLimit(perSecond: number): Promise<void>;
	log(): Promise<LoggedRequest[]>;
	clearLog(): Promise<void>;
}

/** The credential's Rate Limit: a Custom number of requests per second, or left at its default. */
export type RateSetting = number | 'default';

/** Runs our node once, as a workflow execution, and times it. */
export type RunNode = (
	parameters: INodeParameters,
	options: { items?: INodeExecutionData[]; requestsPerSecond: RateSetting },
) => Promise<{ items: INodeExecutionData[]; seconds: number; error?: unknown }>;

export interface Bench {
	sandbox: RemoteSandbox;
	runNode: RunNode;
	/** One API call with bare `fetch`, as a hand-written loop or an HTTP Request node would make it. */
	call(
		method: string,
		pathOrUrl: string,
		mediaType: string,
		body?: object,
	): Promise<{ status: number; json: unknown }>;
	close(): Promise<void>;
}

async function startSandboxProcess(): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(
		process.execPath,
		[join(REPO, 'node_modules/tsx/dist/cli.mjs'), join(REPO, 'test/sandbox/main.ts')],
		{
			env: { ...process.env, WHISPIR_SANDBOX_PORT: '0' },
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let output = '';
		const timer = setTimeout(
			() => reject(new Error(`The sandbox did not start in 30 s:\n${output}`)),
			30_000,
		);
		child.stdout!.on('data', (chunk: Buffer) => {
			output += String(chunk);
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`The sandbox exited (${code}):\n${output}`)));
	});
	child.stdout!.resume();
	return { child, url };
}

/** Our node in this process, with a credential for the sandbox at `url` (each process its own pace, as n8n workers). */
export function nodeRunner(url: string): RunNode {
	const credentialType = new WhispirApi();
	const harness = new Harness({
		nodeTypes: { [WHISPIR]: new Whispir() },
		credentialTypes: { whispirApi: credentialType },
	});
	const defaultRate = String(
		credentialType.properties.find((property) => property.name === 'rateLimit')?.default,
	);
	return async (parameters, { items, requestsPerSecond }) => {
		const rate: Record<string, string | number> =
			requestsPerSecond === 'default'
				? { rateLimit: defaultRate }
				: { rateLimit: 'custom', customRateLimit: requestsPerSecond };
		const started = performance.now();
		const { items: output, error } = await harness.runNode({
			nodeType: WHISPIR,
			parameters,
			items,
			credentials: {
				whispirApi: { region: 'custom', baseUrl: url, ...SANDBOX_CREDENTIALS, ...rate },
			},
		});
		return { items: output, error, seconds: (performance.now() - started) / 1000 };
	};
}

export async function startBench(config: ConfigPatch): Promise<Bench> {
	const { child, url } = await startSandboxProcess();
	const control = async (method: string, route: string, body?: object) => {
		const response = await fetch(`${url}/__sandbox/${route}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		if (!response.ok)
			throw new Error(
				`Sandbox control ${method} ${route}: ${response.status} ${await response.text()}`,
			);
		return (await response.json()) as { requests?: LoggedRequest[] };
	};
	const sandbox: RemoteSandbox = {
		url,
		seed: async (resource, records) => void (await control('POST', 'seed', { resource, records })),
		configure: async (patch) => void (await control('POST', 'configure', patch)),
		changeKeyLimit: async (perSecond) => void (await control('POST', 'key-limit', { perSecond })),
		log: async () => (await control('GET', 'log')).requests ?? [],
		clearLog: async () => void (await control('DELETE', 'log')),
	};
	await sandbox.configure(config);

	const { username, password, apiKey } = SANDBOX_CREDENTIALS;
	const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
	return {
		sandbox,
		runNode: nodeRunner(url),
		async call(method, pathOrUrl, mediaType, body) {
			const target = new URL(pathOrUrl, url);
			target.searchParams.set('apikey', apiKey);
			const type = `application/vnd.whispir.${mediaType}+json`;
			const response = await fetch(target, {
				method,
				headers: {
					authorization,
					'x-api-key': apiKey,
					accept: type,
					...(body ? { 'content-type': type } : {}),
				},
				body: body ? JSON.stringify(body) : undefined,
			});
			const text = await response.text();
			let json: unknown = text;
			try {
				json = JSON.parse(text);
			} catch {
				// a plain-text answer (a send's 202) stays text
			}
			return { status: response.status, json };
		},
		close: async () => {
			child.kill('SIGTERM');
			await new Promise((resolve) =>
				child.exitCode === null ? child.once('exit', resolve) : resolve(undefined),
			);
		},
	};
}

/** Requests the sandbox refused for going over the rate (403 over QPS, or 429). */
export const rateLimitAnswers = (log: LoggedRequest[]) =>
	log.filter(
		(request) =>
			request.status === 429 ||
			(request.status === 403 && request.errorCode === 'ERR_403_DEVELOPER_OVER_QPS'),
	).length;

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
	const started = performance.now();
	const result = await work();
	return { result, seconds: (performance.now() - started) / 1000 };
}

/** Runs `task(i)` for i < count with `concurrency` loops at once (a bare-fetch baseline's pool). */
export async function inParallel(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await task(next++);
		}),
	);
}

/** Rounds for the table and the JSON line. */
export const round = (value: number, digits = 3) => Number(value.toFixed(digits));
