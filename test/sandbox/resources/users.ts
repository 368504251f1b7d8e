// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const users: ResourceDef = {
	name: 'users',
	mediaType: 'user-v1',
	listKey: 'Users',
	itemName: 'user',
	scope: 'company',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
