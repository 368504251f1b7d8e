import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	// One n8n-workflow for everybody: without this, our code gets vitest's ESM copy and n8n-core
	// the CommonJS one, and `instanceof NodeApiError` fails across the two.
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
		include: [
			'test/unit/**/*.test.ts',
			'test/integration/**/*.test.ts',
			'test/contract/**/*.test.ts',
		],
		// Records what the tests produce and fails the run if a password, API key or callback key is in it.
		// Checks what the node sent and the sandbox answered against Whispir's OpenAPI (test/contract).
		globalSetup: ['test/secrets/globalSetup.ts', 'test/contract/globalSetup.ts'],
		testTimeout: 30_000,
		hookTimeout: 30_000,
	},
});
