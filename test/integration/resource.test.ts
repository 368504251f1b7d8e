import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MEDIA = 'application/vnd.whispir.resource-v1+json';
const CSV = 'name,mobile\r\n"Smith, Jo",61423456789\r\n';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const resource = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'resource',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);
const binaryItem = (content: string | Buffer, mimeType: string, fileName: string) => ({
	json: {},
	binary: { data: { data: b64(content), mimeType, fileName } },
});
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function seedFile(name = 'contacts.csv', scope = 'private', mimeType = 'text/csv', content = CSV) {
	return bed.sandbox.seed('resources', [{ name, scope, mimeType, derefUri: b64(content) }])[0];
}

describe('Resource → Upload', () => {
	it('uploads a CSV from a binary property as a private resource', async () => {
		const { items, error } = await bed.run(WHISPIR, resource('upload', { scope: 'private' }), {
			// A CSV often arrives typed as Excel; the .csv name decides.
			items: [binaryItem(CSV, 'application/vnd.ms-excel', 'contacts.csv')],
		});
		expect(error).toBeUndefined();
		const [post] = requests('POST');
		expect(post).toMatchObject({
			path: '/resources',
			contentType: MEDIA,
			status: 201,
			body: { name: 'contacts.csv', scope: 'private', mimeType: 'text/csv', derefUri: b64(CSV) },
		});
		const [stored] = await bed.sandbox.state('resources');
		expect(items[0].json).toEqual({
			id: stored.id,
			url: `${bed.sandbox.url}/resources/${stored.id}`,
			name: 'contacts.csv',
			scope: 'private',
			mimeType: 'text/csv',
		});
		expect(requests('GET')).toHaveLength(0);
	});

	it('uploads a public image and reads back its download URL', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			resource('upload', { scope: 'public', name: 'logo.png' }),
			{ items: [binaryItem(PNG, 'image/png', 'upload.bin')] },
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0].body).toMatchObject({
			name: 'logo.png',
			scope: 'public',
			mimeType: 'image/png',
		});
		const [stored] = await bed.sandbox.state('resources');
		expect(requests('GET')[0].path).toBe(`/resources/${stored.id}`);
		expect(items[0].json).toMatchObject({ id: stored.id, scope: 'public', mimeType: 'image/png' });
		expect(items[0].json.publicUrl).toMatch(/logo\.png$/);
	});

	it('uploads JSON typed in, in a workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops' }]);
		const json = '[{"name":"Jo","mobile":"61423456789"}]';
		const { error } = await bed.run(
			WHISPIR,
			resource('upload', {
				workspace: byId(workspaceId),
				source: 'text',
				content: json,
				name: 'people.json',
				scope: 'private',
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0]).toMatchObject({
			path: `/workspaces/${workspaceId}/resources`,
			body: { name: 'people.json', mimeType: 'application/json', derefUri: b64(json) },
		});
	});

	it('takes the MIME type from Additional Fields, and refuses empty text content before sending', async () => {
		const xml = '<contacts><contact><firstName>Jo</firstName></contact></contacts>';
		const { error } = await bed.run(
			WHISPIR,
			resource('upload', {
				source: 'text',
				content: xml,
				name: 'people.data',
				scope: 'private',
				additionalFields: { mimeType: 'application/xml' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0]).toMatchObject({
			body: { name: 'people.data', mimeType: 'application/xml', derefUri: b64(xml) },
		});

		const { items } = await bed.run(
			WHISPIR,
			resource('upload', {
				source: 'text',
				content: '={{ $json.csv }}',
				name: 'x.csv',
				scope: 'private',
			}),
			{ items: [{ json: { csv: '' } }], continueOnFail: true },
		);
		expect(items[0].json.error).toBe('"Content" is empty in item 0');
		expect(requests('POST')).toHaveLength(1);
	});

	it('refuses a PNG kept private before sending', async () => {
		const { error } = await bed.run(WHISPIR, resource('upload', { scope: 'private' }), {
			items: [binaryItem(PNG, 'image/png', 'logo.png')],
		});
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"MIME Type" image/png cannot be stored privately (item 0)');
		expect(requests('POST')).toHaveLength(0);
	});

	it('refuses a file over 10 MB before sending, and a missing binary property', async () => {
		const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
		const { items } = await bed.run(WHISPIR, resource('upload', { scope: 'public' }), {
			items: [binaryItem(big, 'text/plain', 'big.txt'), { json: {} }],
			continueOnFail: true,
		});
		expect(items[0].json.error).toBe(
			'The file in item 0 is 10.1 MB; Whispir accepts at most 10 MB',
		);
		expect(items[1].json.error).toBe(
			"This operation expects the node's input data to contain a binary file 'data', but none was found [item 1]",
		);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(requests('POST')).toHaveLength(0);
	});
});

describe('Resource → Update', () => {
	it('replaces the content and keeps the name, scope and MIME type', async () => {
		const id = seedFile();
		const next = 'name,mobile\r\nAl,61400000000\r\n';
		const { items, error } = await bed.run(
			WHISPIR,
			resource('update', { resourceId: byId(id), source: 'text', content: next }),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')[0]).toMatchObject({
			path: `/resources/${id}`,
			contentType: MEDIA,
			status: 204,
			body: { name: 'contacts.csv', scope: 'private', mimeType: 'text/csv', derefUri: b64(next) },
		});
		expect(items[0].json).toEqual({
			id,
			name: 'contacts.csv',
			scope: 'private',
			mimeType: 'text/csv',
			updated: true,
		});
		expect((await bed.sandbox.state('resources'))[0].derefUri).toBe(b64(next));
	});

	it('renames and makes the file public', async () => {
		const id = seedFile();
		const { items, error } = await bed.run(
			WHISPIR,
			resource('update', {
				resourceId: byId(id),
				source: 'text',
				content: CSV,
				updateFields: { name: 'team.csv', scope: 'public' },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')[0].body).toMatchObject({
			name: 'team.csv',
			scope: 'public',
			mimeType: 'text/csv',
		});
		expect(items[0].json).toEqual({
			id,
			name: 'team.csv',
			scope: 'public',
			mimeType: 'text/csv',
			updated: true,
		});
		expect((await bed.sandbox.state('resources'))[0]).toMatchObject({
			name: 'team.csv',
			scope: 'public',
		});
	});
});

describe('Resource → Get, Get Many, Delete', () => {
	it('gets the metadata of one file', async () => {
		const id = seedFile();
		const { items } = await bed.run(WHISPIR, resource('get', { resourceId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/resources/${id}`,
			accept: MEDIA,
		});
		expect(items[0].json).toMatchObject({
			name: 'contacts.csv',
			scope: 'private',
			mimeType: 'text/csv',
		});
		expect(items[0].json).not.toHaveProperty('derefUri');
	});

	it('lists files newest first with ids from the self links, filtered by scope and name', async () => {
		const first = seedFile('australia.csv');
		const second = seedFile('austria.png', 'public', 'image/png', 'png');
		seedFile('usa.csv');
		const { items } = await bed.run(
			WHISPIR,
			resource('getAll', { returnAll: true, filters: { name: 'aus' } }),
		);
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: '/resources',
			query: { name: 'aus' },
		});
		expect(items.map((item) => item.json.id)).toEqual([second, first]);
		const pub = await bed.run(
			WHISPIR,
			resource('getAll', { returnAll: true, filters: { scope: 'public' } }),
		);
		expect(bed.sandbox.log.at(-1)?.query).toMatchObject({ scope: 'public' });
		expect(pub.items.map((item) => item.json.name)).toEqual(['austria.png']);
	});

	it('deletes a file', async () => {
		const id = seedFile();
		const { items } = await bed.run(WHISPIR, resource('delete', { resourceId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/resources/${id}`,
			status: 204,
		});
		expect(items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('resources')).toHaveLength(0);
	});
});
