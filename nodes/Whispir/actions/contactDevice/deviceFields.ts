import type { INodeProperties } from 'n8n-workflow';

import type { IdLocatorOptions } from '../common.descriptions';
import { recordPath } from '../../helpers/records';
import type { Endpoint } from '../endpoints';
import { ENDPOINTS } from '../endpoints';

/** Devices live under their contact: `/contacts/{contactId}/devices[/{deviceId}]` (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact). */
export function devicesOf(contactId: string): Endpoint {
	return {
		...ENDPOINTS.contactDevice,
		path: `${recordPath(ENDPOINTS.contact, contactId)}${ENDPOINTS.contactDevice.path}`,
	};
}

/** The device an operation works on, picked from the chosen contact's devices or given by ID. */
export const deviceLocator: IdLocatorOptions = {
	name: 'deviceId',
	displayName: 'Device',
	searchListMethod: 'searchContactDevices',
	description: "The device to use, one of the chosen contact's devices",
};

/**
 * Whispir's field list writes ACTIVE / DISABLED (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact); its examples send "active". We send the
 * documented upper-case values. Deleted devices (E) are never listed, so Delete is an operation.
 */
const deviceStatusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Active', value: 'ACTIVE', description: 'The device receives push messages' },
		{ name: 'Disabled', value: 'DISABLED', description: 'The device receives nothing' },
	],
	default: 'ACTIVE',
};

/** The fields of a device other than the name, app, platform and token asked for up front. */
export const optionalDeviceProperties: INodeProperties[] = [
	{
		displayName: 'App Version',
		name: 'appVersion',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2.4.1',
		description: 'The version of your app on the device, kept for your own troubleshooting',
	},
	{
		displayName: 'Device Model',
		name: 'deviceModel',
		type: 'string',
		default: '',
		placeholder: 'e.g. iPhone 15',
	},
	{
		displayName: 'Device OS',
		name: 'deviceOS',
		type: 'string',
		default: '',
		placeholder: 'e.g. IOS or Android',
		description: 'The operating system of the device: IOS or Android, optionally with its version',
	},
	deviceStatusProperty,
];

export const platformProperty: INodeProperties = {
	displayName: 'Platform',
	name: 'platform',
	type: 'options',
	options: [
		{ name: 'Apple (APNS)', value: 'APNS' },
		{ name: 'Apple Sandbox (APNS_SANDBOX)', value: 'APNS_SANDBOX' },
		{ name: 'Google (GCM / FCM)', value: 'GCM' },
	],
	default: 'APNS',
	description: "The push service of the app's platform; GCM covers Firebase Cloud Messaging",
};
