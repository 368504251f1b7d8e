// Postgres 15 and Redis from Debian's packages as throwaway infrastructure for the queue tier:
// installed with apt-get when missing, started on 127.0.0.1 on free ports with their data in a
// temporary folder, and stopped (folder removed) at the end. Both run in the foreground as children
// of processes.ts, so they get its watchdog: they die with the process that started them, even if
// that one is killed without cleaning up.
import { execFileSync } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, startChild, waitFor, type Child } from '../e2e/support/processes';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = '/usr/bin/redis-server';
const POLICY_RC = '/usr/sbin/policy-rc.d';

export interface Infra {
	postgres: { port: number; database: string; user: string; password: string };
	redis: { port: number };
	stop(): Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

function run(command: string, args: string[]): string {
	return execFileSync(command, args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
}

/** Postgres refuses to run as root: as root, run its tools as the `postgres` user the package creates. */
const asPostgres = (command: string, args: string[]): [string, string[]] =>
	isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

/**
 * Installs postgresql and redis-server with apt-get when they are missing (CI: a clean Debian 12,
 * root). Debian's postinst scripts would start a system cluster on 5432 and a system Redis on 6379.
 * A /usr/sbin/policy-rc.d that exits 101 ("action forbidden" in Debian's invoke-rc.d policy
 * interface, man invoke-rc.d) stops them from starting any service during the install, with or
 * without systemd, so the install leaves nothing running and no port held; it is removed afterwards.
 */
export function ensureInstalled(): void {
	const missing = [
		...(existsSync(join(PG_BIN, 'postgres')) ? [] : ['postgresql']),
		...(existsSync(REDIS_SERVER) ? [] : ['redis-server']),
	];
	if (missing.length === 0) return;
	if (!isRoot())
		throw new Error(
			`The queue tier needs ${missing.join(' and ')} (Debian: sudo apt-get install -y ${missing.join(' ')})`,
		);
	console.error(`queue infra: installing ${missing.join(' ')} with apt-get`);
	const ownPolicy = !existsSync(POLICY_RC);
	if (ownPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		execFileSync('apt-get', ['update'], { stdio: 'inherit' });
		execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	} finally {
		if (ownPolicy) unlinkSync(POLICY_RC);
	}
}

/** Starts Postgres (database and role `n8n`) and Redis; both stop, and the folder goes, with `stop`. */
export async function startInfra(): Promise<Infra> {
	ensureInstalled();
	const folder = mkdtempSync(join(tmpdir(), 'whispir-queue-infra-'));
	// mkdtemp makes a 0700 folder: the postgres user must be able to pass through it.
	chmodSync(folder, 0o711);
	const data = join(folder, 'pg');
	mkdirSync(data, { mode: 0o700 });
	mkdirSync(join(folder, 'redis'));
	if (isRoot()) {
		chownSync(data, Number(run('id', ['-u', 'postgres'])), Number(run('id', ['-g', 'postgres'])));
	}
	const children: Child[] = [];
	const stop = async () => {
		// Redis first, then Postgres; the n8n processes using them are stopped before this runs.
		for (const child of [...children].reverse()) await child.stop();
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		run(
			...asPostgres(join(PG_BIN, 'initdb'), [
				'-D',
				data,
				'-U',
				'postgres',
				'--auth=trust',
				'-E',
				'UTF8',
				'--locale=C.UTF-8',
			]),
		);
		const pgPort = await freePort();
		// -k: the socket in the data folder, not /var/run/postgresql (which may not exist); fsync off: throwaway data.
		children.push(
			startChild(
				'postgres',
				...asPostgres(join(PG_BIN, 'postgres'), [
					'-D',
					data,
					'-p',
					String(pgPort),
					'-k',
					data,
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'fsync=off',
					'-c',
					'synchronous_commit=off',
				]),
			),
		);
		const psql = (sql: string) =>
			run(
				...asPostgres(join(PG_BIN, 'psql'), [
					'-h',
					'127.0.0.1',
					'-p',
					String(pgPort),
					'-U',
					'postgres',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				]),
			);
		await waitFor(
			'Postgres to accept connections',
			async () => {
				psql('SELECT 1');
				return true;
			},
			30_000,
		);
		psql("CREATE ROLE n8n LOGIN PASSWORD 'n8n'");
		psql('CREATE DATABASE n8n OWNER n8n');

		const redisPort = await freePort();
		children.push(
			startChild('redis', REDIS_SERVER, [
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				join(folder, 'redis'),
			]),
		);
		await waitFor(
			'Redis to answer PING',
			async () =>
				run('redis-cli', ['-p', String(redisPort), 'ping']).trim() === 'PONG' ? true : undefined,
			30_000,
		);
		return {
			postgres: { port: pgPort, database: 'n8n', user: 'n8n', password: 'n8n' },
			redis: { port: redisPort },
			stop,
		};
	} catch (error) {
		const output = children
			.map((child) => child.output())
			.join('\n')
			.slice(-3000);
		await stop();
		throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
	}
}
