// The audit log. Whispir answers 404 for an empty search, and /activities (no workspace
// prefix) covers every workspace of the company (docs Whispir's Activities docs: https://developers.whispir.com/c2NoOjQ2MzAxMjM-activity).
import { selfLink } from '../links';
import { HttpError, empty } from '../reply';
import type { Rec, ResourceDef } from '../types';
import { createOp, find, getOp, listOp } from './crud';
import {
	containsText,
	oneOf,
	parseShortDate,
	requireFields,
	sameText,
	shortDate,
	strings,
} from './validate';

const MODULES = [
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
];
// "Logout" is missing from the documented list but appears in the documented answers.
const ACTIONS = [
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
];
const STATUSES = ['Successful', 'Failed', 'Rejected'];

function timeBound(q: Record<string, string>, key: 'startTime' | 'endTime'): number | undefined {
	if (q[key] === undefined) return undefined;
	const t = parseShortDate(q[key]);
	if (t === undefined) throw new HttpError(400, `${key} must be dd/mm/yyyy hh:mm`);
	return t;
}

function matches(r: Rec, q: Record<string, string>): boolean {
	for (const key of ['action', 'module', 'user', 'status'] as const) {
		if (q[key] !== undefined && !sameText(r[key], q[key])) return false;
	}
	if (q.workspace !== undefined && !sameText(r.workspaceName, q.workspace)) return false;
	if (q.description !== undefined && !containsText(r.description, q.description)) return false;
	const start = timeBound(q, 'startTime');
	const end = timeBound(q, 'endTime');
	const t = parseShortDate(String(r.time ?? ''));
	if (start !== undefined && (t === undefined || t < start)) return false;
	if (end !== undefined && (t === undefined || t > end)) return false;
	return true;
}

export const activities: ResourceDef = {
	name: 'activities',
	mediaType: 'activity-v1',
	listKey: 'activities',
	itemName: 'activity',
	scope: 'workspace',
	companyWide: true,
	emptyListIs404: true,
	prepare: (input, { env, workspaceId }) => ({
		user: env.username,
		time: shortDate(),
		workspaceName: env.store.get('workspaces', workspaceId ?? '')?.projectName ?? '',
		...input,
	}),
	view(rec, ctx, mode) {
		// Documented list items carry no id: clients find it in the self link.
		const out: Record<string, unknown> = mode === 'item' ? { id: rec.id } : {};
		for (const k of [
			'user',
			'time',
			'action',
			'description',
			'status',
			'module',
			'workspaceName',
		]) {
			if (rec[k] !== undefined) out[k] = rec[k];
		}
		out.link = [selfLink(ctx, rec.id)];
		return out;
	},
	collection: {
		GET: listOp({ filter: matches, newestFirst: true }),
		POST: createOp({
			validate(body) {
				requireFields(body, ['module', 'action', 'status', 'description']);
				const s = strings(body, ['module', 'action', 'status', 'description']);
				return {
					module: oneOf('module', s.module, MODULES),
					action: oneOf('action', s.action, ACTIONS),
					status: oneOf('status', s.status, STATUSES),
					description: s.description,
				};
			},
		}),
	},
	item: {
		GET: getOp(),
		// "Posting to /activities/{ID} will append the content to the detail of the activity."
		POST: {
			handle(ctx) {
				const rec = find(ctx);
				requireFields(ctx.body, ['description']);
				const { description } = strings(ctx.body, ['description']);
				rec.description = rec.description
					? `${String(rec.description)}\n${description}`
					: description;
				return empty(204);
			},
		},
	},
};
