// One "queue-mode worker" of the shared-key scenario: its own OS process, so its own pace, sharing only
// the API key with the other. Usage: tsx sendWorker.ts <sandbox url> <worker number> <sends> <rate>.
// Prints "ready" once warmed up, sends when it reads "go", then prints its result as one JSON line.
import { createInterface } from 'node:readline';

import './resolveNodeSources';
import { nodeRunner } from './bed';
import { sendItems, sendParameters } from './send';

async function main(): Promise<void> {
	const [url, worker, count, rate] = process.argv.slice(2);
	const runNode = nodeRunner(url);
	// A first execution loads half of n8n: not the pace's doing, and not the other worker's handicap.
	await runNode(
		{ resource: 'workspace', operation: 'getAll', returnAll: false, limit: 1 },
		{ requestsPerSecond: Number(rate) },
	);
	const input = createInterface({ input: process.stdin });
	const go = new Promise<void>((resolve) => input.once('line', () => resolve()));
	console.log('ready');
	await go;
	input.close();
	// Each worker its own recipients, so that a message sent twice can be told apart.
	const items = sendItems(Number(count)).map(({ json }) => ({
		json: { ...json, phone: `61${worker}${json.phone.slice(3)}` },
	}));
	const {
		items: output,
		seconds,
		error,
	} = await runNode(sendParameters, { items, requestsPerSecond: Number(rate) });
	const failed = error
		? Number(count)
		: output.filter((item) => item.json.error !== undefined).length;
	console.log(JSON.stringify({ seconds, failed }));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
