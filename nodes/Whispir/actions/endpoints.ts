/**
 * Where each Whispir resource lives and how it is typed (Whispir's API docs, "Content Types and Versioning": https://developers.whispir.com, and each resource's docs): the path below
 * the base URL, the vendor media type (always singular), the key of the array in list pages, and
 * whether it also lives inside workspaces (`/workspaces/{id}/…`; without one, the default workspace).
 * Sub-resources (message status, devices, callback calls) give the segment after their parent's id.
 */
export interface Endpoint {
	readonly path: string;
	readonly mediaType: string;
	readonly listKey: string;
	readonly inWorkspace: boolean;
	/** Whispir answers an empty list with 404 "No records found" instead of an empty page. */
	readonly emptyListIs404?: boolean;
}

export const ENDPOINTS = {
	workspace: {
		path: '/workspaces',
		mediaType: 'workspace-v1',
		listKey: 'workspaces',
		inWorkspace: false,
	},
	message: { path: '/messages', mediaType: 'message-v1', listKey: 'messages', inWorkspace: true },
	bulkMessage: {
		path: '/messages',
		mediaType: 'bulkmessage-v1',
		listKey: 'messages',
		inWorkspace: true,
	},
	messageStatus: {
		path: '/messagestatus',
		mediaType: 'messagestatus-v1',
		listKey: 'messageStatuses',
		inWorkspace: true,
	},
	messageResponse: {
		path: '/messageresponses',
		mediaType: 'messageresponse-v1',
		listKey: 'messageresponses',
		inWorkspace: true,
	},
	template: {
		path: '/templates',
		mediaType: 'template-v1',
		listKey: 'messagetemplates',
		inWorkspace: true,
	},
	// The docs show no list answer for response rules; the key follows the resource's own name.
	responseRule: {
		path: '/responserules',
		mediaType: 'responserule-v1',
		listKey: 'responseRules',
		inWorkspace: true,
	},
	scenario: {
		path: '/scenarios',
		mediaType: 'scenario-v1',
		listKey: 'scenarios',
		inWorkspace: true,
	},
	event: { path: '/events', mediaType: 'event-v1', listKey: 'events', inWorkspace: true },
	resource: {
		path: '/resources',
		mediaType: 'resource-v1',
		listKey: 'resources',
		inWorkspace: true,
	},
	callback: {
		path: '/callbacks',
		mediaType: 'api-callback-v1',
		listKey: 'callbacks',
		inWorkspace: false,
	},
	callbackCall: { path: '/calls', mediaType: 'api-call-v1', listKey: 'calls', inWorkspace: false },
	contact: { path: '/contacts', mediaType: 'contact-v1', listKey: 'contacts', inWorkspace: true },
	contactDevice: {
		path: '/devices',
		mediaType: 'contactdevice-v1',
		listKey: 'devices',
		inWorkspace: true,
	},
	distributionList: {
		path: '/distributionlists',
		mediaType: 'distributionlist-v1',
		listKey: 'distributionLists',
		inWorkspace: true,
	},
	// Users are company-wide; `/workspaces/{id}/users` only lists a workspace's users.
	user: { path: '/users', mediaType: 'user-v1', listKey: 'users', inWorkspace: false },
	app: { path: '/apps', mediaType: 'app-v1', listKey: 'apps', inWorkspace: false },
	activity: {
		path: '/activities',
		mediaType: 'activity-v1',
		listKey: 'activities',
		inWorkspace: true,
		emptyListIs404: true,
	},
	customList: {
		path: '/customlists',
		mediaType: 'customlist-v1',
		listKey: 'customlabels',
		inWorkspace: true,
		emptyListIs404: true,
	},
	import: {
		path: '/imports',
		mediaType: 'importcontact-v1',
		listKey: 'imports',
		inWorkspace: true,
	},
} as const satisfies Record<string, Endpoint>;
