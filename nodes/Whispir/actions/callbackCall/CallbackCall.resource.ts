import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';
import * as getAll from './getAll.operation';
import * as replayFailed from './replayFailed.operation';
import * as updateStatus from './updateStatus.operation';

export const option = {
	name: 'Callback Call',
	value: 'callbackCall',
	description: 'The deliveries Whispir made to a callback, failed ones included',
};

export const operations: Record<string, WhispirOperation> = { getAll, replayFailed, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['callbackCall'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many callback calls',
				description:
					'List the deliveries Whispir made to a callback, e.g. the failed ones to process them again',
			},
			{
				name: 'Replay Failed',
				value: 'replayFailed',
				action: 'Replay failed deliveries of a callback',
				description:
					'Output the deliveries Whispir could not make as the Whispir Trigger does, marked replayed, and mark them Success so they are handled once. Run it on a schedule when no new delivery comes to catch up.',
			},
			{
				name: 'Update Status',
				value: 'updateStatus',
				action: 'Update the status of callback calls',
				description: 'Mark deliveries of a callback as Success or Failed, many in one request',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
	...replayFailed.description,
	...updateStatus.description,
];
