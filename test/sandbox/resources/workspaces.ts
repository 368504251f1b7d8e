// Workspaces can only be created and read through the API (docs: "cannot be updated or deleted").
import { selfLink } from '../links';
import type { ResourceDef } from '../types';
import { createOp, getOp, listOp } from './crud';
import { oneOf, requireFields, strings } from './validate';

export const workspaces: ResourceDef = {
	name: 'workspaces',
	mediaType: 'workspace-v1',
	listKey: 'workspaces',
	itemName: 'workspace',
	scope: 'company',
	prepare: (input) => ({
		projectName: '',
		projectNumber: '',
		status: 'A',
		billingcostcentre: '',
		...input,
	}),
	view: (rec, ctx) => ({
		id: rec.id,
		projectName: rec.projectName,
		projectNumber: rec.projectNumber,
		status: rec.status,
		billingcostcentre: rec.billingcostcentre,
		link: [selfLink(ctx, rec.id)],
	}),
	collection: {
		GET: listOp(),
		POST: createOp({
			validate(body) {
				requireFields(body, ['projectName', 'status']);
				const s = strings(body, ['projectName', 'projectNumber', 'status', 'billingcostcentre']);
				return {
					projectName: s.projectName,
					projectNumber: s.projectNumber ?? '',
					status: oneOf('status', s.status, ['A', 'D']),
					billingcostcentre: s.billingcostcentre ?? '',
				};
			},
		}),
	},
	item: { GET: getOp() },
};
