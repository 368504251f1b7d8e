// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const events: ResourceDef = {
	name: 'events',
	mediaType: 'event-v1',
	listKey: 'events',
	itemName: 'event',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
