// The sandbox's stored files ("resources"): the API behaviour and readResourceRows, which the
// bulk-message and contact-import handlers use to read them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { parseCsv, readResourceRows } from '../sandbox/resources/resources';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SandboxState } from '../sandbox/state';

const TYPE = 'application/vnd.whispir.resource-v1+json';
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox();
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

function api(path: string, method = 'GET', body?: object): Promise<Response> {
	const { username, password, apiKey } = sb.credentials;
	const u = new URL(sb.url + path);
	u.searchParams.set('apikey', apiKey);
	return fetch(u, {
		method,
		headers: {
			'x-api-key': apiKey,
			authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
			accept: TYPE,
			...(body ? { 'content-type': TYPE } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
}

const file = (name: string, scope: string, mimeType: string, content: string | Buffer) => ({
	name,
	scope,
	mimeType,
	derefUri: b64(content),
});
const idOf = (res: Response) =>
	new URL(res.headers.get('location') ?? '').pathname.split('/').pop()!;

describe('sandbox resources API', () => {
	it('creates with 201 and only a Location, answers metadata with the three links, no content', async () => {
		const res = await api('/resources', 'POST', file('a.csv', 'private', 'text/csv', 'x,y\n1,2\n'));
		expect(res.status).toBe(201);
		expect(await res.text()).toBe('');
		const one = (await (await api(`/resources/${idOf(res)}`)).json()) as Record<string, any>;
		expect(one).toEqual({
			name: 'a.csv',
			scope: 'private',
			mimeType: 'text/csv',
			link: [
				expect.objectContaining({ rel: 'self', method: 'GET' }),
				expect.objectContaining({ rel: 'updateResource', method: 'PUT' }),
				expect.objectContaining({ rel: 'deleteResource', method: 'DELETE' }),
			],
		});
	});

	it('refuses with 422: a PNG kept private, more than 10 MiB, malformed CSV or JSON, a missing field', async () => {
		const cases = [
			file('logo.png', 'private', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
			file('big.csv', 'public', 'text/csv', Buffer.alloc(10 * 1024 * 1024 + 1, 'a')),
			file('bad.csv', 'private', 'text/csv', 'a,b\n"unclosed,2\n'),
			file('short.csv', 'private', 'text/csv', 'a,b\n1\n'),
			file('bad.json', 'private', 'application/json', '[{"a":'),
			{ name: 'x.csv', scope: 'private', mimeType: 'text/csv' },
		];
		for (const body of cases) {
			const res = await api('/resources', 'POST', body);
			expect(res.status, body.name).toBe(422);
		}
		expect(await sb.state('resources')).toHaveLength(0);
	});

	it('lists newest first without ids, filters by scope and partial name, public ones with a url', async () => {
		await api('/resources', 'POST', file('australia.csv', 'private', 'text/csv', 'a\n1\n'));
		await api('/resources', 'POST', file('austria.png', 'public', 'image/png', 'png'));
		await api('/resources', 'POST', file('usa.json', 'private', 'application/json', '[]'));
		const all = (await (await api('/resources')).json()) as Record<string, any>;
		expect(all.resources.map((r: any) => r.name)).toEqual([
			'usa.json',
			'austria.png',
			'australia.csv',
		]);
		expect(all.resources.every((r: any) => r.id === undefined)).toBe(true);
		expect(all.resources[1].url).toMatch(/austria\.png$/);
		expect(all.resources[0].url).toBeUndefined();
		const aus = (await (await api('/resources?name=AUS')).json()) as Record<string, any>;
		expect(aus.resources.map((r: any) => r.name)).toEqual(['austria.png', 'australia.csv']);
		const pub = (await (await api('/resources?scope=public')).json()) as Record<string, any>;
		expect(pub.resources.map((r: any) => r.name)).toEqual(['austria.png']);
	});

	it('PUT needs all four fields, replaces the file (204) and moves it to the top; DELETE answers 204', async () => {
		const first = idOf(
			await api('/resources', 'POST', file('one.csv', 'private', 'text/csv', 'a\n1\n')),
		);
		await api('/resources', 'POST', file('two.csv', 'private', 'text/csv', 'a\n2\n'));
		expect(
			(await api(`/resources/${first}`, 'PUT', { name: 'one.csv', scope: 'private' })).status,
		).toBe(422);
		const put = await api(
			`/resources/${first}`,
			'PUT',
			file('one.json', 'private', 'application/json', '[{"a":"3"}]'),
		);
		expect(put.status).toBe(204);
		const list = (await (await api('/resources')).json()) as Record<string, any>;
		expect(list.resources.map((r: any) => r.name)).toEqual(['one.json', 'two.csv']);
		expect((await api(`/resources/${first}`, 'DELETE')).status).toBe(204);
		expect((await api(`/resources/${first}`)).status).toBe(404);
		expect((await api('/resources', 'PUT', {})).status).toBe(405);
	});
});

describe('readResourceRows', () => {
	const env = new SandboxState(
		'http://127.0.0.1:1',
		{ username: 'u', password: 'p', apiKey: 'k' },
		{
			latencyMs: 0,
			rateLimit: null,
			linkStyle: 'absolute',
		},
	);
	const seed = (name: string, mimeType: string, content: string) =>
		env.seed('resources', [file(name, 'private', mimeType, content)])[0];
	const ws = env.defaultWorkspaceId();

	it('reads CSV with RFC 4180 quoting: commas, doubled quotes, line breaks, CRLF', () => {
		const id = seed(
			'a.csv',
			'text/csv',
			'name,note\r\n"Smith, Jo","said ""hi""\nthen left"\r\nAl,\r\n',
		);
		expect(readResourceRows(env, ws, id)).toEqual([
			{ name: 'Smith, Jo', note: 'said "hi"\nthen left' },
			{ name: 'Al', note: '' },
		]);
	});

	it('reads JSON arrays, {contacts: [...]} wrappers and nested objects as dotted keys', () => {
		const plain = seed(
			'a.json',
			'application/json',
			'[{"mobile":"0410","n":1,"MsgData":{"POB":{"At":"9am"}}}]',
		);
		expect(readResourceRows(env, ws, plain)).toEqual([
			{ mobile: '0410', n: '1', 'MsgData.POB.At': '9am' },
		]);
		const wrapped = seed('b.json', 'application/json', '{"contacts":[{"a":"1"},{"a":"2"}]}');
		expect(readResourceRows(env, ws, wrapped)).toEqual([{ a: '1' }, { a: '2' }]);
		const other = seed('c.json', 'application/json', '{"people":[{"a":"x"}]}');
		expect(readResourceRows(env, ws, other)).toEqual([{ a: 'x' }]);
	});

	it('reads XML recipients as in the docs', () => {
		const id = seed(
			'r.xml',
			'application/xml',
			'<recipients><recipient><name>Franco</name><mobile>0410</mobile></recipient></recipients>',
		);
		expect(readResourceRows(env, ws, id)).toEqual([{ name: 'Franco', mobile: '0410' }]);
	});

	it('throws 404 for an unknown id or another workspace, 422 for JSON without records', () => {
		expect(() => readResourceRows(env, ws, 'NOPE')).toThrow(
			expect.objectContaining({ status: 404 }),
		);
		const id = seed('d.json', 'application/json', '{"a":1}');
		expect(() => readResourceRows(env, 'OTHER', id)).toThrow(
			expect.objectContaining({ status: 404 }),
		);
		expect(() => readResourceRows(env, ws, id)).toThrow(expect.objectContaining({ status: 422 }));
	});

	it('parseCsv refuses a stray quote', () => {
		expect(() => parseCsv('a,b"c\n')).toThrow(/quote/);
		expect(parseCsv('a,b\n\n1,2')).toEqual([
			['a', 'b'],
			['1', '2'],
		]);
	});
});
