import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Import',
	value: 'import',
	description: "Contact imports from a file",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
