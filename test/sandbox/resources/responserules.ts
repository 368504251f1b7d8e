// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const responserules: ResourceDef = {
	name: 'responserules',
	mediaType: 'responserule-v1',
	listKey: 'responseRules',
	itemName: 'responseRule',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
