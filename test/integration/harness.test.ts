import { describe, it, expect } from 'vitest';
import * as wf from 'n8n-workflow';
import { createRequire } from 'node:module';
const req = createRequire(__filename);
describe('scratch', () => {
	it('dual', () => {
		const cjs = req('n8n-workflow');
		const core = req('n8n-core');
		console.log('same NodeApiError', wf.NodeApiError === cjs.NodeApiError, require.resolve ? 'has require' : '');
		console.log(typeof core.WorkflowExecute);
		expect(1).toBe(1);
	});
});
