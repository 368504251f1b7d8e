// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const scenarios: ResourceDef = {
	name: 'scenarios',
	mediaType: 'scenario-v1',
	listKey: 'scenarios',
	itemName: 'scenario',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
