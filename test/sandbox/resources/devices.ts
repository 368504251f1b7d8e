// Skeleton: the issue that builds this resource in the node fills in its documented behaviour.
import type { ResourceDef } from '../types';
import { getOp, listOp } from './crud';

export const devices: ResourceDef = {
	name: 'devices',
	mediaType: 'contactdevice-v1',
	listKey: 'devices',
	itemName: 'device',
	scope: 'workspace',
	parent: 'contacts',
	collection: { GET: listOp() },
	item: { GET: getOp() },
};
