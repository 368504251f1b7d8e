// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const messagestatus: ResourceDef = {
	name: 'messagestatus',
	mediaType: 'messagestatus-v1',
	listKey: 'messageStatuses',
	itemName: 'messageStatus',
	scope: 'workspace',
	parent: 'messages',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
