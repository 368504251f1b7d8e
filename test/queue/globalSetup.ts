// Runs once before the queue tier: the n8n 2.40.7 runtime (cached, as for e2e), the packed package,
// and Postgres + Redis (infra.ts). Teardown stops them; so does a signal (processes.ts).
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TestProject } from 'vitest/node';

import { ensureRuntimes, type InstalledRuntime } from '../../scripts/n8n-runtime';
import { packPackage } from '../e2e/support/package';
import { stopChildrenOnSignals } from '../e2e/support/processes';
import { startInfra, type Infra } from './infra';

export const QUEUE_RUNTIME = 'n8n-2.40.7';

declare module 'vitest' {
	export interface ProvidedContext {
		queueRuntime: InstalledRuntime;
		queueTarball: string;
		queueInfra: Pick<Infra, 'postgres' | 'redis'>;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = Date.now();
	let infra: Infra | undefined;
	let tarball: string | undefined;
	const cleanUp = async () => {
		await infra?.stop();
		if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
	};
	stopChildrenOnSignals(cleanUp);
	try {
		const [runtime] = await ensureRuntimes([QUEUE_RUNTIME]);
		project.provide('queueRuntime', runtime);
		tarball = packPackage();
		project.provide('queueTarball', tarball);
		infra = await startInfra();
		project.provide('queueInfra', { postgres: infra.postgres, redis: infra.redis });
	} catch (error) {
		await cleanUp();
		throw error;
	}
	console.error(
		`queue setup: runtime, package, Postgres (port ${infra.postgres.port}) and Redis (port ${infra.redis.port}) ready in ${Math.round((Date.now() - started) / 1000)} s`,
	);
	return cleanUp;
}
