// Scenario 4: what the node costs on top of HTTP: 2,000 sends against a sandbox with no latency and
// no limit (the credential's rate so high that pacing never waits), vs a bare `fetch` loop with as
// many requests in flight as the node keeps.
import { inParallel, round, startBench, timed } from './bed';
import { sendItems, sendParameters } from './send';

const COUNT = 2_000;
/** Requests in flight: the node's cap (transport MAX_CONCURRENCY) at this rate. */
const CONCURRENCY = 100;
const RATE = 100_000;

export async function overheadScenario() {
	const bench = await startBench({});
	try {
		// One warm-up run each, so that neither side pays for first-time loading.
		await bench.runNode(sendParameters, { items: sendItems(50), requestsPerSecond: RATE });
		const ours = await bench.runNode(sendParameters, {
			items: sendItems(COUNT),
			requestsPerSecond: RATE,
		});
		if (ours.error) throw ours.error;

		const items = sendItems(COUNT);
		const send = async (index: number) => {
			const { json } = items[index];
			await bench.call('POST', '/messages', 'message-v1', {
				to: json.phone,
				subject: 'Reminder',
				body: json.text,
			});
		};
		await inParallel(50, CONCURRENCY, send);
		const bare = await timed(async () => await inParallel(COUNT, CONCURRENCY, send));
		return {
			rows: [
				['4 Overhead 2,000 sends', `our node (${CONCURRENCY} in flight)`, ours.seconds, ''],
				['', `bare fetch (${CONCURRENCY} in flight)`, bare.seconds, ''],
			],
			json: {
				seconds: round(ours.seconds),
				bareFetchSeconds: round(bare.seconds),
				ratioToBareFetch: round(ours.seconds / bare.seconds),
			},
		};
	} finally {
		await bench.close();
	}
}
