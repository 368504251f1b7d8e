// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const imports: ResourceDef = {
	name: 'imports',
	mediaType: 'importcontact-v1',
	listKey: 'imports',
	itemName: 'import',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
