/**
 * Self-test of test/harness: real n8n-core executions of a fixture node against a tiny
 * loopback server that checks authentication strictly.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IConnections, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { Harness, createNodeTypes } from '../harness';
import { FixtureApi } from '../harness/fixtures/FixtureApi.credentials';
import { FIXTURE_NODE_TYPE, Fixture } from '../harness/fixtures/Fixture.node';

const USERNAME = 'alice';
const PASSWORD = 's3cret:with:colons';
const API_KEY = 'key-123';

interface Received {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];

function basic(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function startServer(): Promise<void> {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		received.push({
			method: req.method ?? '',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
		});
		const send = (status: number, body: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		// strict: Basic auth first (401), then the API key as header AND query parameter (403)
		if (req.headers.authorization !== basic(USERNAME, PASSWORD))
			return send(401, { message: 'bad credentials' });
		if (req.headers['x-api-key'] !== API_KEY || url.searchParams.get('apikey') !== API_KEY) {
			return send(403, { message: 'bad key' });
		}
		if (url.pathname === '/au/whoami') return send(200, { user: USERNAME });
		if (url.pathname === '/broken/whoami') return send(500, { message: 'boom' });
		if (url.pathname === '/things') {
			const filter = url.searchParams.get('filter') ?? '';
			const things = [
				{ id: 't1', name: 'Alpha' },
				{ id: 't2', name: 'Beta' },
			].filter((thing) => thing.name.toLowerCase().includes(filter.toLowerCase()));
			return send(200, { things });
		}
		const item = /^\/items\/(.+)$/.exec(url.pathname);
		if (item) {
			if (item[1] === 'missing') return send(404, { message: 'No such item' });
			return send(200, { id: decodeURIComponent(item[1]), found: true });
		}
		return send(404, { message: 'unknown route' });
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			resolve();
		});
	});
}

const harness = new Harness({
	nodeTypes: { [FIXTURE_NODE_TYPE]: new Fixture() },
	credentialTypes: { fixtureApi: new FixtureApi() },
});

function credentials(overrides: Record<string, string> = {}) {
	return {
		fixtureApi: { baseUrl, username: USERNAME, password: PASSWORD, apiKey: API_KEY, ...overrides },
	};
}

beforeAll(startServer);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
	received.length = 0;
});

describe('createNodeTypes', () => {
	it('resolves node types by workflow name and version', () => {
		const types = createNodeTypes({ [FIXTURE_NODE_TYPE]: new Fixture() });
		expect(types.getByNameAndVersion(FIXTURE_NODE_TYPE, 1).description.name).toBe('fixture');
		expect(() => types.getByName('n8n-nodes-harness-fixture.nope')).toThrow(
			/has no node type "n8n-nodes-harness-fixture.nope"/,
		);
	});
});

describe('runNode', () => {
	it('resolves expressions per item, keeps pairedItem and sends the generic authenticate (Basic auth, header, query)', async () => {
		const { items, error } = await harness.runNode({
			nodeType: FIXTURE_NODE_TYPE,
			parameters: { operation: 'get', id: '={{ $json.id }}' },
			items: [{ json: { id: 'a 1' } }, { json: { id: 'b2' } }],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ id: 'a 1', found: true },
			{ id: 'b2', found: true },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(received).toHaveLength(2);
		for (const request of received) {
			expect(request.headers.authorization).toBe(basic(USERNAME, PASSWORD));
			expect(request.headers['x-api-key']).toBe(API_KEY);
			expect(request.query.get('apikey')).toBe(API_KEY);
		}
		expect(received.map((request) => request.path)).toEqual(['/items/a%201', '/items/b2']);
	});

	it('surfaces a NodeApiError from the node with its class and HTTP code', async () => {
		const { items, error } = await harness.runNode({
			nodeType: FIXTURE_NODE_TYPE,
			parameters: { operation: 'get', id: 'missing' },
			credentials: credentials(),
		});
		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
	});

	it('surfaces a thrown NodeOperationError as the run error, class, message and description kept', async () => {
		const { items, error } = await harness.runNode({
			nodeType: FIXTURE_NODE_TYPE,
			parameters: { operation: 'fail' },
			items: [{ json: { fail: false } }, { json: { fail: true } }],
			credentials: credentials(),
		});
		expect(items).toEqual([]);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('Item 1 asked to fail');
		expect(error?.description).toBe('Set "fail" to false on the item');
	});

	it('with continueOnFail returns an error item for just the failing item', async () => {
		const { items, error } = await harness.runNode({
			nodeType: FIXTURE_NODE_TYPE,
			parameters: { operation: 'fail' },
			items: [{ json: { fail: false } }, { json: { fail: true } }, { json: {} }],
			credentials: credentials(),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{ ok: true },
			{ error: 'Item 1 asked to fail' },
			{ ok: true },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('lets the node read binary input with getBinaryDataBuffer', async () => {
		const data = await harness.prepareBinaryData(
			Buffer.from('hello, binary'),
			'hello.txt',
			'text/plain',
		);
		const { items, error } = await harness.runNode({
			nodeType: FIXTURE_NODE_TYPE,
			parameters: { operation: 'readBinary' },
			items: [{ json: {}, binary: { data } }],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			text: 'hello, binary',
			fileName: 'hello.txt',
			mimeType: 'text/plain',
		});
		expect(items[0].binary?.copy.fileName).toBe('copy-of-hello.txt');
		expect(Buffer.from(items[0].binary?.copy.data ?? '', 'base64').toString()).toBe(
			'hello, binary',
		);
	});
});

describe('runWorkflow', () => {
	it('runs connected nodes and passes items along', async () => {
		const nodes: INode[] = [
			{
				id: '1',
				name: 'First',
				type: FIXTURE_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { operation: 'echo', name: '={{ $json.who }}' },
			},
			{
				id: '2',
				name: 'Second',
				type: FIXTURE_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'get', id: '={{ $json.name }}' },
			},
		];
		const connections: IConnections = {
			First: { main: [[{ node: 'Second', type: 'main', index: 0 }]] },
		};
		const run = await harness.runWorkflow({
			nodes,
			connections,
			startNode: 'First',
			items: [{ json: { who: 'w1' } }],
			credentials: credentials(),
		});
		expect(run.error).toBeUndefined();
		expect(run.output('First')[0].json).toEqual({ name: 'w1', index: 0 });
		expect(run.output('Second')[0].json).toEqual({ id: 'w1', found: true });
		expect(nodes[0].credentials).toBeUndefined(); // the caller's nodes are not modified
	});
});

describe('listSearch and loadOptions', () => {
	it('reaches a listSearch method of the node with credentials and the current parameters', async () => {
		const result = await harness.listSearch({
			nodeType: FIXTURE_NODE_TYPE,
			method: 'searchThings',
			filter: 'alp',
			credentials: credentials(),
			parameters: { operation: 'get' },
		});
		expect(result).toEqual({
			results: [{ name: 'Alpha (get)', value: 't1' }],
			paginationToken: 'page-2',
		});
		expect(received[0].headers.authorization).toBe(basic(USERNAME, PASSWORD));
		expect(received[0].query.get('apikey')).toBe(API_KEY);
		expect(received[0].query.get('filter')).toBe('alp');
	});

	it('reaches a loadOptions method', async () => {
		const options = await harness.loadOptions({
			nodeType: FIXTURE_NODE_TYPE,
			method: 'getThings',
			credentials: credentials(),
		});
		expect(options).toEqual([
			{ name: 'Alpha', value: 't1' },
			{ name: 'Beta', value: 't2' },
		]);
	});
});

describe('testCredential', () => {
	it('is OK on 200, with the region default applied and the auth sent', async () => {
		const data: Record<string, string> = {
			baseUrl,
			username: USERNAME,
			password: PASSWORD,
			apiKey: API_KEY,
		};
		expect(await harness.testCredential('fixtureApi', data)).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(received[0].path).toBe('/au/whoami');
		expect(received[0].headers['x-api-key']).toBe(API_KEY);
	});

	// n8n 2.8.4 never reaches `responseCode` rules for HTTP errors: n8n-core wraps the axios
	// error in a NodeApiError, whose `cause` n8n-workflow 2.8.0 leaves undefined (its class field
	// `cause` is redefined after super()), so CredentialsTester's `error.cause?.response` is
	// undefined and it answers with the NodeApiError's message. The harness runs the same code
	// on the same objects, hence the same answers — not the rules' messages.
	it('answers a 401 and a 403 with the messages n8n 2.8.4 shows (its responseCode rules go unused)', async () => {
		const wrongPassword = await harness.testCredential(
			'fixtureApi',
			credentials({ password: 'nope' }).fixtureApi,
		);
		expect(wrongPassword).toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
		expect(received[0].headers.authorization).toBe(basic(USERNAME, 'nope'));

		const wrongKey = await harness.testCredential(
			'fixtureApi',
			credentials({ apiKey: 'nope' }).fixtureApi,
		);
		expect(wrongKey).toEqual({
			status: 'Error',
			message: 'Forbidden - perhaps check your credentials?',
		});
		expect(wrongKey.message).not.toBe('The API key was refused');
	});

	it('returns a generic message for a 500 and for an unreachable server', async () => {
		const serverError = await harness.testCredential(
			'fixtureApi',
			credentials({ region: 'broken' }).fixtureApi,
		);
		expect(serverError).toEqual({
			status: 'Error',
			message: 'The service was not able to process your request',
		});

		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const unreachable = await harness.testCredential(
			'fixtureApi',
			credentials({ baseUrl: `http://127.0.0.1:${port}` }).fixtureApi,
		);
		expect(unreachable).toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});
