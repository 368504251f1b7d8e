// n8n in queue mode: one main, two workers and one webhook processor on one Postgres and one Redis,
// with one encryption key. Every process has its own user folder with the package installed in
// `.n8n/nodes`, as on separate machines (n8n's docs on community nodes in queue mode: install the
// package on the main and on every worker and webhook processor).
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { InstalledRuntime } from '../../scripts/n8n-runtime';
import { N8n } from '../e2e/support/n8n';
import { installPackage } from '../e2e/support/package';
import { freePort } from '../e2e/support/processes';
import type { Infra } from './infra';

type RestartOptions = Parameters<N8n['restart']>[0];

export interface Cluster {
	readonly main: N8n;
	readonly webhook: N8n;
	workers: N8n[];
	/** The webhook processor's address, every process's N8N_WEBHOOK_URL. */
	webhookUrl: string;
	/** Restarts main or the webhook processor (same port, folder, database), e.g. with another N8N_WEBHOOK_URL. */
	restart(role: 'main' | 'webhook', options?: RestartOptions): Promise<void>;
	/** Every process's output by name ("main", "worker 1", …), including that of earlier runs. */
	outputs(): Record<string, string>;
	stop(): Promise<void>;
}

/** Distinct free ports (each N8n also takes a free task-broker port of its own, never 5679). */
async function ports(count: number): Promise<number[]> {
	const chosen: number[] = [];
	while (chosen.length < count) {
		const port = await freePort();
		if (!chosen.includes(port)) chosen.push(port);
	}
	return chosen;
}

export async function startCluster(
	runtime: InstalledRuntime,
	tarball: string,
	infra: Pick<Infra, 'postgres' | 'redis'>,
	workerCount = 2,
): Promise<Cluster> {
	const folder = mkdtempSync(join(tmpdir(), 'whispir-queue-'));
	const [mainPort, webhookPort, ...workerPorts] = await ports(2 + workerCount);
	const webhookUrl = `http://127.0.0.1:${webhookPort}/`;
	const env = {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(infra.postgres.port),
		DB_POSTGRESDB_DATABASE: infra.postgres.database,
		DB_POSTGRESDB_USER: infra.postgres.user,
		DB_POSTGRESDB_PASSWORD: infra.postgres.password,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(infra.redis.port),
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		// Manual runs go to the workers too; main then starts no task runner.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	// One npm install (it fetches the peer n8n-workflow), then a hard-linked copy per process.
	const installed = join(folder, 'installed');
	installPackage(tarball, installed);
	const userFolder = (name: string) => {
		const home = join(folder, name);
		execFileSync('cp', ['-al', installed, home]);
		return home;
	};
	const started: N8n[] = [];
	const stop = async () => {
		await Promise.all(started.map(async (n8n) => await n8n.stop()));
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		// Main alone first: on a fresh database it runs n8n's migrations.
		const main = await N8n.start(runtime, {
			userFolder: userFolder('main'),
			port: mainPort,
			role: 'main',
			webhookUrl,
			env,
		});
		started.push(main);
		// A worker runs one job at a time, so two jobs started together run on the two workers.
		const others = await Promise.all([
			N8n.start(runtime, {
				userFolder: userFolder('webhook'),
				port: webhookPort,
				role: 'webhook',
				webhookUrl,
				env,
			}),
			...workerPorts.map(
				async (port, index) =>
					await N8n.start(runtime, {
						userFolder: userFolder(`worker${index + 1}`),
						port,
						role: 'worker',
						webhookUrl,
						env,
						args: ['--concurrency=1'],
					}),
			),
		]);
		started.push(...others);
		const [webhook, ...workers] = others;
		const current = { main, webhook };
		const earlierOutput = { main: [] as string[], webhook: [] as string[] };
		const outputOf = (role: 'main' | 'webhook') =>
			[...earlierOutput[role], current[role].output()].join('\n');
		return {
			get main() {
				return current.main;
			},
			get webhook() {
				return current.webhook;
			},
			workers,
			webhookUrl,
			async restart(role, options) {
				earlierOutput[role].push(current[role].output());
				current[role] = await current[role].restart(options);
				started.push(current[role]);
			},
			outputs: () =>
				Object.fromEntries([
					['main', outputOf('main')],
					['webhook processor', outputOf('webhook')],
					...workers.map((worker, index) => [`worker ${index + 1}`, worker.output()]),
				]),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
