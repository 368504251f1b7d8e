// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const messageresponses: ResourceDef = {
	name: 'messageresponses',
	mediaType: 'messageresponse-v1',
	listKey: 'messageresponses',
	itemName: 'response',
	scope: 'workspace',
	parent: 'messages',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
