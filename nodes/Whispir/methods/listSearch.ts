import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { recordPath } from '../helpers/records';
import { ENDPOINTS, type Endpoint } from '../actions/endpoints';
import { whispirApiList, whispirApiRequest } from '../transport';

/** Enough to pick from in a dropdown without reading a 10,000-contact address book. */
const MAX_CANDIDATES = 200;

interface SearchSpec {
	endpoint: Endpoint;
	/** What the user sees for a record. */
	name(record: IDataObject): string;
	/** What the node receives; default: the record's id. */
	value?(record: IDataObject): string;
	/** A fixed query, e.g. the fields a list page must carry. */
	qs?: IDataObject;
	/** A Whispir query that narrows the list by the typed text, where the API has one. */
	serverFilter?(text: string): IDataObject;
}

/** A value picked on the node, e.g. a locator's ID; undefined when empty or when the operation has no such field. */
function currentValue(context: ILoadOptionsFunctions, name: string): string | undefined {
	try {
		const value = context.getCurrentNodeParameter(name, { extractValue: true });
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	} catch {
		return undefined;
	}
}

/** The workspace chosen on the node, so that lists show that workspace's records; none means the default workspace. */
function currentWorkspace(context: ILoadOptionsFunctions, endpoint: Endpoint): string | undefined {
	return endpoint.inWorkspace ? currentValue(context, 'workspace') : undefined;
}

/** The candidates whose name contains the typed text (or whose value is it), sorted by name. */
function matching(candidates: INodeListSearchItems[], filter?: string): INodeListSearchResult {
	const lower = filter?.trim().toLowerCase() ?? '';
	const results = candidates
		.filter(({ value }) => value !== '')
		.filter(
			({ name, value }) =>
				lower === '' || name.toLowerCase().includes(lower) || String(value).toLowerCase() === lower,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

async function search(
	context: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
): Promise<INodeListSearchResult> {
	const wanted = filter?.trim() ?? '';
	const records = await whispirApiList.call(context, {
		path: spec.endpoint.path,
		mediaType: spec.endpoint.mediaType,
		listKey: spec.endpoint.listKey,
		notFoundIsEmpty: spec.endpoint.emptyListIs404,
		workspaceId: currentWorkspace(context, spec.endpoint),
		qs: { ...spec.qs, ...(wanted !== '' && spec.serverFilter ? spec.serverFilter(wanted) : {}) },
		limit: MAX_CANDIDATES,
	});
	const valueOf = spec.value ?? ((record: IDataObject) => text(record.id));
	return matching(
		records.map((record) => ({
			name: spec.name(record) || valueOf(record),
			value: valueOf(record),
		})),
		wanted,
	);
}

const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
const fullName = (record: IDataObject) =>
	[text(record.firstName), text(record.lastName)].join(' ').trim();

export async function searchWorkspaces(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.workspace, name: (r) => text(r.projectName) },
		filter,
	);
}

export async function searchTemplates(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.template, name: (r) => text(r.messageTemplateName) },
		filter,
	);
}

export async function searchResponseRules(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.responseRule, name: (r) => text(r.name) },
		filter,
	);
}

export async function searchScenarios(this: ILoadOptionsFunctions, filter?: string) {
	// Whispir's scenario answers carry `title`, although its field table says `name` (Whispir's Scenarios docs: https://developers.whispir.com/c2NoOjM4OTQzOTIw-scenario).
	return await search(
		this,
		{ endpoint: ENDPOINTS.scenario, name: (r) => text(r.title) || text(r.name) },
		filter,
	);
}

export async function searchEvents(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.event, name: (r) => text(r.eventLabel) }, filter);
}

export async function searchResources(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.resource, name: (r) => text(r.name), serverFilter: (name) => ({ name }) },
		filter,
	);
}

export async function searchCallbacks(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.callback, name: (r) => text(r.name) }, filter);
}

export async function searchContacts(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.contact, name: fullName }, filter);
}

export async function searchDistributionLists(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.distributionList, name: (r) => text(r.name) },
		filter,
	);
}

export async function searchUsers(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.user, name: fullName }, filter);
}

export async function searchApps(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.app, name: (r) => text(r.name) }, filter);
}

export async function searchCustomLists(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{
			endpoint: ENDPOINTS.customList,
			name: (r) => text(r.name),
			serverFilter: (name) => ({ name }),
		},
		filter,
	);
}

/** Contacts valued by their MRI, which is what a message's `to` takes. */
export async function searchContactMris(this: ILoadOptionsFunctions, filter?: string) {
	// Contact list pages carry only basic fields unless `fields` asks for more (Whispir's Contacts docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact).
	const spec: SearchSpec = {
		endpoint: ENDPOINTS.contact,
		name: fullName,
		value: (r) => text(r.mri),
		qs: { fields: 'firstName,lastName,mri' },
	};
	return await search(this, spec, filter);
}

/** Distribution lists valued by their MRI, which is what a message's `to` takes. */
export async function searchDistributionListMris(this: ILoadOptionsFunctions, filter?: string) {
	return await search(
		this,
		{ endpoint: ENDPOINTS.distributionList, name: (r) => text(r.name), value: (r) => text(r.mri) },
		filter,
	);
}

/** Callbacks valued by their **name**, which is what a message's `callbackId` takes (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback). */
export async function searchCallbackNames(this: ILoadOptionsFunctions, filter?: string) {
	const name = (r: IDataObject) => text(r.name);
	return await search(this, { endpoint: ENDPOINTS.callback, name, value: name }, filter);
}

/** Recent messages (Whispir lists the last 7 days) by subject. */
export async function searchMessages(this: ILoadOptionsFunctions, filter?: string) {
	return await search(this, { endpoint: ENDPOINTS.message, name: (r) => text(r.subject) }, filter);
}

/**
 * The devices of the contact chosen on the node, by device name. Whispir shows a contact's devices
 * only inside the contact (Whispir's Contact Devices docs: https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact), so this reads the contact.
 */
export async function searchContactDevices(this: ILoadOptionsFunctions, filter?: string) {
	const contactId = currentValue(this, 'contactId');
	if (contactId === undefined || contactId.startsWith('=')) {
		throw new NodeOperationError(this.getNode(), 'Pick a contact first', {
			description:
				'The list shows the devices of the contact chosen above. Give the device ID instead when the contact comes from an expression.',
		});
	}
	const response = await whispirApiRequest.call(this, {
		method: 'GET',
		path: recordPath(ENDPOINTS.contact, contactId),
		mediaType: ENDPOINTS.contact.mediaType,
		workspaceId: currentWorkspace(this, ENDPOINTS.contact),
	});
	const contact = (response.body ?? {}) as IDataObject;
	const devices = Array.isArray(contact.devices) ? (contact.devices as IDataObject[]) : [];
	return matching(
		devices.map((device) => ({
			name: text(device.deviceName) || text(device.id),
			value: text(device.id),
		})),
		filter,
	);
}

/** The most recent audit log entries (OpenAPI activityList), shown as "Send Message: <description>". */
export async function searchActivities(this: ILoadOptionsFunctions, filter?: string) {
	const name = (r: IDataObject) =>
		[[text(r.action), text(r.module)].filter(Boolean).join(' '), text(r.description)]
			.filter(Boolean)
			.join(': ');
	return await search(this, { endpoint: ENDPOINTS.activity, name }, filter);
}
