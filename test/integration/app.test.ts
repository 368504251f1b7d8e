import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const app = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'app',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const writes = () => bed.sandbox.log.filter((request) => request.method !== 'GET');

const certificateLines = [
	'-----BEGIN CERTIFICATE-----',
	'MIIGSjCCBTKgAwIBAgIICdjQ9d41eiYw',
	'DQYJKoZIhvcNAQELBQAwgZYx',
	'-----END CERTIFICATE-----',
];
const keyLines = [
	'-----BEGIN PRIVATE KEY-----',
	'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
	'-----END PRIVATE KEY-----',
];
const certificate = certificateLines.join('\n');
const privateKey = keyLines.join('\n');
const SECRETS = [
	'MIIGSjCCBTKgAwIBAgIICdjQ9d41eiYw',
	'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
	'gcm-secret-key',
	'client.secret',
];

function expectNoSecrets(value: unknown) {
	const text = JSON.stringify(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('App → Create', () => {
	it('sends PEM pasted over several lines as newlines in the JSON string, and never outputs it', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			app('create', {
				name: 'Field Alerts',
				bundleId: 'com.example.alerts',
				additionalFields: {
					deviceLimit: 5,
					registrationTypes: ['SELF', 'INVITE'],
					clientSecret: 'client.secret',
					workspaces: 'AAA1, BBB2',
				},
				pushCredentials: {
					// As pasted in the editor: Windows line ends and a trailing newline.
					apnsCertificate: `${certificateLines.join('\r\n')}\r\n`,
					apnsPrivateKey: privateKey,
					// As the Whispir doc writes it: a literal backslash-n.
					apnsSandboxCertificate: certificateLines.join('\\n'),
					gcmProjectId: 'my-project',
					gcmApiKey: 'gcm-secret-key',
				},
			}),
		);
		expect(error).toBeUndefined();
		const [post] = writes();
		expect(post).toMatchObject({
			method: 'POST',
			path: '/apps',
			contentType: 'application/vnd.whispir.app-v1+json',
			status: 201,
			body: {
				name: 'Field Alerts',
				bundleId: 'com.example.alerts',
				description: '',
				defaultWorkspaceEnabled: false,
				registrationTypes: ['SELF', 'INVITE'],
				options: { deviceLimit: 5, clientSecret: 'client.secret', workspaces: 'AAA1,BBB2' },
				apns: { certificate, privateKey },
				apnsSandbox: { certificate },
				gcm: { gcmProjectId: 'my-project', gcmApiKey: 'gcm-secret-key' },
			},
		});
		const [stored] = await bed.sandbox.state('apps');
		expect(stored._apns).toMatchObject({ certificate, privateKey });
		expect(items[0].json).toMatchObject({
			id: stored.id,
			name: 'Field Alerts',
			apns: { certificateDate: expect.any(String) },
		});
		expectNoSecrets(items);
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});

	it('refuses a bad name, a truncated certificate or a bad client secret before sending, without echoing secrets', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ name: 'Field-Alerts!' }, '"Name" in item 0 is not valid: "Field-Alerts!"'],
			[{ name: 'A'.repeat(33) }, `"Name" in item 0 is not valid: "${'A'.repeat(33)}"`],
			[
				{ pushCredentials: { apnsCertificate: certificateLines.slice(0, 3).join('\n') } },
				'"APNs Certificate" in item 0 is not valid',
			],
			[
				{ pushCredentials: { apnsPrivateKey: certificate } },
				'"APNs Private Key" in item 0 is not valid',
			],
			[
				{ additionalFields: { clientSecret: 'client-secret!' } },
				'"Client Secret" in item 0 is not valid',
			],
			[{ bundleId: '={{ $json.none }}' }, '"Bundle ID" is empty in item 0'],
			[
				{ additionalFields: { deviceLimit: '={{ "many" }}' } },
				'"Device Limit" in item 0 is not a whole number of at least 1: "many"',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await bed.run(
				WHISPIR,
				app('create', { name: 'Alerts', bundleId: 'com.example', ...parameters }),
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error?.message).toBe(message);
			expectNoSecrets([error?.message, error?.description]);
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('App → Get and Get Many', () => {
	it('reads apps without any key or secret Whispir returns', async () => {
		const [id] = bed.sandbox.seed('apps', [
			{
				name: 'Alerts',
				bundleId: 'com.example',
				options: { clientSecret: 'client.secret', deviceLimit: 3 },
				gcm: { gcmApiKey: 'gcm-secret-key' },
				_apns: { certificate, certificateDate: '2017-03-21T00:59:08.930Z' },
			},
			{ name: 'Other', bundleId: 'com.other' },
		]);
		const one = await bed.run(WHISPIR, app('get', { appId: byId(id) }));
		expect(bed.sandbox.log[0]).toMatchObject({
			method: 'GET',
			path: `/apps/${id}`,
			accept: 'application/vnd.whispir.app-v1+json',
		});
		expect(one.items[0].json).toMatchObject({
			id,
			name: 'Alerts',
			options: { deviceLimit: 3 },
			apns: { certificateDate: '2017-03-21T00:59:08.930Z' },
		});
		expectNoSecrets(one.items);

		const many = await bed.run(WHISPIR, app('getAll', { returnAll: true }));
		expect(many.items.map((item) => item.json.name)).toEqual(['Alerts', 'Other']);
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: '/apps' });

		const { results } = await bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchApps',
			filter: 'oth',
			credentials: bed.credentials,
		});
		expect(results).toEqual([{ name: 'Other', value: expect.any(String) }]);
	});
});

describe('App → Update', () => {
	it('changes the given settings, keeps the others and the certificates it did not replace', async () => {
		const [id] = bed.sandbox.seed('apps', [
			{
				name: 'Alerts',
				description: 'Field staff',
				bundleId: 'com.example',
				options: {
					apiKey: 'key-1',
					deviceLimit: 3,
					workspaces: 'AAA1',
					contactDescriptionField: 'jobTitle',
				},
				_apns: { certificate, privateKey, certificateDate: '2017-03-21T00:59:08.930Z' },
				registrationTypes: ['SELF'],
			},
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			app('update', {
				appId: byId(id),
				updateFields: { deviceLimit: 7 },
				pushCredentials: { apnsSandboxCertificate: certificate },
			}),
		);
		expect(error).toBeUndefined();
		const put = writes()[0];
		expect(put).toMatchObject({ method: 'PUT', path: `/apps/${id}`, status: 204 });
		expect(put.body).toMatchObject({
			name: 'Alerts',
			description: 'Field staff',
			options: {
				apiKey: 'key-1',
				deviceLimit: 7,
				workspaces: 'AAA1',
				contactDescriptionField: 'jobTitle',
			},
			apnsSandbox: { certificate },
		});
		// The production certificate is not re-sent: Whispir never returned it.
		expect(put.body).toMatchObject({ apns: { certificateDate: '2017-03-21T00:59:08.930Z' } });
		expect((put.body as { apns: object }).apns).not.toHaveProperty('certificate');

		const [stored] = await bed.sandbox.state('apps');
		expect(stored).toMatchObject({
			description: 'Field staff',
			options: { apiKey: 'key-1', deviceLimit: 7, contactDescriptionField: 'jobTitle' },
			_apns: { certificate, privateKey },
			_apnsSandbox: { certificate },
		});
		expectNoSecrets(items);
	});
});

describe('App → Update: nothing to change', () => {
	it('refuses an update without fields before any request', async () => {
		const [id] = bed.sandbox.seed('apps', [{ name: 'Alerts', bundleId: 'com.example' }]);
		const { error } = await bed.run(WHISPIR, app('update', { appId: byId(id) }));
		expect(error?.message).toBe('Nothing to update in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('App → Delete', () => {
	it('deletes the app', async () => {
		const [id] = bed.sandbox.seed('apps', [{ name: 'Old', bundleId: 'com.old' }]);
		const { items } = await bed.run(WHISPIR, app('delete', { appId: byId(id) }));
		expect(writes()).toEqual([
			expect.objectContaining({ method: 'DELETE', path: `/apps/${id}`, status: 204 }),
		]);
		expect(items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('apps')).toHaveLength(0);
	});
});
