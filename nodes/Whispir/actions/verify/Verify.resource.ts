import type { INodeProperties } from 'n8n-workflow';

import type { WhispirOperation } from '../operation';
import * as checkCode from './checkCode.operation';
import * as sendCode from './sendCode.operation';

export const option = {
	name: 'Verify',
	value: 'verify',
	description:
		'One-time codes by SMS, to check that a person has a phone number (needs an "otp" alias in Alias Manager)',
};

export const operations: Record<string, WhispirOperation> = { checkCode, sendCode };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['verify'] } },
		options: [
			{
				name: 'Check Code',
				value: 'checkCode',
				action: 'Check a verification code',
				description:
					'Check the code a person typed against the code Send Code texted them; outputs verified true or false, with a reason when false',
			},
			{
				name: 'Send Code',
				value: 'sendCode',
				action: 'Send a verification code',
				description:
					'Text a one-time code to a phone number; outputs the code ID that Check Code needs',
			},
		],
		default: 'sendCode',
	},
	...sendCode.description,
	...checkCode.description,
];
