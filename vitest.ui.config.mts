import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// `npm run test:ui`: n8n's editor in Chromium, with the package installed (see test/ui/README.md).
// One file; its scenarios run in order in one browser against one n8n.
export default defineConfig({
	// n8n-workflow's CommonJS build, as in vitest.config.mts (its ESM build's source maps point to missing files).
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: require.resolve('n8n-workflow') }] },
	test: {
		include: ['test/ui/**/*.ui.test.ts'],
		globalSetup: ['test/ui/globalSetup.ts'],
		reporters: ['verbose'],
		// A first run installs the runtime (minutes) and maybe Chromium in globalSetup; each step below is bounded.
		testTimeout: 120_000,
		// The editor loads lists and re-renders panels at the pace of a busy machine.
		expect: { poll: { timeout: 15_000 } },
		hookTimeout: 300_000,
		teardownTimeout: 60_000,
		pool: 'forks',
	},
});
