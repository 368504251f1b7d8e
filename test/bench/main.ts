// `npm run bench`: each scenario through real workflow executions (test/harness) against the
// sandbox on loopback, side by side with its baselines in the same run. Prints a table, then, as
// the last line, one JSON object with every figure.
import './resolveNodeSources';

import { bulkScenario } from './bulk';
import { overheadScenario } from './overhead';
import { returnAllScenario } from './returnAll';
import { sendScenario } from './send';
import { triggerScenario } from './trigger';

type Row = Array<string | number>;

function printTable(rows: Row[]): void {
	const header = ['Scenario', 'Run', 'Seconds', 'Notes'];
	const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : cell)))];
	const widths = header.map((_, column) => Math.max(...cells.map((row) => String(row[column]).length)));
	for (const row of cells) console.log(row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd());
}

async function main(): Promise<void> {
	const started = performance.now();
	const send = await sendScenario();
	const returnAll = await returnAllScenario();
	const bulk = await bulkScenario();
	const overhead = await overheadScenario();
	const trigger = await triggerScenario();
	printTable([...send.rows, ...returnAll.rows, ...bulk.rows, ...overhead.rows, ...trigger.rows]);
	console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
	console.log(JSON.stringify({ send: send.json, returnAll: returnAll.json, bulk: bulk.json, overhead: overhead.json, trigger: trigger.json }));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
