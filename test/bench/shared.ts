// Scenario 6: a key shared or set wrong (sandbox at 30 requests/second, 150 ms): a credential Rate Limit of
// 60, two worker processes on one key, a limit that drops mid-run, and the credential left at its default.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { LoggedRequest } from '../sandbox/server';
import { rateLimitAnswers, round, startBench, type Bench, type RateSetting } from './bed';
import { contactRecords, returnAllParameters } from './returnAll';
import { sendItems, sendParameters } from './send';

const RATE = 30;
const SENDS = 300;
const RETURN_ALL_RUNS = 5;
const LATENCY = { latencyMs: 150, rateLimit: { perSecond: RATE } };

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const posts = (log: LoggedRequest[]) =>
	log.filter((request) => request.method === 'POST' && request.path === '/messages');
const share = (log: LoggedRequest[]) => round(rateLimitAnswers(log) / Math.max(1, log.length));

/** Messages Whispir accepted twice for one recipient, and recipients of `expected` it never accepted. */
function deliveryCheck(
	log: LoggedRequest[],
	expected: string[],
): { duplicates: number; lost: number } {
	const accepted = posts(log)
		.filter((request) => request.status === 202)
		.map((request) => (request.body as { to: string }).to);
	const distinct = new Set(accepted);
	return {
		duplicates: accepted.length - distinct.size,
		lost: expected.filter((phone) => !distinct.has(phone)).length,
	};
}

const phones = (count: number) => sendItems(count).map(({ json }) => json.phone);

async function withBench<T>(work: (bench: Bench) => Promise<T>): Promise<T> {
	const bench = await startBench(LATENCY);
	try {
		return await work(bench);
	} finally {
		await bench.close();
	}
}

/** 300 sends against the sandbox's 30 per second, with the given credential setting. */
async function sendRun(requestsPerSecond: RateSetting) {
	return await withBench(async (bench) => {
		const run = await bench.runNode(sendParameters, { items: sendItems(SENDS), requestsPerSecond });
		if (run.error) throw run.error;
		const log = await bench.sandbox.log();
		return {
			seconds: run.seconds,
			ratio: run.seconds / (SENDS / RATE),
			share: share(log),
			...deliveryCheck(log, phones(SENDS)),
		};
	});
}

/** Return All over 10,000 contacts with a Rate Limit of 60, each run with a fresh key (a fresh pace). */
async function returnAllRuns() {
	const runs: Array<{ completed: boolean; ratio: number }> = [];
	for (let run = 0; run < RETURN_ALL_RUNS; run++) {
		runs.push(
			await withBench(async (bench) => {
				await bench.sandbox.seed('contacts', contactRecords());
				const { items, error, seconds } = await bench.runNode(returnAllParameters, {
					requestsPerSecond: 60,
				});
				return { completed: !error && items.length === 10_000, ratio: seconds / (500 / RATE) };
			}),
		);
	}
	return runs;
}

/** Starts a worker process and resolves once it is warmed up and waits for "go". */
async function startWorker(
	url: string,
	worker: number,
): Promise<{ child: ChildProcess; result: Promise<{ seconds: number; failed: number }> }> {
	const repo = join(__dirname, '..', '..');
	const child = spawn(
		process.execPath,
		[
			join(repo, 'node_modules/tsx/dist/cli.mjs'),
			join(__dirname, 'sendWorker.ts'),
			url,
			String(worker),
			String(SENDS),
			String(RATE),
		],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const lines = createInterface({ input: child.stdout! });
	let ready = () => {};
	const isReady = new Promise<void>((resolve) => (ready = resolve));
	const result = new Promise<{ seconds: number; failed: number }>((resolve, reject) => {
		lines.on('line', (line) =>
			line === 'ready' ? ready() : line.startsWith('{') && resolve(JSON.parse(line)),
		);
		child.once('exit', (code) =>
			reject(new Error(`Worker ${worker} exited (${code}) without a result`)),
		);
	});
	// Bounded: a worker that does not warm up in a minute fails the scenario.
	await Promise.race([
		isReady,
		sleep(60_000).then(() => Promise.reject(new Error(`Worker ${worker} not ready in 60 s`))),
		result,
	]);
	return { child, result };
}

/** Two worker processes, 300 sends each with a Rate Limit of 30, on one key. */
async function twoProcesses() {
	return await withBench(async (bench) => {
		const workers = [
			await startWorker(bench.sandbox.url, 1),
			await startWorker(bench.sandbox.url, 2),
		];
		try {
			await sleep(1100);
			await bench.sandbox.clearLog();
			const started = performance.now();
			for (const { child } of workers) child.stdin!.write('go\n');
			const results = await Promise.all(workers.map(async ({ result }) => await result));
			const seconds = (performance.now() - started) / 1000;
			const log = await bench.sandbox.log();
			const expected = [1, 2].flatMap((worker) =>
				phones(SENDS).map((phone) => `61${worker}${phone.slice(3)}`),
			);
			const times = results.map((result) => result.seconds);
			return {
				seconds,
				times,
				failed: results.reduce((sum, result) => sum + result.failed, 0),
				ratio: seconds / ((2 * SENDS) / RATE),
				share: share(log),
				fairness: Math.max(...times) / Math.min(...times),
				...deliveryCheck(log, expected),
			};
		} finally {
			for (const { child } of workers) if (child.exitCode === null) child.kill('SIGTERM');
		}
	});
}

/** 300 sends at a Rate Limit of 30; once 90 are in, the key's limit drops to 10 for 4 s, then returns. */
async function limitDrops() {
	return await withBench(async (bench) => {
		const run = bench.runNode(sendParameters, { items: sendItems(SENDS), requestsPerSecond: RATE });
		// Bounded: at most 30 s of polling before the drop happens anyway.
		for (let polls = 0; polls < 300; polls++) {
			if (posts(await bench.sandbox.log()).filter((request) => request.status === 202).length >= 90)
				break;
			await sleep(100);
		}
		await bench.sandbox.changeKeyLimit(10);
		await sleep(4000);
		await bench.sandbox.changeKeyLimit(RATE);
		const { items, error, seconds } = await run;
		const log = await bench.sandbox.log();
		const failedItems = error
			? SENDS
			: items.filter((item) => item.json.error !== undefined).length;
		return { seconds, failedItems, share: share(log), ...deliveryCheck(log, phones(SENDS)) };
	});
}

export async function sharedScenario() {
	const overSend = await sendRun(60);
	const overReturnAll = await returnAllRuns();
	const two = await twoProcesses();
	const drop = await limitDrops();
	const byDefault = await sendRun('default');
	const worstReturnAll = Math.max(...overReturnAll.map((run) => run.ratio));
	const completed = overReturnAll.filter((run) => run.completed).length;
	return {
		rows: [
			[
				'6 Rate Limit 60, key 30',
				'300 sends',
				overSend.seconds,
				`${round(overSend.ratio)} × ideal, ${round(100 * overSend.share, 1)} % rate-limited, ${overSend.duplicates} duplicates, ${overSend.lost} lost`,
			],
			[
				'',
				`Return All ×${RETURN_ALL_RUNS}`,
				'',
				`${completed} of ${RETURN_ALL_RUNS} complete, ${overReturnAll.map((run) => round(run.ratio, 2)).join(' / ')} × ideal`,
			],
			[
				'  Two worker processes',
				'300 sends each',
				two.seconds,
				`${round(two.ratio)} × ideal 20 s, each ${two.times.map((time) => round(time, 1)).join(' s / ')} s, ${round(100 * two.share, 1)} % rate-limited, ${two.duplicates} duplicates`,
			],
			[
				'  Limit 30 → 10 → 30',
				'300 sends',
				drop.seconds,
				`${drop.failedItems} failed, ${round(100 * drop.share, 1)} % rate-limited, ${drop.duplicates} duplicates, ${drop.lost} lost`,
			],
			[
				'  Rate Limit at default',
				'300 sends',
				byDefault.seconds,
				`${round(byDefault.ratio)} × ideal, ${round(100 * byDefault.share, 1)} % rate-limited`,
			],
		],
		json: {
			overConfigured: {
				sendRatio: round(overSend.ratio),
				sendRateLimitedShare: overSend.share,
				returnAllRatio: round(worstReturnAll),
				returnAllCompleted: completed,
				returnAllRuns: RETURN_ALL_RUNS,
				duplicates: overSend.duplicates,
				lost: overSend.lost,
			},
			twoProcesses: {
				ratio: round(two.ratio),
				rateLimitedShare: two.share,
				fairness: round(two.fairness),
				duplicates: two.duplicates,
			},
			limitDrops: { failedItems: drop.failedItems, rateLimitedShare: drop.share },
			defaultSetting: { sendRatio: round(byDefault.ratio), rateLimitedShare: byDefault.share },
		},
	};
}
