/**
 * The minimum of n8n's dependency-injection container that n8n-core 2.8.1 needs to run
 * workflows in-process.
 *
 * n8n-core looks a few services up through `@n8n/di`'s `Container` (read from
 * node_modules/n8n-core/dist):
 * - `InstanceSettings`: every node execution context (instance id, HMAC secret for signed
 *   resume URLs), `Cipher` (credential encryption) and `BinaryDataConfig`.
 * - `Logger`: contexts, `ErrorReporter`, `ExecutionContextService`.
 * - `BinaryDataService`: `helpers.prepareBinaryData`, `getBinaryDataBuffer`, … .
 * - `BinaryDataConfig`: read at the end of every node run (`convertBinaryData`).
 * - `ErrorReporter`, `ExecutionContextService`: built on demand from the above.
 *
 * What we register:
 * - a real `InstanceSettings` whose n8n folder is a fresh directory under `os.tmpdir()`
 *   (the real class writes its settings file there; the directory is deleted as soon as the
 *   settings are loaded; nothing is written anywhere else) and a fixed test encryption key;
 * - a real `Logger`, silent unless `N8N_HARNESS_LOG_LEVEL` (error|warn|info|debug) is set;
 * - a `BinaryDataConfig` in `default` mode, and the real `BinaryDataService` left
 *   un-initialised: with no storage manager it keeps binary data in memory, base64 in the
 *   item (`binary.<prop>.data`), exactly n8n's `default` binary mode.
 *
 * Registration happens once per module instance; the container itself is process-global,
 * so call `ensureN8nCore()` before using anything else of n8n-core that needs DI.
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

type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

function logLevel(): LogLevel {
	const wanted = process.env.N8N_HARNESS_LOG_LEVEL;
	return wanted === 'error' || wanted === 'warn' || wanted === 'info' || wanted === 'debug'
		? wanted
		: 'silent';
}

/** Registers the services n8n-core needs. Idempotent; called by the harness before every run. */
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
