import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Scenario',
	value: 'scenario',
	description: "A saved message to a saved audience, sent with one click",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
