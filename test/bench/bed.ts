// What every scenario needs: a sandbox with a harness around it, a bare `fetch` client for the
// baselines, a clock, and the sandbox's rate-limit answers.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startTestBed, WHISPIR, type WhispirTestBed } from '../integration/support';
import type { SandboxOptions } from '../sandbox/server';

export { WHISPIR };

export interface Bench {
	bed: WhispirTestBed;
	/** Runs our node once, as a workflow execution, and times it. */
	runNode(
		parameters: INodeParameters,
		options: { items?: INodeExecutionData[]; requestsPerSecond: number },
	): Promise<{ items: INodeExecutionData[]; seconds: number; error?: unknown }>;
	/** One API call with bare `fetch`, as a hand-written loop or an HTTP Request node would make it. */
	call(method: string, pathOrUrl: string, mediaType: string, body?: object): Promise<{ status: number; json: unknown }>;
	close(): Promise<void>;
}

export async function startBench(options: SandboxOptions): Promise<Bench> {
	const bed = await startTestBed(options);
	const { username, password, apiKey } = bed.sandbox.credentials;
	const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
	return {
		bed,
		async runNode(parameters, { items, requestsPerSecond }) {
			const started = performance.now();
			const { items: output, error } = await bed.run(WHISPIR, parameters, { items, requestsPerSecond });
			return { items: output, error, seconds: (performance.now() - started) / 1000 };
		},
		async call(method, pathOrUrl, mediaType, body) {
			const url = new URL(pathOrUrl, bed.sandbox.url);
			url.searchParams.set('apikey', apiKey);
			const type = `application/vnd.whispir.${mediaType}+json`;
			const response = await fetch(url, {
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
		close: async () => await bed.close(),
	};
}

/** Requests the sandbox refused for going over the rate (403 over QPS, or 429). */
export function rateLimitAnswers(bench: Bench): number {
	return bench.bed.sandbox.log.filter(
		(request) => request.status === 429 || (request.status === 403 && request.errorCode === 'ERR_403_DEVELOPER_OVER_QPS'),
	).length;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
	const started = performance.now();
	const result = await work();
	return { result, seconds: (performance.now() - started) / 1000 };
}

/** Runs `task(i)` for i < count with `concurrency` loops at once (a bare-fetch baseline's pool). */
export async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) await task(next++);
		}),
	);
}

/** Rounds for the table and the JSON line. */
export const round = (value: number, digits = 3) => Number(value.toFixed(digits));
