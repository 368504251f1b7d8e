/**
 * The part of n8n's dependency-injection container (`@n8n/di`) that n8n-core 2.8.1 looks up to
 * run workflows in-process, registered once per process:
 * - a real `InstanceSettings` (instance id, HMAC secret for signed URLs, the key `Cipher` uses)
 *   with a fixed test encryption key;
 * - a real `Logger`, silent unless `N8N_HARNESS_LOG_LEVEL` is error, warn, info or debug;
 * - a `BinaryDataConfig` in `default` mode and an un-initialised `BinaryDataService`, which then
 *   keeps binary data base64 in the item (`binary.<prop>.data`), as n8n's `default` mode does.
 * `ErrorReporter` and `ExecutionContextService` the container builds on demand from these.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Logger } from '@n8n/backend-common';
import type { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService, InstanceSettings } from 'n8n-core';

const TEST_ENCRYPTION_KEY = 'n8n-nodes-whispir-test-harness-key';

let ready = false;

function logLevel(): string {
	const wanted = process.env.N8N_HARNESS_LOG_LEVEL ?? '';
	return ['error', 'warn', 'info', 'debug'].includes(wanted) ? wanted : 'silent';
}

/** Registers the services n8n-core needs. Idempotent: the harness calls it before every run. */
export function ensureN8nCore(): void {
	if (ready) return;

	// InstanceSettings writes its settings file into the n8n folder while it is constructed and
	// keeps the settings in memory afterwards; nothing in our runs touches the folder again
	// (binary data stays in memory), so it is removed right away and never leaks.
	const folder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));

	// The constructor only reads `logging` from the global config (and keeps the instance
	// settings config for scoped loggers).
	const globalConfig = {
		logging: { level: logLevel(), outputs: ['console'], scopes: [] },
	} as unknown as GlobalConfig;
	const instanceSettingsConfig = {
		enforceSettingsFilePermissions: false,
		encryptionKey: TEST_ENCRYPTION_KEY,
		userHome: folder,
		n8nFolder: folder,
	} as InstanceSettingsConfig;

	const logger = new Logger(globalConfig, instanceSettingsConfig);
	Container.set(Logger, logger);
	try {
		Container.set(InstanceSettings, new InstanceSettings(instanceSettingsConfig, logger));
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}

	const binaryDataConfig = Object.assign(Object.create(BinaryDataConfig.prototype) as object, {
		availableModes: ['default'],
		mode: 'default',
		localStoragePath: join(folder, 'binaryData'),
		signingSecret: 'n8n-harness-url-signing',
		dbMaxFileSize: 512,
	}) as BinaryDataConfig;
	Container.set(BinaryDataConfig, binaryDataConfig);
	// Built by the container from the config above; deliberately NOT `init()`-ed, so no
	// file-system manager exists and binary data stays in memory.
	Container.get(BinaryDataService);

	ready = true;
}
