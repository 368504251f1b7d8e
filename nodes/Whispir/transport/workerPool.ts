interface PoolOptions {
	/** How many tasks may run at once. */
	concurrency: number;
	/** Asked before each start; once false, nothing more starts (a cancelled execution). */
	keepGoing?: () => boolean;
}

export interface PoolFailure {
	/** The lowest index whose task failed: the one sequential code would have stopped at. */
	index: number;
	error: unknown;
	/** How many tasks had been started when the pool stopped. */
	started: number;
}

/**
 * Runs `task(0)`, `task(1)`, … `task(count - 1)`, started in index order with at most `concurrency`
 * running at once, so a long input never means thousands of waiting promises. After a task
 * fails, nothing more starts; the running ones finish, then the pool reports the failure with the
 * lowest index. Results are the tasks' business (each writes into its own slot).
 */
export async function runPool(
	count: number,
	task: (index: number) => Promise<void>,
	{ concurrency, keepGoing = () => true }: PoolOptions,
): Promise<PoolFailure | undefined> {
	let next = 0;
	const failures: Array<Omit<PoolFailure, 'started'>> = [];
	const worker = async () => {
		while (next < count && failures.length === 0 && keepGoing()) {
			const index = next++;
			try {
				await task(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	if (failures.length === 0) return undefined;
	const lowest = failures.reduce((a, b) => (b.index < a.index ? b : a));
	return { ...lowest, started: next };
}
