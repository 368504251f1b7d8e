// Runs once before the UI tests: the n8n 2.40.7 runtime (the e2e tests' cache), Chromium (apt-get
// when missing) and the packed package, handed to the test file through vitest's provide/inject.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

import { ensureChromium } from '../../scripts/chromium';
import { ensureRuntime, type InstalledRuntime } from '../../scripts/n8n-runtime';
import { packPackage } from '../e2e/support/package';

export const UI_RUNTIME = 'n8n-2.40.7';

declare module 'vitest' {
	export interface ProvidedContext {
		uiRuntime: InstalledRuntime;
		chromium: string;
		uiTarball: string;
	}
}

export default async function setup(project: TestProject): Promise<() => void> {
	const started = Date.now();
	project.provide('chromium', ensureChromium());
	project.provide('uiRuntime', await ensureRuntime(UI_RUNTIME));
	const tarball = packPackage();
	project.provide('uiTarball', tarball);
	console.error(
		`ui setup: browser, runtime and package ready in ${Math.round((Date.now() - started) / 1000)} s`,
	);
	return () => rmSync(dirname(tarball), { recursive: true, force: true });
}
