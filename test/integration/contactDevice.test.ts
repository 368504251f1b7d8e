import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;
let contactId: string;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => {
	bed.sandbox.reset();
	[contactId] = bed.sandbox.seed('contacts', [
		{
			firstName: 'Jane',
			lastName: 'Citizen',
			workEmailAddress1: 'jane@example.com',
			workMobilePhone1: '61423456789',
			workCountry: 'Australia',
			timezone: '+10',
		},
	]);
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const device = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'contactDevice',
	operation,
	contactId: byId(contactId),
	...parameters,
});
const IPHONE = {
	deviceName: "Jane's iPhone",
	appId: 'B1A24A8BF2DBB10E',
	platform: 'APNS',
	pushToken: '15a01046 16f6f4f9',
	deviceOS: 'IOS',
	deviceModel: 'iPhone 15',
	appVersion: '2.4.1',
	status: 'ACTIVE',
};
const devicePath = (id = '') => `/contacts/${contactId}/devices${id ? `/${id}` : ''}`;

describe('Contact Device → Create', () => {
	it('registers the device under the contact and returns it with its id', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			device('create', {
				deviceName: IPHONE.deviceName,
				appId: byId(IPHONE.appId),
				platform: 'APNS',
				pushToken: IPHONE.pushToken,
				additionalFields: { deviceOS: 'IOS', deviceModel: 'iPhone 15', appVersion: '2.4.1' },
			}),
		);
		expect(error).toBeUndefined();
		const post = bed.sandbox.log.find((request) => request.method === 'POST');
		expect(post).toMatchObject({
			path: devicePath(),
			contentType: 'application/vnd.whispir.contactdevice-v1+json',
			body: IPHONE,
			status: 201,
		});
		const [stored] = await bed.sandbox.state('devices', undefined, contactId);
		expect(items[0].json).toMatchObject({
			id: stored.id,
			contactId,
			...IPHONE,
			registrationDate: expect.any(String),
		});
	});

	it('refuses an empty push token before sending, and Continue On Fail keeps the other items', async () => {
		const { items } = await bed.run(
			WHISPIR,
			device('create', {
				deviceName: '={{ $json.name }}',
				appId: byId('APP1'),
				platform: 'GCM',
				pushToken: '={{ $json.token }}',
			}),
			{
				items: [{ json: { name: 'A', token: 't1' } }, { json: { name: 'B', token: '' } }],
				continueOnFail: true,
			},
		);
		expect(items[0].json).toMatchObject({ deviceName: 'A', platform: 'GCM' });
		expect(items[1].json.error).toBe('"Push Token" is empty in item 1');
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(1);
	});
});

describe('Contact Device → Get and Get Many', () => {
	it("reads one device, and lists the contact's devices from the contact record", async () => {
		const [first, second] = bed.sandbox.seed(
			'devices',
			[IPHONE, { ...IPHONE, deviceName: 'iPad', status: 'DISABLED' }],
			undefined,
			contactId,
		);
		const one = await bed.run(WHISPIR, device('get', { deviceId: byId(second) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: devicePath(second) });
		expect(one.items[0].json).toMatchObject({
			id: second,
			deviceName: 'iPad',
			status: 'DISABLED',
			contactId,
		});

		const many = await bed.run(WHISPIR, device('getAll', { returnAll: true }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: `/contacts/${contactId}` });
		expect(many.items.map((item) => item.json.id)).toEqual([first, second]);
		const limited = await bed.run(WHISPIR, device('getAll', { returnAll: false, limit: 1 }));
		expect(limited.items).toHaveLength(1);
	});

	it('refuses a Limit that is no whole number before reading, and takes "true" from an expression as Return All', async () => {
		bed.sandbox.seed('devices', [IPHONE, { ...IPHONE, deviceName: 'iPad' }], undefined, contactId);
		const bad = await bed.run(
			WHISPIR,
			device('getAll', { returnAll: false, limit: '={{ "two" }}' }),
		);
		expect(bad.error?.message).toBe('"Limit" in item 0 is not a whole number of at least 1: "two"');
		expect(bed.sandbox.log).toHaveLength(0);

		const all = await bed.run(WHISPIR, device('getAll', { returnAll: '={{ "true" }}', limit: 1 }));
		expect(all.items).toHaveLength(2);
	});

	it('returns nothing for a contact without devices', async () => {
		const { items, error } = await bed.run(WHISPIR, device('getAll', { returnAll: true }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
		// Nothing because the contact has no devices, not because nothing was asked (the list is read from the contact).
		expect(bed.sandbox.log).toEqual([
			expect.objectContaining({ method: 'GET', path: `/contacts/${contactId}`, status: 200 }),
		]);
	});
});

describe('Contact Device → Update', () => {
	it('re-activates a device Whispir disabled, keeping every other field', async () => {
		const [id] = bed.sandbox.seed(
			'devices',
			[{ ...IPHONE, status: 'DISABLED' }],
			undefined,
			contactId,
		);
		const { items, error } = await bed.run(
			WHISPIR,
			device('update', { deviceId: byId(id), reactivate: true }),
		);
		expect(error).toBeUndefined();
		const put = bed.sandbox.log.find((request) => request.method === 'PUT');
		expect(put).toMatchObject({
			path: devicePath(id),
			body: { ...IPHONE, status: 'ACTIVE' },
			status: 204,
		});
		const [stored] = await bed.sandbox.state('devices', undefined, contactId);
		expect(stored).toMatchObject({ ...IPHONE, status: 'ACTIVE' });
		expect(items[0].json).toMatchObject({ id, status: 'ACTIVE', contactId });
	});

	it('changes the push token only', async () => {
		const [id] = bed.sandbox.seed('devices', [IPHONE], undefined, contactId);
		const { error } = await bed.run(
			WHISPIR,
			device('update', { deviceId: byId(id), updateFields: { pushToken: 'new-token' } }),
		);
		expect(error).toBeUndefined();
		const put = bed.sandbox.log.find((request) => request.method === 'PUT');
		expect(put?.body).toEqual({ ...IPHONE, pushToken: 'new-token' });
		const [stored] = await bed.sandbox.state('devices', undefined, contactId);
		expect(stored).toMatchObject({ ...IPHONE, pushToken: 'new-token' });
	});

	it('refuses an update with nothing to change before any request', async () => {
		const [id] = bed.sandbox.seed('devices', [IPHONE], undefined, contactId);
		const { error } = await bed.run(
			WHISPIR,
			device('update', { deviceId: byId(id), updateFields: { deviceName: ' ' } }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Nothing to update in item 0');
		expect(error?.description).toContain('Re-Activate');
		expect(bed.sandbox.log).toHaveLength(0);
	});
});

describe('Contact Device → Delete', () => {
	it('deletes the device; the contact no longer lists it', async () => {
		const [id] = bed.sandbox.seed('devices', [IPHONE], undefined, contactId);
		const { items, error } = await bed.run(WHISPIR, device('delete', { deviceId: byId(id) }));
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: devicePath(id),
			status: 204,
		});
		expect(items[0].json).toEqual({ id, contactId, deleted: true });
		expect(await bed.sandbox.state('devices', undefined, contactId)).toHaveLength(0);
	});

	it('works inside a workspace', async () => {
		const [workspace] = bed.sandbox.seed('workspaces', [{ projectName: 'Field' }]);
		const [otherContact] = bed.sandbox.seed(
			'contacts',
			[{ firstName: 'Bo', lastName: 'B' }],
			workspace,
		);
		const [id] = bed.sandbox.seed('devices', [IPHONE], workspace, otherContact);
		const { error } = await bed.run(WHISPIR, {
			resource: 'contactDevice',
			operation: 'delete',
			workspace: byId(workspace),
			contactId: byId(otherContact),
			deviceId: byId(id),
		});
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.at(-1)?.path).toBe(
			`/workspaces/${workspace}/contacts/${otherContact}/devices/${id}`,
		);
	});
});

describe('Contact device list search', () => {
	// The editor passes the node's current parameters, resource and operation included.
	const search = (parameters: Record<string, unknown>, filter?: string) =>
		bed.harness.listSearch({
			nodeType: WHISPIR,
			method: 'searchContactDevices',
			filter,
			parameters: { resource: 'contactDevice', operation: 'get', ...parameters },
			credentials: bed.credentials,
		});

	it("lists the chosen contact's devices by name, in the chosen workspace", async () => {
		const [iphone, ipad] = bed.sandbox.seed(
			'devices',
			[IPHONE, { ...IPHONE, deviceName: 'iPad', status: 'DISABLED' }],
			undefined,
			contactId,
		);
		const all = await search({ contactId: byId(contactId) });
		expect(bed.sandbox.log.at(-1)).toMatchObject({ method: 'GET', path: `/contacts/${contactId}` });
		expect(all.results).toEqual([
			{ name: 'iPad', value: ipad },
			{ name: "Jane's iPhone", value: iphone },
		]);
		const typed = await search(
			{ contactId: { __rl: true, mode: 'list', value: contactId } },
			'iph',
		);
		expect(typed.results).toEqual([{ name: "Jane's iPhone", value: iphone }]);

		const [workspace] = bed.sandbox.seed('workspaces', [{ projectName: 'Field' }]);
		const [otherContact] = bed.sandbox.seed(
			'contacts',
			[{ firstName: 'Bo', lastName: 'B' }],
			workspace,
		);
		const [tablet] = bed.sandbox.seed(
			'devices',
			[{ ...IPHONE, deviceName: 'Tablet' }],
			workspace,
			otherContact,
		);
		const inWorkspace = await search({ workspace: byId(workspace), contactId: byId(otherContact) });
		expect(bed.sandbox.log.at(-1)?.path).toBe(`/workspaces/${workspace}/contacts/${otherContact}`);
		expect(inWorkspace.results).toEqual([{ name: 'Tablet', value: tablet }]);
	});

	it('asks for a contact first, without a request', async () => {
		for (const contact of [byId(''), byId('={{ $json.contactId }}')]) {
			await expect(search({ contactId: contact })).rejects.toThrow('Pick a contact first');
		}
		expect(bed.sandbox.log).toHaveLength(0);
	});
});
