import { defineConfig } from 'vitest/config';
import { createRequire } from 'node:module';
const req = createRequire(__filename);
export default defineConfig({
	resolve: { alias: [{ find: /^n8n-workflow$/, replacement: req.resolve('n8n-workflow') }] },
	test: { include: ['test/integration/**/*.test.ts'] },
});
