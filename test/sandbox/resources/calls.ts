// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const calls: ResourceDef = {
	name: 'calls',
	mediaType: 'api-call-v1',
	listKey: 'calls',
	itemName: 'call',
	scope: 'company',
	parent: 'callbacks',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
