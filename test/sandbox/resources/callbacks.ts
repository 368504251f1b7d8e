// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const callbacks: ResourceDef = {
	name: 'callbacks',
	mediaType: 'api-callback-v1',
	listKey: 'callbacks',
	itemName: 'callback',
	scope: 'company',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
