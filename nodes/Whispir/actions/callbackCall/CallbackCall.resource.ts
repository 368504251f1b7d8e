import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Callback Call',
	value: 'callbackCall',
	description: "The deliveries Whispir made to a callback, failed ones included",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
