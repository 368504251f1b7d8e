// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const templates: ResourceDef = {
	name: 'templates',
	mediaType: 'template-v1',
	listKey: 'messagetemplates',
	itemName: 'template',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
