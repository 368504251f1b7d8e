import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const workspace = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'workspace',
	operation,
	...parameters,
});

describe('Workspace → Create', () => {
	it('posts the workspace with the vendor media type and returns the id from Location', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			workspace('create', {
				projectName: '={{ $json.team }}',
				additionalFields: { projectNumber: 'OPS-7' },
			}),
			{ items: [{ json: { team: 'Incident Response' } }, { json: { team: 'Payroll' } }] },
		);
		expect(error).toBeUndefined();

		const posts = bed.sandbox.log.filter((request) => request.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[0]).toMatchObject({
			path: '/workspaces',
			contentType: 'application/vnd.whispir.workspace-v1+json',
			accept: 'application/vnd.whispir.workspace-v1+json',
			body: { projectName: 'Incident Response', projectNumber: 'OPS-7', status: 'A' },
			status: 201,
		});

		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const stored = await bed.sandbox.state('workspaces');
		const created = stored.find((record) => record.projectName === 'Payroll');
		expect(items[1].json).toMatchObject({ id: created?.id, projectName: 'Payroll', status: 'A' });
		// Whispir puts the API key into Location; the node must not pass it on.
		expect(items[1].json.url).toBe(`${bed.sandbox.url}/workspaces/${created?.id}`);
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('refuses an empty name before sending anything, naming the field and the item', async () => {
		const { error } = await bed.run(
			WHISPIR,
			workspace('create', { projectName: '={{ $json.team }}' }),
			{
				items: [{ json: { team: 'Ops' } }, { json: {} }],
			},
		);
		expect(error?.message).toBe('"Name" is empty in item 1');
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('with Continue On Fail, turns the bad item into an error item and creates the others once', async () => {
		const { items } = await bed.run(
			WHISPIR,
			workspace('create', { projectName: '={{ $json.team }}' }),
			{
				items: [{ json: { team: 'A' } }, { json: { team: '' } }, { json: { team: 'C' } }],
				continueOnFail: true,
			},
		);
		expect(items).toHaveLength(3);
		expect(items[1]).toMatchObject({
			json: { error: '"Name" is empty in item 1' },
			pairedItem: { item: 1 },
		});
		expect(items[0].json.projectName).toBe('A');
		expect(items[2].json.projectName).toBe('C');
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(2);
	});

	it("shows Whispir's 422 text when a field is refused", async () => {
		const { error } = await bed.run(
			WHISPIR,
			workspace('create', { projectName: 'Bad', additionalFields: { status: 'X' } }),
		);
		expect(error?.constructor.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Whispir rejected the request's content: .*status/);
	});
});

describe('Workspace → Get', () => {
	it('reads one workspace by ID or from the list', async () => {
		const [id] = bed.sandbox.seed('workspaces', [{ projectName: 'Field Ops', status: 'A' }]);
		for (const mode of ['id', 'list']) {
			const { items, error } = await bed.run(
				WHISPIR,
				workspace('get', { workspaceId: { __rl: true, mode, value: id } }),
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id, projectName: 'Field Ops', status: 'A' });
		}
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: `/workspaces/${id}` });
	});

	it('explains a 404 in words a user can act on', async () => {
		const { error } = await bed.run(
			WHISPIR,
			workspace('get', { workspaceId: { __rl: true, mode: 'id', value: 'DOESNOTEXIST' } }),
		);
		expect(error?.message).toBe('Whispir found nothing at this address');
		expect(error?.description).toContain('GET /workspaces/DOESNOTEXIST does not exist (404)');
	});
});

describe('Workspace → Get Many', () => {
	beforeEach(() => {
		bed.sandbox.seed(
			'workspaces',
			Array.from({ length: 44 }, (_, index) => ({
				projectName: `Team ${String(index).padStart(2, '0')}`,
				status: 'A',
			})),
		);
	});

	it('returns every workspace across pages with Return All', async () => {
		const { items } = await bed.run(WHISPIR, workspace('getAll', { returnAll: true }));
		expect(items).toHaveLength(45); // 44 seeded + the default "My Company"
		expect(new Set(items.map((item) => item.json.id)).size).toBe(45);
		const pages = bed.sandbox.log.filter((request) => request.path === '/workspaces');
		expect(pages.map((request) => request.query.offset)).toEqual(['0', '20', '40']);
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('stops at the Limit, asking only for the pages it needs', async () => {
		const { items } = await bed.run(WHISPIR, workspace('getAll', { returnAll: false, limit: 25 }));
		expect(items).toHaveLength(25);
		const pages = bed.sandbox.log.filter((request) => request.path === '/workspaces');
		expect(pages.map((request) => [request.query.offset, request.query.limit])).toEqual([
			['0', '20'],
			['20', '5'],
		]);
	});
});

describe('Workspace list search', () => {
	it('finds workspaces by name for the "From List" picker', async () => {
		const [id] = bed.sandbox.seed('workspaces', [
			{ projectName: 'Emergency Management', status: 'A' },
			{ projectName: 'Payroll', status: 'A' },
		]);
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchWorkspaces',
			filter: 'emergency',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Emergency Management', value: id }]);
	});
});
