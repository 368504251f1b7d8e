import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Event',
	value: 'event',
	description: "Incidents in the Events module, with the messages sent about them",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
