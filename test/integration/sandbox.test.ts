import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';

const JSON_WS = 'application/vnd.whispir.workspace-v1+json';
const XML_WS = 'application/vnd.whispir.workspace-v1+xml';
const JSON_ACT = 'application/vnd.whispir.activity-v1+json';
const JSON_CL = 'application/vnd.whispir.customlist-v1+json';

const xml = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '',
	parseTagValue: false,
});

let sb: Sandbox;

interface Call {
	method?: string;
	accept?: string;
	contentType?: string;
	body?: string | object;
	/** undefined = the valid key; null = leave it out. */
	headerKey?: string | null;
	queryKey?: string | null;
	password?: string | null;
	query?: Record<string, string>;
}

/** A request the way our node sends it: Basic auth plus the key in the header and the query. */
/** The summary of the sandbox's error, answered as Whispir's ApiError in application/json. */
async function errorSummary(res: Response): Promise<string> {
	expect(res.headers.get('content-type')).toBe('application/json');
	const body = (await res.json()) as Record<string, string>;
	expect(Object.keys(body).sort()).toEqual(['errorDetail', 'errorSummary', 'errorText']);
	return body.errorSummary;
}

function api(path: string, c: Call = {}): Promise<Response> {
	const { username, password, apiKey } = sb.credentials;
	const u = new URL(path.startsWith('http') ? path : sb.url + path);
	const queryKey = c.queryKey === undefined ? apiKey : c.queryKey;
	if (queryKey !== null && !u.searchParams.has('apikey')) u.searchParams.set('apikey', queryKey);
	for (const [k, v] of Object.entries(c.query ?? {})) u.searchParams.set(k, v);
	const headers: Record<string, string> = {};
	const headerKey = c.headerKey === undefined ? apiKey : c.headerKey;
	if (headerKey !== null) headers['x-api-key'] = headerKey;
	const pw = c.password === undefined ? password : c.password;
	if (pw !== null)
		headers.authorization = `Basic ${Buffer.from(`${username}:${pw}`).toString('base64')}`;
	if (c.accept) headers.accept = c.accept;
	if (c.contentType) headers['content-type'] = c.contentType;
	const body =
		c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
	return fetch(u, { method: c.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
}

async function getJson(path: string, accept = JSON_WS, query?: Record<string, string>) {
	const res = await api(path, { accept, query });
	expect(res.status).toBe(200);
	return (await res.json()) as Record<string, any>;
}

function createWorkspace(name: string, path = '/workspaces') {
	return api(path, { contentType: JSON_WS, body: { projectName: name, status: 'A' } });
}

const idOf = (location: string | null) => new URL(location ?? '').pathname.split('/').pop()!;

function control(path: string, method = 'GET', body?: unknown) {
	return fetch(`${sb.url}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function stored(resource: string): Promise<Array<Record<string, any>>> {
	return (await (await control(`/state/${resource}`)).json()) as Array<Record<string, any>>;
}

beforeAll(async () => {
	sb = await startSandbox();
});

afterAll(async () => {
	await sb.close();
});

beforeEach(() => {
	sb.reset();
});

describe('media types', () => {
	it('answers XML without Accept, with */* and with +xml', async () => {
		for (const accept of [undefined, '*/*', XML_WS]) {
			const res = await api('/workspaces', { accept });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe(XML_WS);
			const doc = xml.parse(await res.text());
			expect(doc['ns2:return']['xmlns:ns2']).toBe('http://schemas.api.whispir.com/dap');
			expect(doc['ns2:return'].status).toBe('1 to 1 of 1');
			const ws = doc['ns2:return']['ns2:workspaces']['ns2:workspace'];
			expect(ws.projectName).toBe('My Company');
			expect(ws.id).toMatch(/^[0-9A-F]{16}$/);
			expect(ws['ns2:link'].rel).toBe('self');
		}
	});

	it('answers JSON with +json', async () => {
		const res = await api('/workspaces', { accept: JSON_WS });
		expect(res.headers.get('content-type')).toBe(JSON_WS);
		const body = (await res.json()) as Record<string, any>;
		expect(body.status).toBe('1 to 1 of 1');
		expect(body.workspaces[0]).toMatchObject({ projectName: 'My Company', status: 'A' });
		expect(body.link).toEqual([]);
	});

	it('answers 415 to a wrong Accept', async () => {
		expect((await api('/workspaces', { accept: 'application/json' })).status).toBe(415);
		expect((await api('/workspaces', { accept: JSON_ACT })).status).toBe(415);
	});

	it('answers 415 to a wrong or missing Content-Type', async () => {
		const body = { projectName: 'x', status: 'A' };
		expect((await api('/workspaces', { contentType: 'application/json', body })).status).toBe(415);
		expect((await api('/workspaces', { contentType: JSON_ACT, body })).status).toBe(415);
		expect((await api('/workspaces', { body })).status).toBe(415);
	});

	it('reads XML bodies and rejects bodies that do not parse', async () => {
		const xmlBody =
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ns3:workspace xmlns:ns3="http://schemas.api.whispir.com">' +
			'<projectName>A &amp; B</projectName><projectNumber>2001</projectNumber><status>A</status></ns3:workspace>';
		const created = await api('/workspaces', { contentType: XML_WS, body: xmlBody });
		expect(created.status).toBe(201);
		const one = await getJson(`/workspaces/${idOf(created.headers.get('location'))}`);
		expect(one).toMatchObject({ projectName: 'A & B', projectNumber: '2001' });

		const badXml = await api('/workspaces', {
			contentType: XML_WS,
			body: '<workspace><projectName>x</workspace>',
		});
		expect(badXml.status).toBe(400);
		expect(await errorSummary(badXml)).toMatch(/could not be parsed/);
		const badJson = await api('/workspaces', { contentType: JSON_WS, body: '{"projectName":' });
		expect(badJson.status).toBe(400);
		expect(await errorSummary(badJson)).toMatch(/could not be parsed/);
	});

	it('answers the company root in XML and JSON', async () => {
		const res = await api('/');
		expect(res.status).toBe(200);
		const doc = xml.parse(await res.text());
		const links = doc['ns2:company']['ns3:link'] as Array<{ rel: string }>;
		expect(links.map((l) => l.rel)).toContain('retrieveWorkspaces');
		const json = await getJson('/', 'application/vnd.whispir.company-v1+json');
		expect(json.link).toContainEqual({
			uri: `${sb.url}/workspaces?apikey=${sb.credentials.apiKey}`,
			rel: 'retrieveWorkspaces',
			method: 'GET',
		});
	});
});

describe('authentication', () => {
	it('answers 403 Developer Inactive to a wrong key, or a key in only one place', async () => {
		const cases: Call[] = [
			{ headerKey: 'wrong', queryKey: 'wrong' },
			{ headerKey: 'wrong' },
			{ queryKey: 'wrong' },
			{ queryKey: null },
			{ headerKey: null },
		];
		for (const c of cases) {
			const res = await api('/workspaces', c);
			expect(res.status).toBe(403);
			expect(res.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await res.text()).toBe('<h1>Developer Inactive</h1>');
		}
	});

	it('answers 401 to a wrong or missing password', async () => {
		for (const password of ['wrong', null]) {
			const res = await api('/workspaces', { password });
			expect(res.status).toBe(401);
			expect(res.headers.get('www-authenticate')).toBe('Basic realm="Whispir"');
		}
	});

	it('checks the key before the password', async () => {
		expect((await api('/workspaces', { headerKey: 'wrong', password: 'wrong' })).status).toBe(403);
	});
});

describe('workspaces', () => {
	it('creates with 201 and a Location carrying the key, then reads it back', async () => {
		const res = await createWorkspace('Ops');
		expect(res.status).toBe(201);
		expect(await res.text()).toBe('');
		const location = res.headers.get('location')!;
		expect(location).toMatch(
			new RegExp(`^${sb.url}/workspaces/[0-9A-F]{16}\\?apikey=sandbox-api-key$`),
		);
		const id = idOf(location);

		const one = await getJson(`/workspaces/${id}`);
		expect(one).toEqual({
			id,
			projectName: 'Ops',
			projectNumber: '',
			status: 'A',
			billingcostcentre: '',
			link: [
				{
					uri: `${sb.url}/workspaces/${id}?apikey=${sb.credentials.apiKey}`,
					rel: 'self',
					method: 'GET',
				},
			],
		});
		const asXml = xml.parse(await (await api(`/workspaces/${id}`)).text());
		expect(asXml['ns2:workspace']['xmlns:ns2']).toBe('http://schemas.api.whispir.com');
		expect(asXml['ns2:workspace'].projectName).toBe('Ops');
	});

	it('answers 422 naming the missing or invalid field', async () => {
		const missing = await api('/workspaces', { contentType: JSON_WS, body: { status: 'A' } });
		expect(missing.status).toBe(422);
		expect(await errorSummary(missing)).toBe('projectName is required');
		const both = await api('/workspaces', { contentType: JSON_WS, body: { projectNumber: '1' } });
		expect(await errorSummary(both)).toBe('projectName is required; status is required');
		const bad = await api('/workspaces', {
			contentType: JSON_WS,
			body: { projectName: 'x', status: 'Z' },
		});
		expect(bad.status).toBe(422);
		expect(await errorSummary(bad)).toMatch(/^status must be one of/);
	});

	it('answers 404 for unknown ids, paths and workspaces, 405 for update and delete', async () => {
		expect((await api('/workspaces/0000000000000000', { accept: JSON_WS })).status).toBe(404);
		expect((await api('/nothing-here')).status).toBe(404);
		expect(
			(await api('/workspaces/0000000000000000/activities', { accept: JSON_ACT })).status,
		).toBe(404);
		const id = sb.seed('workspaces', [{ projectName: 'x' }])[0];
		const put = await api(`/workspaces/${id}`, {
			method: 'PUT',
			contentType: JSON_WS,
			body: { projectName: 'y' },
		});
		expect(put.status).toBe(405);
		expect(put.headers.get('allow')).toBe('GET');
		expect((await api(`/workspaces/${id}`, { method: 'DELETE' })).status).toBe(405);
	});
});

describe('pagination', () => {
	beforeEach(() => {
		sb.seed(
			'workspaces',
			Array.from({ length: 45 }, (_, i) => ({ projectName: `Workspace ${i + 1}` })),
		);
	});

	it('pages by 20 with status text and next/prev links', async () => {
		const seen = new Set<string>();
		const statuses: string[] = [];
		let next: string | undefined = '/workspaces';
		for (let page = 0; next && page < 10; page++) {
			const body = await getJson(next);
			statuses.push(body.status);
			for (const w of body.workspaces) {
				seen.add(w.id);
				expect(w.link[0]).toEqual({
					uri: `${sb.url}/workspaces/${w.id}?apikey=${sb.credentials.apiKey}`,
					rel: 'self',
					method: 'GET',
				});
			}
			const links = body.link as Array<{ rel: string; uri: string }>;
			if (page === 0) {
				expect(links).toEqual([
					{
						uri: `${sb.url}/workspaces?offset=20&limit=20&apikey=${sb.credentials.apiKey}`,
						rel: 'next',
						method: 'GET',
					},
				]);
			} else {
				const prev = `${sb.url}/workspaces?offset=${(page - 1) * 20}&limit=20&apikey=${sb.credentials.apiKey}`;
				expect(links.find((l) => l.rel === 'prev')?.uri).toBe(prev);
			}
			next = links.find((l) => l.rel === 'next')?.uri;
		}
		expect(statuses).toEqual(['1 to 20 of 46', '21 to 40 of 46', '41 to 46 of 46']);
		expect(seen.size).toBe(46);
	});

	it('clamps limit to 20 and honours smaller ones', async () => {
		expect((await getJson('/workspaces', JSON_WS, { limit: '50' })).workspaces).toHaveLength(20);
		const small = await getJson('/workspaces', JSON_WS, { limit: '5', offset: '5' });
		expect(small.status).toBe('6 to 10 of 46');
		expect(small.link.map((l: { uri: string }) => l.uri)).toEqual([
			`${sb.url}/workspaces?offset=10&limit=5&apikey=${sb.credentials.apiKey}`,
			`${sb.url}/workspaces?offset=0&limit=5&apikey=${sb.credentials.apiKey}`,
		]);
	});

	it('has relative and single link styles', async () => {
		sb.configure({ linkStyle: 'relative' });
		const rel = await getJson('/workspaces');
		expect(rel.link).toEqual([
			{
				uri: `/workspaces?offset=20&limit=20&apikey=${sb.credentials.apiKey}`,
				rel: 'next',
				method: 'GET',
			},
		]);

		sb.configure({ linkStyle: 'single' });
		const first = await getJson('/workspaces');
		expect(first.link).toEqual({
			uri: `${sb.url}/workspaces?offset=20&limit=20&apikey=${sb.credentials.apiKey}`,
			rel: 'next',
			method: 'GET',
		});
		const last = await getJson('/workspaces', JSON_WS, { offset: '40' });
		expect(last.link).toMatchObject({
			rel: 'prev',
			uri: `${sb.url}/workspaces?offset=20&limit=20&apikey=${sb.credentials.apiKey}`,
		});
	});

	it('gives company resources their self links in the configured style too', async () => {
		const [app] = sb.seed('apps', [{ name: 'Alerts', bundleId: 'com.example' }]);
		sb.configure({ linkStyle: 'relative' });
		const one = await getJson(`/apps/${app}`, 'application/vnd.whispir.app-v1+json');
		expect(one.link).toEqual([
			{ uri: `/apps/${app}?apikey=${sb.credentials.apiKey}`, rel: 'self', method: 'GET' },
		]);
	});

	it("has link style 'none' (Whispir's workspaces example): no status, no page links, empty pages unchanged", async () => {
		sb.configure({ linkStyle: 'none' });
		const page = await getJson('/workspaces');
		expect(Object.keys(page)).toEqual(['workspaces']);
		expect(page.workspaces).toHaveLength(20);
		expect(page.workspaces[0].link[0].uri).toContain(`apikey=${sb.credentials.apiKey}`);
		const doc = xml.parse(await (await api('/workspaces')).text());
		expect(doc['ns2:return']).not.toHaveProperty('status');
		expect(doc['ns2:return']).not.toHaveProperty('ns2:link');
		expect(await getJson('/workspaces', JSON_WS, { offset: '100' })).toEqual({
			status: 'No records found',
		});
		expect((await api('/activities', { accept: JSON_ACT })).status).toBe(404);
	});

	it('puts the next link in XML lists', async () => {
		const doc = xml.parse(await (await api('/workspaces')).text());
		expect(doc['ns2:return']['ns2:link']).toMatchObject({ rel: 'next', method: 'GET' });
		expect(doc['ns2:return']['ns2:workspaces']['ns2:workspace']).toHaveLength(20);
	});

	it('answers "No records found" past the end', async () => {
		expect(await getJson('/workspaces', JSON_WS, { offset: '100' })).toEqual({
			status: 'No records found',
		});
		const doc = xml.parse(await (await api('/workspaces', { query: { offset: '100' } })).text());
		expect(doc['ns2:return'].status).toBe('No records found');
		expect(doc['ns2:return']['ns2:workspaces']).toBeUndefined();
	});
});

describe('list keys', () => {
	const JSON_USER = 'application/vnd.whispir.user-v1+json';

	it("lists company users under `Users` and a workspace's users under `users`, in JSON and XML", async () => {
		const [workspace] = sb.seed('workspaces', [{ projectName: 'Ops' }]);
		sb.seed('users', [
			{ userName: 'a', firstName: 'Ann', status: 'ACTIVE', _workspaces: [workspace] },
		]);
		const company = await getJson('/users', JSON_USER);
		expect(company.Users).toEqual([expect.objectContaining({ firstName: 'Ann' })]);
		expect(company).not.toHaveProperty('users');
		const members = await getJson(`/workspaces/${workspace}/users`, JSON_USER);
		expect(members.users).toEqual([expect.objectContaining({ firstName: 'Ann' })]);
		expect(members).not.toHaveProperty('Users');

		const res = await api(`/workspaces/${workspace}/users`, {
			accept: 'application/vnd.whispir.user-v1+xml',
		});
		const doc = xml.parse(await res.text());
		expect(doc['ns2:return']['ns2:users']['ns2:user']).toMatchObject({ firstName: 'Ann' });
	});
});

describe('activities and custom lists', () => {
	it('answer 404 "No records found" when empty', async () => {
		for (const [path, accept] of [
			['/activities', JSON_ACT],
			['/customlists', JSON_CL],
		]) {
			const res = await api(path, { accept });
			expect(res.status).toBe(404);
			expect(await errorSummary(res)).toBe('No records found');
		}
	});

	it('creates activities at company level and in a workspace', async () => {
		const wid = idOf((await createWorkspace('Ops')).headers.get('location'));
		const body = { module: 'Message', action: 'Send', status: 'Successful', description: 'sent' };
		expect((await api('/activities', { contentType: JSON_ACT, body })).status).toBe(201);
		const nested = await api(`/workspaces/${wid}/activities`, {
			contentType: JSON_ACT,
			body: { ...body, action: 'create' },
		});
		expect(nested.headers.get('location')).toMatch(
			new RegExp(`^${sb.url}/workspaces/${wid}/activities/[0-9A-F]{16}\\?apikey=`),
		);

		// /activities covers every workspace, newest first; list items carry no id.
		const all = await getJson('/activities', JSON_ACT);
		expect(all.activities.map((a: { workspaceName: string }) => a.workspaceName)).toEqual([
			'Ops',
			'My Company',
		]);
		expect(all.activities[0]).not.toHaveProperty('id');
		expect(all.activities[0]).toMatchObject({ action: 'Create', user: 'sandbox.user' });
		expect((await getJson(`/workspaces/${wid}/activities`, JSON_ACT)).activities).toHaveLength(1);
		expect((await getJson('/activities', JSON_ACT, { action: 'send' })).activities).toHaveLength(1);
		expect((await api('/activities', { accept: JSON_ACT, query: { module: 'User' } })).status).toBe(
			404,
		);

		const missing = await api('/activities', {
			contentType: JSON_ACT,
			body: { module: 'Message', action: 'Send' },
		});
		expect(missing.status).toBe(422);
		expect(await errorSummary(missing)).toBe('status is required; description is required');
	});

	it('lists custom lists under customlabels and is read-only', async () => {
		const [id] = sb.seed('customlists', [
			{
				name: 'Category',
				type: 'INCIDENT',
				customlabellists: [{ name: 'Internal', value: 'internal' }],
			},
			{ name: 'Day of Week' },
		]);
		const list = await getJson('/customlists', JSON_CL);
		expect(list.status).toBe('1 to 2 of 2');
		expect(list.customlabels[0]).toMatchObject({
			id,
			name: 'Category',
			type: 'INCIDENT',
			linked: 'disabled',
		});
		expect(list.customlabels[0]).not.toHaveProperty('customlabellists');
		const one = await getJson(`/customlists/${id}`, JSON_CL);
		expect(one.customlabellists).toEqual([{ name: 'Internal', value: 'internal' }]);
		const oneXml = xml.parse(await (await api(`/customlists/${id}`)).text());
		expect(oneXml['ns2:customlabel'].customlabellists.customlabellist).toEqual({
			name: 'Internal',
			value: 'internal',
		});
		expect((await getJson('/customlists', JSON_CL, { type: 'message' })).customlabels).toHaveLength(
			1,
		);
		expect((await api('/customlists', { contentType: JSON_CL, body: { name: 'x' } })).status).toBe(
			405,
		);
	});
});

describe('callbacks', () => {
	const JSON_CB = 'application/vnd.whispir.api-callback-v1+json';
	// The probe of a new callback URL wants a 200 to a GET: the control API's log answers one.
	const reachable = () => `${sb.url}/__sandbox/log`;
	const callback = (fields: Record<string, unknown> = {}) => ({
		name: 'Helpdesk',
		url: reachable(),
		auth: { type: 'httpheader', key: 'k' },
		callbacks: { reply: 'enabled' },
		...fields,
	});
	const put = (id: string, body: object) =>
		api(`/callbacks/${id}`, { method: 'PUT', contentType: JSON_CB, body });

	it('keeps names unique (case ignored) but lets a PUT keep its own name', async () => {
		const created = await api('/callbacks', { contentType: JSON_CB, body: callback() });
		expect(created.status).toBe(201);
		const id = idOf(created.headers.get('location'));
		const twin = await api('/callbacks', {
			contentType: JSON_CB,
			body: callback({ name: 'HELPDESK' }),
		});
		expect(twin.status).toBe(400);
		expect(await errorSummary(twin)).toMatch(/already exists/);
		expect((await put(id, callback({ email: 'ops@example.com' }))).status).toBe(204);
		expect((await stored('callbacks')).map((r) => [r.name, r.email])).toEqual([
			['Helpdesk', 'ops@example.com'],
		]);
	});

	it('probes a new URL on PUT, refusing one that does not answer, and answers 404 for an unknown id', async () => {
		const id = idOf(
			(await api('/callbacks', { contentType: JSON_CB, body: callback() })).headers.get('location'),
		);
		const unreachable = await put(id, callback({ url: 'http://127.0.0.1:1/hook' }));
		expect(unreachable.status).toBe(400);
		expect(await errorSummary(unreachable)).toMatch(/could not be reached/);
		expect((await stored('callbacks'))[0].url).toBe(reachable());
		const moved = `${reachable()}?moved=1`;
		expect((await put(id, callback({ url: moved }))).status).toBe(204);
		expect((await stored('callbacks'))[0].url).toBe(moved);
		expect((await put('0000000000000000', callback({ url: 'not a url' }))).status).toBe(404);
	});
});

describe('rate limits', () => {
	it('answers 403 QPS over the per-second limit and frees up after a second', async () => {
		sb.configure({ rateLimit: { perSecond: 3 } });
		const burst = await Promise.all(
			Array.from({ length: 5 }, () => api('/workspaces', { accept: JSON_WS })),
		);
		expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 403, 403]);
		const refused = burst.find((r) => r.status === 403)!;
		expect(refused.headers.get('x-error-code')).toBe('ERR_403_DEVELOPER_OVER_QPS');
		expect(refused.headers.get('x-error-detail')).toBe('Account Over Queries Per Second Limit');
		expect(sb.log.filter((e) => e.errorCode === 'ERR_403_DEVELOPER_OVER_QPS')).toHaveLength(2);

		// Rate limits come before Basic auth, as at Whispir's gateway.
		expect((await api('/workspaces', { password: 'wrong' })).status).toBe(403);
		await new Promise((r) => setTimeout(r, 1050));
		expect((await api('/workspaces', { accept: JSON_WS })).status).toBe(200);
	});

	it("changes the key's per-second limit mid-run, keeping what the window counted", async () => {
		sb.configure({ rateLimit: { perSecond: 3 } });
		for (let request = 0; request < 3; request++)
			expect((await api('/workspaces', { accept: JSON_WS })).status).toBe(200);
		// Three in the window already: a limit of 2 refuses at once (configure would have started a fresh window).
		sb.changeKeyLimit(2);
		expect((await api('/workspaces', { accept: JSON_WS })).status).toBe(403);
		sb.changeKeyLimit(5);
		expect((await api('/workspaces', { accept: JSON_WS })).status).toBe(200);
		expect(sb.log.map((e) => e.status)).toEqual([200, 200, 200, 403, 200]);
	});

	it('answers 403 QPD over the daily quota', async () => {
		sb.configure({ rateLimit: { perDay: 2 } });
		expect((await api('/workspaces')).status).toBe(200);
		expect((await api('/workspaces')).status).toBe(200);
		const res = await api('/workspaces');
		expect(res.status).toBe(403);
		expect(res.headers.get('x-error-code')).toBe('ERR_403_DEVELOPER_OVER_QPD');
		expect(res.headers.get('x-error-detail')).toBe('Account Over Queries Per Day Limit');
		sb.configure({ rateLimit: null });
		expect((await api('/workspaces')).status).toBe(200);
		sb.configure({ rateLimit: { perDay: 0 } });
		expect((await api('/workspaces')).headers.get('x-error-code')).toBe(
			'ERR_403_DEVELOPER_OVER_QPD',
		);
	});
});

describe('faults', () => {
	it('answers an injected status once, with its headers, and logs it', async () => {
		sb.injectFault({
			type: 'status',
			status: 429,
			headers: { 'Retry-After': '1' },
			path: '/workspaces',
		});
		const res = await api('/workspaces');
		expect(res.status).toBe(429);
		expect(res.headers.get('retry-after')).toBe('1');
		expect((await api('/workspaces')).status).toBe(200);
		expect(sb.log.map((e) => [e.status, e.fault])).toEqual([
			[429, 'status'],
			[200, undefined],
		]);
	});

	it('matches method and path, applies `times`, and only after auth', async () => {
		sb.injectFault({ type: 'status', status: 503, method: 'POST', path: '/workspaces', times: 2 });
		expect((await api('/workspaces')).status).toBe(200);
		expect((await api('/workspaces', { method: 'POST', headerKey: 'wrong' })).status).toBe(403);
		expect((await createWorkspace('a')).status).toBe(503);
		expect((await createWorkspace('b')).status).toBe(503);
		expect((await createWorkspace('c')).status).toBe(201);
	});

	it('delays', async () => {
		sb.injectFault({ type: 'delay', delayMs: 300 });
		const t0 = Date.now();
		expect((await api('/workspaces')).status).toBe(200);
		expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
	});

	it('resets the connection before and after reading the body, without processing', async () => {
		for (const type of ['reset-before-body', 'reset-after-body'] as const) {
			sb.injectFault({ type });
			await expect(createWorkspace(type)).rejects.toThrow();
		}
		expect(await stored('workspaces')).toHaveLength(1);
		expect(sb.log.map((e) => [e.status, e.fault])).toEqual([
			[0, 'reset-before-body'],
			[0, 'reset-after-body'],
		]);
		expect(sb.log[1].body).toEqual({ projectName: 'reset-after-body', status: 'A' });
	});

	it('resets after processing: the client sees an error but the record exists', async () => {
		sb.injectFault({ type: 'reset-after-processing', method: 'POST' });
		await expect(createWorkspace('Created anyway')).rejects.toThrow();
		expect((await stored('workspaces')).map((r) => r.projectName)).toEqual([
			'My Company',
			'Created anyway',
		]);
		expect((await sb.state('workspaces')).map((r) => r.projectName)).toEqual([
			'My Company',
			'Created anyway',
		]);
		expect(sb.log.map((e) => [e.status, e.fault])).toEqual([[0, 'reset-after-processing']]);
	});

	it('answers an HTML 200 and malformed JSON', async () => {
		sb.injectFault({ type: 'html-200' });
		const html = await api('/workspaces', { accept: JSON_WS });
		expect(html.status).toBe(200);
		expect(html.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await html.text()).toBe('<html><body>Service Unavailable</body></html>');

		sb.injectFault({ type: 'malformed-json' });
		const bad = await api('/workspaces', { accept: JSON_WS });
		expect(bad.status).toBe(200);
		expect(bad.headers.get('content-type')).toBe(JSON_WS);
		await expect(bad.json()).rejects.toThrow();
	});

	it('applies the configured latency', async () => {
		sb.configure({ latencyMs: 120 });
		const t0 = Date.now();
		await api('/workspaces');
		expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
	});
});

describe('control API', () => {
	it('mirrors reset, configure, seed, faults, log and state over HTTP', async () => {
		const seeded = await control('/seed', 'POST', {
			resource: 'workspaces',
			records: [{ projectName: 'Seeded' }],
		});
		const { ids } = (await seeded.json()) as { ids: string[] };
		expect(ids).toHaveLength(1);
		expect((await stored('workspaces')).map((r) => r.id)).toContain(ids[0]);

		expect((await control('/configure', 'POST', { linkStyle: 'relative' })).status).toBe(200);
		expect((await getJson(`/workspaces/${ids[0]}`)).link[0].uri).toBe(
			`/workspaces/${ids[0]}?apikey=${sb.credentials.apiKey}`,
		);

		expect((await control('/faults', 'POST', { type: 'status', status: 502 })).status).toBe(200);
		expect((await api('/workspaces')).status).toBe(502);

		const log = (await (await control('/log')).json()) as {
			requests: Array<{ status: number; fault?: string }>;
		};
		expect(log.requests.map((r) => r.status)).toEqual([200, 502]);
		expect(log.requests[1].fault).toBe('status');
		expect((await control('/log', 'DELETE')).status).toBe(200);
		expect(sb.log).toHaveLength(0);

		const [cl] = sb.seed('customlists', [{ name: 'Nested' }], ids[0]);
		const nested = (await (
			await control(`/state/customlists?workspaceId=${ids[0]}`)
		).json()) as Array<{ id: string }>;
		expect(nested.map((r) => r.id)).toEqual([cl]);

		expect((await control('/reset', 'POST')).status).toBe(200);
		expect(await stored('workspaces')).toHaveLength(1);
		expect((await control('/faults', 'POST', { type: 'nonsense' })).status).toBe(400);
		expect((await control('/seed', 'POST', { resource: 'nope', records: [] })).status).toBe(400);
		expect((await control('/configure', 'POST', { linkStyle: 'sideways' })).status).toBe(400);
		expect((await control('/nope')).status).toBe(404);
	});
});

describe('log and robustness', () => {
	it('never logs the password or the API key', async () => {
		await api('/workspaces', { query: { limit: '5' } });
		await api('/workspaces', { password: 'wrong' });
		await api('/workspaces', { headerKey: 'wrong' });
		await createWorkspace('Logged');
		const { username, password, apiKey } = sb.credentials;
		const basic = Buffer.from(`${username}:${password}`).toString('base64');
		const dumps = [JSON.stringify(sb.log), await (await control('/log')).text()];
		for (const dump of dumps) {
			for (const secret of [password, apiKey, basic]) expect(dump).not.toContain(secret);
		}
		expect(sb.log[0].query).toEqual({ limit: '5' });
		expect(sb.log[3].body).toEqual({ projectName: 'Logged', status: 'A' });
	});

	it('survives hostile input', async () => {
		const odd: Array<[string, Call, number]> = [
			['/%E0%A4%A', {}, 404],
			['/workspaces/%00', { accept: JSON_WS }, 404],
			[
				'/workspaces',
				{ accept: JSON_WS, query: { limit: '-1', offset: 'abc', ['__proto__']: 'x' } },
				200,
			],
			['/workspaces', { contentType: JSON_WS, body: '[1,2]' }, 400],
			['/workspaces', { contentType: JSON_WS, body: '' }, 400],
			['/workspaces', { contentType: JSON_WS, body: '{"projectName":{"a":1},"status":"A"}' }, 422],
			['/workspaces', { contentType: XML_WS, body: '<a>text</a>' }, 422],
			['/workspaces', { method: 'PATCH', contentType: JSON_WS, body: '{}' }, 405],
			['/workspaces/x/y/z/w', {}, 404],
			['/activities/ABC', { method: 'POST', contentType: JSON_ACT, body: '{}' }, 404],
		];
		for (const [path, c, status] of odd) {
			expect((await api(path, c)).status, `${c.method ?? ''} ${path}`).toBe(status);
		}
		sb.seed('workspaces', [{ projectName: 'second' }]);
		const page = await getJson('/workspaces', JSON_WS, { ['__proto__']: 'x', limit: '1' });
		expect(page.link[0].uri).toContain('__proto__=x');
		expect((await api('/workspaces')).status).toBe(200);
	});
});
