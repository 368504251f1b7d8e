import type { INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getResponses from './getResponses.operation';
import * as getStatus from './getStatus.operation';
import * as send from './send.operation';
import * as sendAndWait from './sendAndWait.operation';
import * as sendBulk from './sendBulk.operation';

export const option = {
	name: 'Message',
	value: 'message',
	description: 'Send messages on any channel and read their status and replies',
};

export const operations: Record<string, WhispirOperation> = {
	get,
	getAll,
	getResponses,
	getStatus,
	send,
	// n8n recognises send-and-wait operations by this value (it checks their resume URL's signature).
	[SEND_AND_WAIT_OPERATION]: sendAndWait,
	sendBulk,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message',
				description: 'Retrieve one sent message with its content',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description:
					'List sent messages: by default those of the last 7 days sent with this credential',
			},
			{
				name: 'Get Responses',
				value: 'getResponses',
				action: 'Get the responses to a message',
				description: "Read the recipients' replies to a message and their categories",
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the delivery status of a message',
				description:
					'Find out who a message was sent to, delivered to, read by, or could not reach',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description:
					'Send one message per input item by SMS, email, voice call, rich message, push, social media, WhatsApp or RCS',
			},
			{
				name: 'Send and Wait for Reply',
				value: SEND_AND_WAIT_OPERATION,
				action: 'Send a message and wait for the reply',
				description:
					'Send a message by SMS, email or voice, pause the workflow until the recipient replies (e.g. YES or NO), then continue with the reply',
			},
			{
				name: 'Send Bulk',
				value: 'sendBulk',
				action: 'Send a personalised message to every input item',
				description:
					'Send one personalised message per input item (e.g. rows of a spreadsheet) in a single Whispir bulk send; item fields fill the @@tags@@',
			},
		],
		default: 'send',
	},
	...send.description,
	...sendAndWait.description,
	...sendBulk.description,
	...get.description,
	...getAll.description,
	...getStatus.description,
	...getResponses.description,
];
