// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const messages: ResourceDef = {
	name: 'messages',
	mediaType: 'message-v1',
	listKey: 'messages',
	itemName: 'message',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
