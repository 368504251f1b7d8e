// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const contacts: ResourceDef = {
	name: 'contacts',
	mediaType: 'contact-v1',
	listKey: 'contacts',
	itemName: 'contact',
	scope: 'workspace',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
