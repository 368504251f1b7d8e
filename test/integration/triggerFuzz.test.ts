// Fuzzes the Whispir Trigger's real webhook handling (n8n-core's WebhookContext behind a real HTTP
// server, see test/harness/webhook.ts) with generated deliveries. Reproduce a run with
// WHISPIR_FUZZ_SEED=<seed> (printed at the start); WHISPIR_FUZZ_COUNT changes the number of deliveries.
import { Agent, request } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { WhispirTrigger } from '../../nodes/WhispirTrigger/WhispirTrigger.node';
import { WebhookTriggerHarness } from '../harness';
import { registerSecret } from '../secrets/audit';
import {
	AUTHENTICATED,
	CATEGORIES,
	Random,
	credentialsFor,
	generate,
	pickAuth,
	pickCategory,
	type Category,
	type Delivery,
} from './fuzz/deliveries';
import { startTestBed, type WhispirTestBed } from './support';

const TRIGGER = 'n8n-nodes-whispir.whispirTrigger';
const SEED = Number(process.env.WHISPIR_FUZZ_SEED ?? Date.now() % 2 ** 31);
const COUNT = Number(process.env.WHISPIR_FUZZ_COUNT ?? 10_000);
const IN_FLIGHT = 16;

// Statuses a delivery may get: the trigger's own (200, 400, 401, 415) and n8n's before the node runs
// (413 body too large, 415 unknown charset, 422 unparsable JSON). Never a 500.
const ALLOWED_STATUSES = new Set([200, 400, 401, 413, 415, 422]);
const UNSAFE_KEYS = ['__proto__', 'constructor', 'prototype'];

let bed: WhispirTestBed;
let trigger: WebhookTriggerHarness;
let key: string;

beforeAll(async () => {
	bed = await startTestBed();
	trigger = new WebhookTriggerHarness({
		nodeType: TRIGGER,
		nodeTypes: { [TRIGGER]: new WhispirTrigger() },
		credentialTypes: { whispirApi: new WhispirApi() },
		credentials: { whispirApi: bed.credentials.whispirApi },
		parameters: { events: ['reply', 'undeliverable'], options: { includeRaw: true } },
		workflowName: 'Fuzz',
		timezone: 'Australia/Sydney',
	});
	await trigger.start();
	await trigger.activate();
	const state = trigger.staticData['node:Whispir Trigger'] as {
		production: { callbackKey: string };
	};
	key = state.production.callbackKey;
	registerSecret(key);
});
afterAll(async () => {
	agent.destroy();
	await trigger?.stop();
	await bed?.close();
});

interface Outcome {
	delivery: Delivery;
	status: number;
	started: boolean;
	answer: string;
}

// node:http with keep-alive: much lighter than fetch over ten thousand requests.
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

async function deliver(delivery: Delivery, random: Random): Promise<Outcome> {
	const { headers, query } = credentialsFor(delivery.auth, key, random);
	if (delivery.contentType !== undefined) headers['Content-Type'] = delivery.contentType;
	const body = typeof delivery.body === 'string' ? Buffer.from(delivery.body) : delivery.body;
	headers['Content-Length'] = String(body.length);
	return await new Promise<Outcome>((resolve, reject) => {
		const url = new URL(`${trigger.webhookUrl()}${query}`);
		const req = request(url, { method: 'POST', headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const answer = Buffer.concat(chunks).toString('utf8');
				resolve({
					delivery,
					status: res.statusCode ?? 0,
					started: answer === '{"message":"Workflow was started"}',
					answer,
				});
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every problem with one output item, against the trigger's documented shape (README, trigger section). */
function shapeProblems(json: IDataObject): string[] {
	const problems: string[] = [];
	const expectType = (field: string, value: unknown, type: string) => {
		if (typeof value !== type) problems.push(`${field} is ${typeof value}, not ${type}`);
	};
	const reply = json.event === 'reply';
	if (!reply && json.event !== 'undeliverable') problems.push(`event is ${String(json.event)}`);
	const stampField = reply ? 'acknowledged' : 'undeliverable';
	const expectedKeys = [
		'event',
		'messageId',
		'messageUrl',
		'from',
		'channel',
		'content',
		`${stampField}At`,
		stampField,
		'customParameters',
		'callbackName',
		'replayed',
		'raw',
	];
	if (JSON.stringify(Object.keys(json).sort()) !== JSON.stringify([...expectedKeys].sort()))
		problems.push(`keys ${Object.keys(json).join(',')}`);
	for (const field of ['messageId', 'messageUrl', 'channel', 'content', stampField, 'callbackName'])
		expectType(field, json[field], 'string');
	const at = json[`${stampField}At`];
	if (at !== null && (typeof at !== 'string' || Number.isNaN(Date.parse(at))))
		problems.push(`${stampField}At is ${String(at)}`);
	if (json.replayed !== false) problems.push('replayed is not false');
	const from = json.from;
	if (
		!isPlainObject(from) ||
		JSON.stringify(Object.keys(from)) !== '["name","mri","mobile","email","voice"]'
	)
		problems.push('from has the wrong keys');
	else
		for (const [field, value] of Object.entries(from)) expectType(`from.${field}`, value, 'string');
	const parameters = json.customParameters;
	if (!isPlainObject(parameters) || Object.getPrototypeOf(parameters) !== Object.prototype)
		problems.push('customParameters is not a plain object');
	else
		for (const [field, value] of Object.entries(parameters))
			expectType(`customParameters.${field.slice(0, 20)}`, value, 'string');
	if (!isPlainObject(json.raw)) problems.push('raw is not an object');
	// n8n stores every item as JSON: it must serialise, and no prototype key may survive anywhere.
	let text = '';
	try {
		text = JSON.stringify(json);
	} catch (error) {
		problems.push(`does not serialise: ${(error as Error).message}`);
	}
	for (const unsafe of UNSAFE_KEYS)
		if (text.includes(`"${unsafe}":`)) problems.push(`contains the key ${unsafe}`);
	return problems;
}

function prototypeSnapshot(): string {
	const names = (target: object) => Object.getOwnPropertyNames(target).sort().join(',');
	return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
		.map(names)
		.join('|');
}

describe('Whispir Trigger: fuzzed deliveries', () => {
	it(`answers at least ${COUNT} generated deliveries sanely, starts only authenticated ones, outputs well-formed items`, async () => {
		const before = prototypeSnapshot();
		const random = new Random(SEED);
		// First every category once with the key and once without (so the rare oversized bodies come
		// too), then random ones. Generated one at a time, in order, so big bodies are not all kept.
		const planned: Array<Pick<Delivery, 'auth'> & { category: Category }> = CATEGORIES.flatMap(
			(category) => (['header', 'randomKey'] as const).map((auth) => ({ category, auth })),
		);
		const total = planned.length + COUNT;
		const nextDelivery = (index: number): Delivery => {
			const { category, auth } = planned[index] ?? {
				category: pickCategory(random),
				auth: undefined,
			};
			return { ...generate(random, category, index), auth: auth ?? pickAuth(random) };
		};
		console.log(
			`[trigger fuzz] seed ${SEED} (WHISPIR_FUZZ_SEED=${SEED} reproduces this run), ${total} deliveries, ${IN_FLIGHT} in flight`,
		);

		const started = Date.now();
		const outcomes: Outcome[] = [];
		let next = 0;
		const worker = async () => {
			while (next < total) {
				const index = next++;
				const outcome = await deliver(nextDelivery(index), new Random(SEED ^ index));
				// Keep the verdict, not the (sometimes 16 MiB) body.
				outcomes.push({
					...outcome,
					delivery: { ...outcome.delivery, body: '' },
					answer: outcome.answer.slice(0, 300),
				});
			}
		};
		await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
		const seconds = (Date.now() - started) / 1000;

		// The counts the lead quotes: per category, authenticated or not, by status.
		const table: Record<string, Record<string, number>> = {};
		for (const { delivery, status, started: ran } of outcomes) {
			const row = (table[delivery.category] ??= {});
			const column = `${AUTHENTICATED.has(delivery.auth) ? 'auth' : 'unauth'} ${status}${ran ? ' started' : ''}`;
			row[column] = (row[column] ?? 0) + 1;
		}
		const byAuth: Record<string, number> = {};
		for (const { delivery } of outcomes) byAuth[delivery.auth] = (byAuth[delivery.auth] ?? 0) + 1;
		console.log(`[trigger fuzz] ${outcomes.length} deliveries in ${seconds.toFixed(1)} s`);
		for (const category of CATEGORIES) {
			const row = table[category] ?? {};
			const inCategory = Object.values(row).reduce((sum, n) => sum + n, 0);
			console.log(
				`[trigger fuzz] ${category.padEnd(17)} ${String(inCategory).padStart(5)}  ${Object.entries(
					row,
				)
					.sort()
					.map(([k, n]) => `${k}: ${n}`)
					.join(', ')}`,
			);
		}
		console.log(
			`[trigger fuzz] key variants: ${Object.entries(byAuth)
				.sort()
				.map(([k, n]) => `${k} ${n}`)
				.join(', ')}`,
		);

		const describeOutcome = (o: Outcome) =>
			`${o.delivery.category}/${o.delivery.auth} ${o.status} ${o.answer.slice(0, 200)}`;
		// Zero crashes: every delivery got an answer the webhook server may give, never a 500.
		expect(outcomes.filter((o) => !ALLOWED_STATUSES.has(o.status)).map(describeOutcome)).toEqual(
			[],
		);
		expect(trigger.hits.filter((hit) => hit.status === 0)).toEqual([]);
		// Zero executions for a delivery without the right key, wherever it was offered.
		expect(
			outcomes
				.filter((o) => !AUTHENTICATED.has(o.delivery.auth) && (o.started || o.status === 200))
				.map(describeOutcome),
		).toEqual([]);
		expect(
			outcomes
				.filter(
					(o) => !AUTHENTICATED.has(o.delivery.auth) && ![401, 413, 415, 422].includes(o.status),
				)
				.map(describeOutcome),
		).toEqual([]);
		// Every authenticated, well-formed Whispir payload started the workflow once, with its message ID.
		expect(outcomes).toHaveLength(total);
		const valid = outcomes.filter(
			(o) => AUTHENTICATED.has(o.delivery.auth) && o.delivery.validMessageId !== undefined,
		);
		// The checks below are over these: none would make them pass by having nothing to check.
		expect(valid.length).toBeGreaterThan(0);
		expect(valid.filter((o) => !o.started).map(describeOutcome)).toEqual([]);
		expect(trigger.executions).toHaveLength(outcomes.filter((o) => o.started).length);
		const items = trigger.executions.flatMap((execution) => execution.items);
		expect(items).toHaveLength(trigger.executions.length);
		const problems = items.flatMap((item) =>
			shapeProblems(item.json).map(
				(problem) => `${String(item.json.messageId).slice(0, 30)}: ${problem}`,
			),
		);
		expect(problems.slice(0, 20)).toEqual([]);
		const outputIds = new Set(items.map((item) => item.json.messageId));
		expect(valid.map((o) => o.delivery.validMessageId).filter((id) => !outputIds.has(id))).toEqual(
			[],
		);

		// No prototype pollution, and the server still answers.
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
		expect(prototypeSnapshot()).toBe(before);
		const after = await deliver({ ...generate(random, 'valid', total), auth: 'header' }, random);
		expect(after.started).toBe(true);
	}, 120_000);
});

describe('Whispir Trigger: activation input', () => {
	it('refuses a Failure Email that is not one before sending anything to Whispir', async () => {
		bed.sandbox.reset();
		const bad = new WebhookTriggerHarness({
			nodeType: TRIGGER,
			nodeTypes: { [TRIGGER]: new WhispirTrigger() },
			credentialTypes: { whispirApi: new WhispirApi() },
			credentials: { whispirApi: bed.credentials.whispirApi },
			parameters: { events: ['reply'], options: { email: 'ops at example' } },
		});
		await bad.start();
		try {
			await expect(bad.activate()).rejects.toThrow(
				'"Options → Failure Email" is not valid: "ops at example"',
			);
			expect(bed.sandbox.log).toEqual([]);
		} finally {
			await bad.stop();
		}
	});
});
