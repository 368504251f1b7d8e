import type { INodePropertyOptions } from 'n8n-workflow';

/** The documented values of an activity's module, action and status (Whispir's Activities docs: https://developers.whispir.com/c2NoOjQ2MzAxMjM-activity). */

const asOptions = (values: string[]): INodePropertyOptions[] =>
	[...values].sort((a, b) => a.localeCompare(b)).map((value) => ({ name: value, value }));

export const MODULES = asOptions([
	'System',
	'Message',
	'Scheduled Message',
	'User',
	'Contact',
	'DistributionList',
	'Template',
	'Workspace',
	'Event',
	'WebService',
	'Settings',
	'Conversation',
	'Gateway',
	'Workspace Mapping',
	'Folders',
	'Team',
	'RSS',
	'API Mapping',
	'Asset',
	'Instruction',
]);

// "Logout" is missing from the documented list but appears in the documented answers.
export const ACTIONS = asOptions([
	'Create',
	'Update',
	'Move',
	'Copy',
	'Draft',
	'Send',
	'Modified',
	'Delete',
	'Contact Import File',
	'Login',
	'Logout',
	'Approve',
	'Reject',
	'Dispatch',
	'Register',
	'Accept',
	'Closed',
	'Map',
	'Un-map',
]);

export const STATUSES = asOptions(['Successful', 'Failed', 'Rejected']);
