// Child processes that never outlive the process that started them. Each child runs in its own
// process group (so n8n's task runners stop with it), and a tiny watchdog kills that group if the
// starter disappears without cleaning up (vitest killed, Ctrl-C during an install, SIGKILL).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export interface Child {
	name: string;
	process: ChildProcess;
	/** Everything the child printed, stdout and stderr interleaved. */
	output(): string;
	stop(): Promise<void>;
}

const running = new Set<Child>();

const WATCHDOG = `
const [owner, group] = process.argv.slice(1).map(Number);
setInterval(() => {
	try { process.kill(owner, 0); } catch { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }
	try { process.kill(-group, 0); } catch { process.exit(0); }
}, 500);
`;

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// Already gone.
	}
}

function exited(child: ChildProcess): boolean {
	return child.exitCode !== null || child.signalCode !== null;
}

/** Starts `command` in its own process group; its output is collected (and echoed when `echo` is set). */
export function startChild(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions & { echo?: boolean } = {},
): Child {
	const child = spawn(command, args, {
		...options,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const chunks: string[] = [];
	const collect = (data: Buffer) => {
		chunks.push(data.toString());
		if (options.echo) process.stderr.write(data);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const watchdog = spawn(
		process.execPath,
		['-e', WATCHDOG, String(process.pid), String(child.pid)],
		{
			detached: true,
			stdio: 'ignore',
		},
	);
	watchdog.unref();

	const handle: Child = {
		name,
		process: child,
		output: () => chunks.join(''),
		stop: async () => {
			running.delete(handle);
			if (!exited(child)) {
				const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
				killGroup(child.pid, 'SIGTERM');
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000);
				await gone;
				clearTimeout(timer);
			}
			// The runners n8n started may outlive their parent by a moment.
			killGroup(child.pid, 'SIGKILL');
			watchdog.kill('SIGKILL');
		},
	};
	running.add(handle);
	return handle;
}

/** Stops every child still running (afterAll, and on a signal). */
export async function stopAll(): Promise<void> {
	await Promise.all([...running].map(async (child) => await child.stop()));
}

let signalsHandled = false;
/**
 * On SIGINT/SIGTERM/SIGHUP: stop the children, then run `cleanup` (e.g. close a server, remove a
 * folder), then exit. On any exit, children still running are killed.
 */
export function stopChildrenOnSignals(cleanup?: () => Promise<void>): void {
	if (signalsHandled) return;
	signalsHandled = true;
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		// `on`, not `once`: a second Ctrl-C (or tsx relaying the first one again) must not find the
		// process without a handler, which would exit at once and skip the cleanup.
		process.on(signal, () => {
			if (stopping) return;
			stopping = true;
			for (const child of running) killGroup(child.process.pid, 'SIGTERM');
			void stopAll()
				.then(async () => await cleanup?.())
				.catch(() => undefined)
				.finally(() => process.exit(130));
		});
	}
	process.once('exit', () => {
		for (const child of running) killGroup(child.process.pid, 'SIGKILL');
	});
}

/** A port free on 127.0.0.1 right now; never 5679, the default port of n8n's task broker. */
export async function freePort(preferred = 0): Promise<number> {
	for (;;) {
		const port = await new Promise<number>((resolve) => {
			const server = createServer();
			server.once('error', () => resolve(-1));
			server.listen(preferred, '127.0.0.1', () => {
				const address = server.address();
				server.close(() => resolve(typeof address === 'object' && address ? address.port : -1));
			});
		});
		if (port > 0 && port !== 5679) return port;
		preferred = 0;
	}
}

/** Polls `check` until it returns something other than undefined, or fails after `timeoutMs` with `what`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs = 30_000,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const result = await check();
			if (result !== undefined) return result;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
			throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}`);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
