// Scenario 2: Get Many with Return All over 10,000 contacts (500 pages): our node vs following next
// links one page at a time, vs the ideal 500 ÷ 30 s; same records in the same order; peak heap growth
// against the size of the result as JSON.
import { isDeepStrictEqual } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { round, startBench, timed } from './bed';

const CONTACTS = 10_000;
const RATE = 30;

const collectGarbage = () => {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('Run with node --expose-gc (npm run bench does) to measure the heap');
	gc();
};

/**
 * Peak heap growth while `work` runs, from a collected baseline. `sample` runs every 20 ms before the
 * heap is read: nothing for the raw figure, a forced collection for the live one.
 */
async function peakHeapGrowth<T>(
	work: () => Promise<T>,
	sample: () => void = () => {},
): Promise<{ result: T; growth: number }> {
	collectGarbage();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const read = () => {
		sample();
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	};
	const sampler = setInterval(read, 20);
	try {
		const result = await work();
		// The last reading too, like every other: without a collection, it counted the live run's garbage.
		read();
		return { result, growth: peak - base };
	} finally {
		clearInterval(sampler);
	}
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const withoutLinks = (record: IDataObject) => {
	const { link: _link, ...rest } = record;
	return rest;
};

export const contactRecords = () =>
	Array.from({ length: CONTACTS }, (_, index) => ({
		firstName: `First${index}`,
		lastName: `Last${index}`,
		workEmailAddress1: `person${index}@example.com`,
		workMobilePhone1: `6140${String(index).padStart(7, '0')}`,
		workCountry: 'Australia',
		timezone: 'Australia/Melbourne',
	}));

export const returnAllParameters = {
	resource: 'contact',
	operation: 'getAll',
	returnAll: true,
	simplify: false,
};

export async function returnAllScenario() {
	const bench = await startBench({ latencyMs: 150, rateLimit: { perSecond: RATE } });
	try {
		await bench.sandbox.seed('contacts', contactRecords());
		const parameters = returnAllParameters;
		const { result: ours, growth } = await peakHeapGrowth(
			async () => await bench.runNode(parameters, { requestsPerSecond: RATE }),
		);
		if (ours.error) throw ours.error;
		const records = ours.items.map((item) => item.json);
		const jsonSize = JSON.stringify(records).length;
		const pagesRead = (await bench.sandbox.log()).length;

		// The raw peak counts garbage the collector had not reached yet (n8n's per-request objects, the
		// answers' text). What the node holds on to: the same read again, untimed, collecting before
		// every sample: at the scenario's settings, and without latency or limit, where 100 pages are
		// in flight at once (the harder case).
		const live = await peakHeapGrowth(
			async () => await bench.runNode(parameters, { requestsPerSecond: RATE }),
			collectGarbage,
		);
		await bench.sandbox.configure({ latencyMs: 0, rateLimit: null });
		const unthrottled = await peakHeapGrowth(
			async () => await bench.runNode(parameters, { requestsPerSecond: 100_000 }),
			collectGarbage,
		);
		for (const run of [live, unthrottled]) {
			if (run.result.items.length !== records.length)
				throw new Error('A memory run read a different list');
		}
		await bench.sandbox.configure({ latencyMs: 150, rateLimit: { perSecond: RATE } });

		await new Promise((resolve) => setTimeout(resolve, 1100));
		const nextLinks = await timed(async () => {
			const all: IDataObject[] = [];
			let url: string | undefined = '/contacts?limit=20&offset=0';
			while (url) {
				const { json } = await bench.call('GET', url, 'contact-v1');
				const page = json as {
					contacts?: IDataObject[];
					link?: Array<{ rel: string; uri: string }>;
				};
				all.push(...(page.contacts ?? []));
				url = page.link?.find((link) => link.rel === 'next')?.uri;
			}
			return all;
		});
		const identical =
			isDeepStrictEqual(
				records.map((record) => record.id),
				nextLinks.result.map((record) => record.id),
			) && isDeepStrictEqual(records.map(withoutLinks), nextLinks.result.map(withoutLinks));
		const ideal = Math.ceil(CONTACTS / 20) / RATE;
		return {
			rows: [
				[
					'2 Return All 10,000',
					'our node',
					ours.seconds,
					`${records.length} records, ${pagesRead} pages, ${mb(jsonSize)} as JSON`,
				],
				[
					'',
					'  heap growth',
					'',
					`live ${mb(live.growth)} (${mb(unthrottled.growth)} with 100 pages in flight), raw ${mb(growth)} (garbage included)`,
				],
				[
					'',
					'next links one by one',
					nextLinks.seconds,
					`${nextLinks.result.length} records, identical: ${identical}`,
				],
				['', 'ideal 500 / 30', ideal, ''],
			],
			json: {
				seconds: round(ours.seconds),
				nextLinkSeconds: round(nextLinks.seconds),
				ratioToIdeal: round(ours.seconds / ideal),
				speedupVsNextLink: round(nextLinks.seconds / ours.seconds, 2),
				heapGrowthToJson: round(live.growth / jsonSize, 2),
				heapGrowthToJsonUnthrottled: round(unthrottled.growth / jsonSize, 2),
				heapGrowthToJsonRaw: round(growth / jsonSize, 2),
				identical,
			},
		};
	} finally {
		await bench.close();
	}
}
