import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const customList = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'customList',
	operation,
	...parameters,
});

const categories = {
	name: 'Incident Category',
	type: 'INCIDENT',
	customlabellists: [
		{ name: 'Fire', value: 'fire' },
		{ name: 'Flood', value: 'flood' },
	],
};

describe('Custom List → Get', () => {
	it('reads one list with its values, in the chosen workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const [id] = bed.sandbox.seed('customlists', [categories], workspaceId);
		const { items, error } = await bed.run(
			WHISPIR,
			customList('get', {
				workspace: { __rl: true, mode: 'id', value: workspaceId },
				customListId: { __rl: true, mode: 'list', value: id },
			}),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: `/workspaces/${workspaceId}/customlists/${id}`,
			accept: 'application/vnd.whispir.customlist-v1+json',
		});
		expect(items[0].json).toMatchObject({
			id,
			name: 'Incident Category',
			type: 'INCIDENT',
			customlabellists: categories.customlabellists,
		});
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});
});

describe('Custom List → Get Many', () => {
	beforeEach(() => {
		bed.sandbox.seed('customlists', [
			categories,
			{ name: 'Message Priority', type: 'MESSAGE' },
			{ name: 'Region', type: 'CONTACT' },
		]);
	});

	it('lists every custom list from the `customlabels` key', async () => {
		const { items } = await bed.run(WHISPIR, customList('getAll', { returnAll: true }));
		expect(items.map((item) => item.json.name)).toEqual([
			'Incident Category',
			'Message Priority',
			'Region',
		]);
	});

	it('filters by name and type', async () => {
		const byType = await bed.run(
			WHISPIR,
			customList('getAll', { returnAll: true, filters: { type: 'MESSAGE' } }),
		);
		expect(bed.sandbox.log.at(-1)?.query).toMatchObject({ type: 'MESSAGE' });
		expect(byType.items.map((item) => item.json.name)).toEqual(['Message Priority']);

		const byName = await bed.run(
			WHISPIR,
			customList('getAll', { returnAll: true, filters: { name: 'Region' } }),
		);
		expect(bed.sandbox.log.at(-1)?.query).toMatchObject({ name: 'Region' });
		expect(byName.items.map((item) => item.json.name)).toEqual(['Region']);
	});

	it("reads Whispir's 404 for no match as an empty result", async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			customList('getAll', { returnAll: true, filters: { type: 'RSS' } }),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		expect(bed.sandbox.log[0].status).toBe(404);
	});

	it('offers lists in the "From List" picker', async () => {
		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchCustomLists',
			filter: 'Region',
			credentials: bed.credentials,
		});
		expect(results.map((result) => result.name)).toEqual(['Region']);
	});
});
