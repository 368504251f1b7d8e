import { describe, expect, it } from 'vitest';

import { runPool } from '../../nodes/Whispir/transport/workerPool';

const tick = async () => await new Promise<void>((resolve) => setImmediate(resolve));

describe('runPool', () => {
	it('starts tasks in index order, never more than the concurrency at once', async () => {
		const started: number[] = [];
		let running = 0;
		let most = 0;
		const failure = await runPool(
			20,
			async (index) => {
				started.push(index);
				most = Math.max(most, ++running);
				// Later tasks finish first: the pool must not care.
				for (let wait = 0; wait < 20 - index; wait++) await tick();
				running--;
			},
			{ concurrency: 4 },
		);
		expect(failure).toBeUndefined();
		expect(started).toEqual(Array.from({ length: 20 }, (_, index) => index));
		expect(most).toBe(4);
	});

	it('after a failure starts nothing more, lets the running tasks finish, and reports the lowest failed index', async () => {
		const finished: number[] = [];
		const failure = await runPool(
			50,
			async (index) => {
				await tick();
				if (index === 6 || index === 3) throw new Error(`task ${index}`);
				await tick();
				finished.push(index);
			},
			{ concurrency: 8 },
		);
		expect(failure).toMatchObject({ index: 3, started: 8 });
		expect((failure?.error as Error).message).toBe('task 3');
		expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 7]);
	});

	it('starts nothing once told to stop (a cancelled execution)', async () => {
		let stop = false;
		const started: number[] = [];
		await runPool(
			10,
			async (index) => {
				started.push(index);
				if (index === 1) stop = true;
				await tick();
			},
			{ concurrency: 2, keepGoing: () => !stop },
		);
		expect(started).toEqual([0, 1]);
	});
});
