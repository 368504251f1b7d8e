// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const distributionlists: ResourceDef = {
	name: 'distributionlists',
	mediaType: 'distributionlist-v1',
	listKey: 'distributionLists',
	itemName: 'distributionList',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
