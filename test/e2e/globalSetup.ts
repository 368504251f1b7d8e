// Runs once before the e2e files: installs the n8n runtimes that are not cached yet (side by side)
// and packs the package, then hands both to the test files through vitest's provide/inject.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

import { RUNTIMES, ensureRuntimes, type InstalledRuntime } from '../../scripts/n8n-runtime';
import { packPackage } from './support/package';

declare module 'vitest' {
	export interface ProvidedContext {
		runtimes: Record<string, InstalledRuntime>;
		tarball: string;
	}
}

export default async function setup(project: TestProject): Promise<() => void> {
	const started = Date.now();
	const runtimes = await ensureRuntimes(RUNTIMES.map((runtime) => runtime.name));
	project.provide(
		'runtimes',
		Object.fromEntries(runtimes.map((runtime) => [runtime.spec.name, runtime])),
	);
	const tarball = packPackage();
	project.provide('tarball', tarball);
	console.error(
		`e2e setup: runtimes ready and package packed in ${Math.round((Date.now() - started) / 1000)} s`,
	);
	return () => rmSync(dirname(tarball), { recursive: true, force: true });
}
