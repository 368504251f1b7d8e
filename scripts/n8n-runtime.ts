// Installs the n8n runtimes the end-to-end tests and the demo run on, from the small package.json
// files in test/e2e/runtimes/, into a cache OUTSIDE the clone (CI clones afresh every run):
//   ${WHISPIR_N8N_RUNTIMES:-~/.cache/n8n-nodes-whispir/runtimes}/<name>-<hash of package.json + recipe>
// An install happens in a temporary folder that is renamed only when it is complete, and the
// finished folder carries a marker file, so an interrupted install is never taken for a good one.
//
// CLI: `tsx scripts/n8n-runtime.ts [name…]` installs (or finds) the named runtimes, all by default.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export interface RuntimeSpec {
	/** Folder name under test/e2e/runtimes/, also the cache folder's prefix. */
	name: string;
	/** What test names and messages call it, e.g. "n8n 2.8.4 (Node 20)". */
	label: string;
	/** Install steps, run in order inside the runtime folder. Changing them changes the cache key. */
	steps: string[][];
	/** The Node binary that runs this n8n, relative to the runtime folder ('' = the machine's node). */
	nodeBinary: string;
}

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];
/** The package that holds the Node binary for this machine, as the `node` package would install it. */
const NODE_BINARY_PACKAGE = `node-${process.platform}-${process.arch}`;

export const RUNTIMES: RuntimeSpec[] = [
	{
		name: 'n8n-2.8.4',
		label: `n8n 2.8.4 (Node ${process.versions.node.split('.')[0]})`,
		steps: [['npm', 'install', ...NPM_QUIET]],
		nodeBinary: '',
	},
	{
		name: 'n8n-2.40.7',
		label: 'n8n 2.40.7 (Node 24)',
		steps: [
			// Without --ignore-scripts, @confluentinc/kafka-javascript tries a native build and fails.
			['npm', 'install', '--ignore-scripts', ...NPM_QUIET],
			// The `node` package's own install script fetches its platform binary; do that step by hand.
			[
				'sh',
				'-c',
				`npm install --no-save --ignore-scripts ${NPM_QUIET.join(' ')} ${NODE_BINARY_PACKAGE}@$(node -p "require('./node_modules/node/package.json').version")`,
			],
			// sqlite3 is an N-API addon: built against the machine's headers, it runs on Node 24 too.
			[
				'sh',
				'-c',
				'cd node_modules/sqlite3 && npx --yes node-gyp rebuild --loglevel=error >/dev/null',
			],
		],
		nodeBinary: `node_modules/${NODE_BINARY_PACKAGE}/bin/node`,
	},
];

const REPO = resolve(__dirname, '..');
const MARKER = '.whispir-runtime-complete';

function runtimeCacheRoot(): string {
	return (
		process.env.WHISPIR_N8N_RUNTIMES ?? join(homedir(), '.cache', 'n8n-nodes-whispir', 'runtimes')
	);
}

function runtimeSpec(name: string): RuntimeSpec {
	const spec = RUNTIMES.find((runtime) => runtime.name === name);
	if (!spec)
		throw new Error(
			`Unknown n8n runtime "${name}" (known: ${RUNTIMES.map((r) => r.name).join(', ')})`,
		);
	return spec;
}

function packageJsonOf(spec: RuntimeSpec): string {
	return readFileSync(join(REPO, 'test', 'e2e', 'runtimes', spec.name, 'package.json'), 'utf8');
}

function runtimeFolder(spec: RuntimeSpec): string {
	const hash = createHash('sha256')
		.update(packageJsonOf(spec))
		.update(JSON.stringify(spec.steps))
		.digest('hex')
		.slice(0, 12);
	return join(runtimeCacheRoot(), `${spec.name}-${hash}`);
}

export interface InstalledRuntime {
	spec: RuntimeSpec;
	folder: string;
	/** Absolute path of the Node binary to start n8n with. */
	node: string;
	/** Absolute path of n8n's bin script. */
	n8n: string;
}

function installed(spec: RuntimeSpec, folder: string): InstalledRuntime {
	return {
		spec,
		folder,
		node: spec.nodeBinary ? join(folder, spec.nodeBinary) : process.execPath,
		n8n: join(folder, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/** Runs one install step; its output goes to `logFile` (compilers are chatty), which is shown on failure. */
function run(command: string[], cwd: string, logFile: string): Promise<number | null> {
	return new Promise((done) => {
		const log = openSync(logFile, 'a');
		const child = spawn(command[0], command.slice(1), { cwd, stdio: ['ignore', log, log] });
		const finish = (code: number | null) => {
			closeSync(log);
			done(code);
		};
		child.once('error', () => finish(null));
		child.once('exit', (code) => finish(code));
	});
}

/** Removes `<folder>.installing-<pid>` folders left by installs whose process is gone (2 GB each). */
function removeAbandonedInstalls(folder: string): void {
	const prefix = `${basename(folder)}.installing-`;
	const parent = dirname(folder);
	if (!existsSync(parent)) return;
	for (const entry of readdirSync(parent).filter((name) => name.startsWith(prefix))) {
		const pid = Number(entry.slice(prefix.length));
		if (Number.isInteger(pid) && !isAlive(pid))
			rmSync(join(parent, entry), { recursive: true, force: true });
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Returns the cached runtime, installing it first when the cache has no complete copy. */
export async function ensureRuntime(
	name: string,
	log: (line: string) => void = console.error,
): Promise<InstalledRuntime> {
	const spec = runtimeSpec(name);
	const folder = runtimeFolder(spec);
	if (existsSync(join(folder, MARKER))) return installed(spec, folder);

	removeAbandonedInstalls(folder);
	const temporary = `${folder}.installing-${process.pid}`;
	rmSync(temporary, { recursive: true, force: true });
	mkdirSync(temporary, { recursive: true });
	writeFileSync(join(temporary, 'package.json'), packageJsonOf(spec));
	const logFile = join(temporary, 'install.log');
	log(`Installing ${spec.label} into ${folder} (a few minutes, about 2 GB; reused afterwards)…`);
	const started = Date.now();
	for (const step of spec.steps) {
		if ((await run(step, temporary, logFile)) !== 0) {
			const output = readFileSync(logFile, 'utf8');
			rmSync(temporary, { recursive: true, force: true });
			throw new Error(
				`Installing ${spec.label} failed at step: ${step.join(' ').slice(0, 120)}\n${output.slice(-4000)}`,
			);
		}
	}
	writeFileSync(join(temporary, MARKER), new Date().toISOString());
	try {
		renameSync(temporary, folder);
	} catch (error) {
		// Another process finished the same install first: keep theirs.
		rmSync(temporary, { recursive: true, force: true });
		if (!existsSync(join(folder, MARKER))) throw error;
	}
	log(`Installed ${spec.label} in ${Math.round((Date.now() - started) / 1000)} s.`);
	return installed(spec, folder);
}

/** Installs the runtimes that are not cached yet, side by side. */
export async function ensureRuntimes(
	names: string[],
	log?: (line: string) => void,
): Promise<InstalledRuntime[]> {
	return await Promise.all(names.map(async (name) => await ensureRuntime(name, log)));
}

if (require.main === module) {
	const names = process.argv.slice(2);
	ensureRuntimes(names.length ? names : RUNTIMES.map((runtime) => runtime.name)).then(
		(runtimes) =>
			runtimes.forEach((runtime) => console.log(`${runtime.spec.label}: ${runtime.folder}`)),
		(error: Error) => {
			console.error(error.message);
			process.exit(1);
		},
	);
}
