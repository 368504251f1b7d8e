// Contact devices (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact, Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact): a sub-resource of contacts, reached as
// /contacts/{cid}/devices[/{did}]. 201 + body on create, full-replace PUT, DELETE, a list (named in
// the docs, never shown), and every device also in its contact's `devices` array (contacts.ts).
// Whispir disables a device after failed pushes and never re-enables it: seed `status: 'DISABLED'`.
import { HttpError } from '../reply';
import type { ResourceDef } from '../types';
import { createOp, deleteOp, getOp, listOp, replaceOp } from './crud';
import { oneOf, requireFields, strings } from './validate';

const PLATFORMS = ['APNS', 'APNS_SANDBOX', 'GCM'];
const STATUSES: Record<string, string> = {
	a: 'ACTIVE',
	active: 'ACTIVE',
	d: 'DISABLED',
	disabled: 'DISABLED',
};
/** "0 to 3 devices by default" per contact and app (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact); the app's options.deviceLimit is not modelled. */
const DEVICES_PER_APP = 3;

const today = () => new Date().toISOString().slice(0, 10);

function deviceFields(body: Record<string, unknown>): Record<string, unknown> {
	requireFields(body, ['deviceName', 'appId', 'platform', 'pushToken']);
	const known = [
		'deviceName',
		'appId',
		'appVersion',
		'platform',
		'deviceOS',
		'deviceModel',
		'status',
		'pushToken',
	];
	const unknown = Object.keys(body).filter((key) => !known.includes(key));
	if (unknown.length > 0) throw new HttpError(422, `${unknown.join(', ')} is not a device field`);
	const s = strings(body, known);
	const status = s.status === undefined ? 'ACTIVE' : STATUSES[s.status.trim().toLowerCase()];
	if (!status) throw new HttpError(422, 'status must be one of: ACTIVE, DISABLED');
	return {
		...s,
		platform: oneOf('platform', s.platform, PLATFORMS),
		status,
		lastModifiedDate: today(),
	};
}

export const devices: ResourceDef = {
	name: 'devices',
	mediaType: 'contactdevice-v1',
	listKey: 'devices',
	itemName: 'device',
	scope: 'workspace',
	parent: 'contacts',
	prepare: (input) => ({
		status: 'ACTIVE',
		registrationDate: today(),
		lastModifiedDate: today(),
		...input,
	}),
	collection: {
		GET: listOp(),
		POST: createOp({
			withBody: true,
			validate(body, ctx) {
				const device = deviceFields(body);
				const sameApp = ctx.env.store
					.list('devices', ctx.scope)
					.filter((d) => d.appId === device.appId);
				if (sameApp.length >= DEVICES_PER_APP) {
					throw new HttpError(
						422,
						`The contact already has ${DEVICES_PER_APP} devices for app ${String(device.appId)}`,
					);
				}
				return device;
			},
		}),
	},
	item: {
		GET: getOp(),
		PUT: replaceOp({ keep: ['registrationDate'], validate: deviceFields }),
		DELETE: deleteOp(),
	},
};
