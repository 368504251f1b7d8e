// Scenario 3: Send Bulk with 10,000 rows: how many requests, how long.
import { round, startBench } from './bed';

const ROWS = 10_000;

export async function bulkScenario() {
	const bench = await startBench({ latencyMs: 150, rateLimit: { perSecond: 30 } });
	try {
		const items = Array.from({ length: ROWS }, (_, index) => ({
			json: {
				name: `Person ${index}`,
				mobile: `6140${String(index).padStart(7, '0')}`,
				amount: `$${index}.00`,
			},
		}));
		const ours = await bench.runNode(
			{
				resource: 'message',
				operation: 'sendBulk',
				smsMappingField: 'mobile',
				emailMappingField: '',
				subject: 'Account',
				body: 'Hi @@name@@, you owe @@amount@@.',
			},
			{ items, requestsPerSecond: 30 },
		);
		if (ours.error) throw ours.error;
		const requests = (await bench.sandbox.log()).length;
		return {
			rows: [
				[
					'3 Send Bulk 10,000 rows',
					'our node',
					ours.seconds,
					`${requests} requests, ${ours.items.length} output items`,
				],
			],
			json: { requests, wallSeconds: round(ours.seconds) },
		};
	} finally {
		await bench.close();
	}
}
