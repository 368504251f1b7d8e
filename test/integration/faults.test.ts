// Fault injection: every fault of faults/faultRows.ts against every class of operation of
// faults/operationColumns.ts, through the real Whispir node and trigger, against the sandbox.
// The outcome table is built from what each cell observed; set WHISPIR_FAULTS_TABLE=<file.md> to
// write it out (the issue's closing note and the README quote it).
import { writeFileSync } from 'node:fs';

import { NodeApiError, type INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FAULT_ROWS, hitsOf, type FaultRow } from './faults/faultRows';
import {
	operationColumns,
	requestsTo,
	settled,
	startReceiver,
	useRequestTimeout,
	type OperationColumn,
} from './faults/operationColumns';
import { startTestBed, type WhispirTestBed } from './support';

let receiver: Awaited<ReturnType<typeof startReceiver>>;
const COLUMNS = operationColumns(() => receiver.url);
/** One sandbox per column, so that the columns of a row run at the same time without meeting. */
const beds: WhispirTestBed[] = [];
const table = new Map<string, string>();
/** A run without a fault: `slow` keeps Update from waiting for a failed write that never comes. */
const WARM_UP: FaultRow = {
	name: 'warm-up',
	kind: 'transient',
	spec: { type: 'status' },
	processes: false,
	slow: true,
};

beforeAll(async () => {
	receiver = await startReceiver();
	beds.push(...(await Promise.all(COLUMNS.map(async () => await startTestBed()))));
	// A first run loads half of n8n; doing that inside a one-second timeout would time out for the wrong reason.
	useRequestTimeout(30);
	await Promise.all(
		COLUMNS.map(
			async (column, index) =>
				await column.run(beds[index], await column.arrange(beds[index]), WARM_UP),
		),
	);
	useRequestTimeout(1);
});
afterAll(async () => {
	await Promise.all(beds.map(async (bed) => await bed.close()));
	await receiver.close();
	const file = process.env.WHISPIR_FAULTS_TABLE;
	if (file) writeFileSync(file, outcomeTable());
});

const errorOf = (item: INodeExecutionData) => ({
	message: String(item.json.error),
	details: String(item.json.details ?? ''),
});
const thrownError = (error: Error) => ({
	message: error.message,
	details: String((error as NodeApiError).description ?? ''),
});
const pairedIndices = (items: INodeExecutionData[]) =>
	[
		...new Set(
			items.flatMap((item) =>
				[item.pairedItem ?? []].flat().map((paired) => (paired as { item: number }).item),
			),
		),
	].sort();

/**
 * One cell: arrange, arm the fault on the column's target, run, and check what the issue demands.
 * Returns the outcome for the table.
 */
async function runCell(
	bed: WhispirTestBed,
	row: FaultRow,
	column: OperationColumn,
): Promise<string> {
	bed.sandbox.reset();
	const arranged = await column.arrange(bed);
	bed.sandbox.injectFault({ ...row.spec, ...arranged.target });
	const run = await column.run(bed, arranged, row);
	await settled(bed);

	const targetRequests =
		run.targetRequestsBeforeReactivation ?? requestsTo(bed, arranged.target).length;
	const failures = run.items.filter((item) => item.json.error !== undefined);
	const succeeded = run.items.filter((item) => item.json.error === undefined);
	const done = await column.done(bed, arranged, run);
	const isPost = arranged.target.method === 'POST';
	const recovers = row.kind === 'rateLimit' || (row.kind === 'transient' && !isPost);

	const repeats = targetRequests - column.baseline;
	if (recovers) {
		// Retried by itself, as often as the fault answered, and everything done exactly once.
		expect(repeats).toBe(hitsOf(row));
		expect(failures).toEqual([]);
		expect(run.error).toBeUndefined();
		expect(done).toBe(column.units);
		expect(pairedIndices(succeeded)).toEqual(
			Array.from({ length: column.items }, (_, index) => index),
		);
	} else {
		// Never repeated; one error for the one failed request; the other items done once.
		expect(repeats).toBe(0);
		const error =
			column.items > 0 ? failures.map(errorOf) : run.error ? [thrownError(run.error)] : [];
		expect(error).toHaveLength(1);
		if (column.items > 0) {
			const everyItem = Array.from({ length: column.items }, (_, index) => index);
			if (column.batch) {
				// One request for all items: its error item stands for all of them.
				expect(pairedIndices(failures)).toEqual(everyItem);
				expect(succeeded).toEqual([]);
			} else {
				// Items may run at the same time, so the fault may have hit any one of them.
				const [failed] = pairedIndices(failures);
				expect(pairedIndices(failures)).toHaveLength(1);
				expect(pairedIndices(succeeded)).toEqual(everyItem.filter((index) => index !== failed));
			}
		} else {
			expect(run.error).toBeInstanceOf(NodeApiError);
		}
		if (row.kind === 'quota') {
			expect(error[0].message).toBe('The Whispir API key has used up its daily request quota');
		} else {
			// A POST whose answer was lost: the user is told it may have happened and to check first.
			expect(error[0].message).toMatch(
				/; the (message may have been sent|record may have been created)$/,
			);
			expect(error[0].details).toMatch(
				/not repeated because Whispir may already have acted on it: .* Check in Whispir before running it again/,
			);
		}
		const stillDone =
			(isPost && row.kind === 'transient' && row.processes) || run.reactivated === true;
		expect(done).toBe(column.units - (stillDone ? 0 : 1));
	}
	const note = await column.check?.(bed, arranged, row, run);

	const attempts = recovers
		? `retried ×${repeats} → ok`
		: `not repeated → ${column.items > 0 ? 'error item' : 'error'}`;
	const effect = run.reactivated
		? `re-activation ok, ${done} ${column.unit}`
		: `${done} of ${column.units} ${column.unit}`;
	return [attempts, effect, note].filter(Boolean).join(', ');
}

describe('fault injection: faults × operations', () => {
	for (const row of FAULT_ROWS) {
		it(
			row.name,
			async () => {
				const results = await Promise.allSettled(
					COLUMNS.map(async (column, index) => await runCell(beds[index], row, column)),
				);
				const problems: string[] = [];
				results.forEach((result, index) => {
					const cell =
						result.status === 'fulfilled'
							? result.value
							: `FAILED: ${(result.reason as Error).message.split('\n')[0]}`;
					table.set(`${row.name}|${COLUMNS[index].name}`, cell);
					if (result.status === 'rejected')
						problems.push(`${COLUMNS[index].name}: ${(result.reason as Error).message}`);
				});
				expect(problems, problems.join('\n\n')).toEqual([]);
			},
			30_000,
		);
	}
});

function outcomeTable(): string {
	const header = `| Fault | ${COLUMNS.map((column) => column.name).join(' | ')} |`;
	const rule = `|---|${COLUMNS.map(() => '---').join('|')}|`;
	const lines = FAULT_ROWS.map(
		(row) =>
			`| ${row.name} | ${COLUMNS.map((column) => table.get(`${row.name}|${column.name}`) ?? 'not run').join(' | ')} |`,
	);
	return [header, rule, ...lines, ''].join('\n');
}
