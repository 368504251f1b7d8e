import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Callback',
	value: 'callback',
	description: "Web addresses Whispir calls when a message gets a reply or is undeliverable",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
