// The browser of the UI tests: Chromium from Debian's packages, driven by playwright-core (which
// downloads no browser of its own). Installed with apt-get when missing, as CI runs on a clean machine.
//
// CLI: `tsx scripts/chromium.ts` installs it if needed and prints its path.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser. `CHROMIUM_PATH` points elsewhere. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function chromiumPath(): string {
	return process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
}

/** apt-get as root: directly when we are root, else through sudo (which must not ask for a password). */
function aptGet(args: string[]): void {
	const asRoot =
		process.getuid?.() === 0 ? ['apt-get', ...args] : ['sudo', '-n', 'apt-get', ...args];
	execFileSync(asRoot[0], asRoot.slice(1), {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

/** Returns the path of a Chromium binary, installing Debian's package first when there is none. */
export function ensureChromium(log: (line: string) => void = console.error): string {
	const path = chromiumPath();
	if (existsSync(path)) return path;
	if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${path}, which does not exist`);
	log('Installing chromium with apt-get (about two minutes the first time)…');
	try {
		aptGet(['update', '-q']);
		aptGet(['install', '-y', '-q', 'chromium']);
	} catch (error) {
		throw new Error(
			`Could not install chromium with apt-get (${(error as Error).message}). ` +
				'Install it by hand (apt-get install chromium), or set CHROMIUM_PATH to a Chromium binary.',
		);
	}
	if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} does not exist`);
	return path;
}

if (require.main === module) {
	try {
		console.log(ensureChromium());
	} catch (error) {
		console.error((error as Error).message);
		process.exit(1);
	}
}
