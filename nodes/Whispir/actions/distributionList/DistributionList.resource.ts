import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';

// Skeleton: operations are added by the issue that builds this resource.
export const option = {
	name: 'Distribution List',
	value: 'distributionList',
	description: "Named groups of contacts, users and lists, fixed or rule-based",
};

export const operations: Record<string, WhispirOperation> = {};

export const description: INodeProperties[] = [];
