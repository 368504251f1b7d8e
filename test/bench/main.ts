// `npm run bench`: each scenario through real workflow executions (test/harness) against the
// sandbox on loopback, side by side with its baselines in the same run. Prints a table, then, as
// the last line, one JSON object with every figure.
import './resolveNodeSources';

import { bulkScenario } from './bulk';
import { overheadScenario } from './overhead';
import { returnAllScenario } from './returnAll';
import { sendScenario } from './send';
import { sharedScenario } from './shared';
import { triggerScenario } from './trigger';

type Row = Array<string | number>;

function printTable(rows: Row[]): void {
	const header = ['Scenario', 'Run', 'Seconds', 'Notes'];
	const cells = [
		header,
		...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell.toFixed(2) : cell))),
	];
	const widths = header.map((_, column) =>
		Math.max(...cells.map((row) => String(row[column]).length)),
	);
	for (const row of cells)
		console.log(
			row
				.map((cell, column) => String(cell).padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		);
}

const SCENARIOS = {
	send: sendScenario,
	returnAll: returnAllScenario,
	bulk: bulkScenario,
	overhead: overheadScenario,
	trigger: triggerScenario,
	shared: sharedScenario,
};
type ScenarioName = keyof typeof SCENARIOS;

/** `npm run bench` runs every scenario; `npm run bench -- returnAll bulk` only those named. */
async function main(): Promise<void> {
	const started = performance.now();
	const asked = process.argv.slice(2);
	const unknown = asked.filter((name) => !(name in SCENARIOS));
	if (unknown.length > 0)
		throw new Error(
			`Unknown scenario ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`,
		);
	const names = (asked.length > 0 ? asked : Object.keys(SCENARIOS)) as ScenarioName[];
	const rows: Row[] = [];
	const figures: Record<string, unknown> = {};
	for (const name of names) {
		const { rows: scenarioRows, json } = await SCENARIOS[name]();
		rows.push(...scenarioRows);
		figures[name] = json;
	}
	printTable(rows);
	console.log(`Total ${((performance.now() - started) / 1000).toFixed(1)} s`);
	console.log(JSON.stringify(figures));
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
