import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Resource',
	value: 'resource',
	description: "Files stored in Whispir: attachments, bulk message data, contact imports",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
