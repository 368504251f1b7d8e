import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the package installed into two real n8n runtimes (see test/e2e/README.md).
// One file per runtime, run side by side; the scenarios inside a file run in order.
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.test.ts'],
		globalSetup: ['test/e2e/globalSetup.ts'],
		reporters: ['verbose'],
		// A first run installs both runtimes (minutes) in globalSetup; each step below is bounded.
		testTimeout: 90_000,
		hookTimeout: 240_000,
		teardownTimeout: 60_000,
		fileParallelism: true,
		pool: 'forks',
	},
});
