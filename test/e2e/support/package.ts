// The package as users get it: `npm pack`, then installed into an n8n user folder's .n8n/nodes
// with the flags n8n's own community-package installer uses.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..', '..');
const PACKAGE_NAME = 'n8n-nodes-whispir';
export const NODE_TYPE = `${PACKAGE_NAME}.whispir`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.whispirTrigger`;
export const CREDENTIAL_TYPE = 'whispirApi';

const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Packs the repo (npm runs the build first, as on publish) and returns the tarball's path. */
export function packPackage(destination = mkdtempSync(join(tmpdir(), 'whispir-pack-'))): string {
	try {
		execFileSync('npm', ['pack', '--pack-destination', destination, ...NPM_QUIET], {
			cwd: REPO,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (error) {
		rmSync(destination, { recursive: true, force: true });
		// The build's compiler errors come on stdout.
		const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
		throw new Error(
			`npm pack (which builds the package) failed:\n${String(stdout ?? '').slice(-4000)}\n${String(stderr ?? '').slice(-2000)}`,
		);
	}
	const tarball = readdirSync(destination).find(
		(file) => file.startsWith(`${PACKAGE_NAME}-`) && file.endsWith('.tgz'),
	);
	if (!tarball) throw new Error(`npm pack left no ${PACKAGE_NAME}-*.tgz in ${destination}`);
	return join(destination, tarball);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` as n8n's community-package installer does
 * (no scripts, shallow, no bin links, no lock file). npm also puts the newest n8n-workflow (the
 * peer dependency) beside the package, as it does for users: the nodes must work with it.
 */
export function installPackage(tarball: string, userFolder: string): void {
	const nodes = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodes, { recursive: true });
	writeFileSync(
		join(nodes, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
	);
	execFileSync(
		'npm',
		[
			'install',
			tarball,
			'--ignore-scripts=true',
			'--install-strategy=shallow',
			'--bin-links=false',
			'--package-lock=false',
			...NPM_QUIET,
		],
		{ cwd: nodes, stdio: ['ignore', 'ignore', 'inherit'] },
	);
}
