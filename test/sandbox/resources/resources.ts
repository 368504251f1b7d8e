// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const resourceFiles: ResourceDef = {
	name: 'resources',
	mediaType: 'resource-v1',
	listKey: 'resources',
	itemName: 'resource',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
