import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Message',
	value: 'message',
	description: "Send messages on any channel and read their status and replies",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
