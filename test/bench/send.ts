// Scenario 1: Send 300 SMS at 30 requests/second with 150 ms latency: our node vs a sequential loop
// vs the ideal 300 ÷ 30 s, and how many answers said "over the rate".
import { rateLimitAnswers, round, startBench, timed } from './bed';

const COUNT = 300;
const RATE = 30;

export const sendParameters = {
	resource: 'message',
	operation: 'send',
	to: '={{ $json.phone }}',
	subject: 'Reminder',
	body: '={{ $json.text }}',
};

export const sendItems = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		json: { phone: `6140${String(index).padStart(7, '0')}`, text: `Message ${index}` },
	}));

export async function sendScenario() {
	const bench = await startBench({ latencyMs: 150, rateLimit: { perSecond: RATE } });
	try {
		const ours = await bench.runNode(sendParameters, {
			items: sendItems(COUNT),
			requestsPerSecond: RATE,
		});
		if (ours.error) throw ours.error;
		const log = await bench.sandbox.log();
		const answers = rateLimitAnswers(log);
		const accepted = log.filter((request) => request.status === 202).length;

		// A second's pause: the baseline starts with an empty window at the sandbox.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		await bench.sandbox.clearLog();
		const sequential = await timed(async () => {
			for (const { json } of sendItems(COUNT)) {
				await bench.call('POST', '/messages', 'message-v1', {
					to: json.phone,
					subject: 'Reminder',
					body: json.text,
				});
			}
		});
		const ideal = COUNT / RATE;
		return {
			rows: [
				[
					'1 Send 300 SMS',
					'our node',
					ours.seconds,
					`${accepted} accepted, ${answers} rate-limit answers`,
				],
				[
					'',
					'sequential fetch loop',
					sequential.seconds,
					`${rateLimitAnswers(await bench.sandbox.log())} rate-limit answers`,
				],
				['', 'ideal 300 / 30', ideal, ''],
			],
			json: {
				seconds: round(ours.seconds),
				sequentialSeconds: round(sequential.seconds),
				ratioToIdeal: round(ours.seconds / ideal),
				speedupVsSequential: round(sequential.seconds / ours.seconds, 2),
				rateLimitAnswers: answers,
			},
		};
	} finally {
		await bench.close();
	}
}
