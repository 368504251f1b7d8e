import { defineConfig } from 'vitest/config';

// `npm run test:queue`: the package in n8n 2.40.7 in queue mode (main, two workers, a webhook
// processor, Postgres, Redis), see test/queue/README.md. One file; its scenarios run in order.
export default defineConfig({
	test: {
		include: ['test/queue/**/*.queue.test.ts'],
		globalSetup: ['test/queue/globalSetup.ts'],
		reporters: ['verbose'],
		testTimeout: 120_000,
		hookTimeout: 240_000,
		teardownTimeout: 60_000,
		pool: 'forks',
	},
});
