// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const apps: ResourceDef = {
	name: 'apps',
	mediaType: 'app-v1',
	listKey: 'apps',
	itemName: 'app',
	scope: 'company',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
