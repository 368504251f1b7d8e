import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Activity',
	value: 'activity',
	description: "The audit log",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
