import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	IWebhookDescription,
} from 'n8n-workflow';
import {
	NodeOperationError,
	SEND_AND_WAIT_OPERATION,
	WAIT_INDEFINITELY,
	updateDisplayOptions,
} from 'n8n-workflow';

import { createRecord } from '../../helpers/records';
import { isIdSegment, notAnIdError } from '../../transport/paths';
import { readWallClock } from '../dates';
import { ENDPOINTS } from '../endpoints';
import { failedItemOrThrow } from '../failedItem';
import { isMatchableWord } from './replyMatch';
import {
	prepareMessage,
	properties as sendProperties,
	type PreparedMessage,
} from './send.operation';
import {
	createWaitCallback,
	newWait,
	removeStaleWaitCallbacks,
	untilStored,
	waitKey,
	type Wait,
} from './waitCallbacks';

/**
 * Message → Send and Wait for Reply: sends one message (from the first input item, as n8n's own
 * send-and-wait operations do), pauses the execution, and resumes it with the recipient's reply
 * (./waitReply.ts). Whispir reports the reply to a callback made for this wait
 * (https://developers.whispir.com/ → Callbacks), pointing at the node's signed resume URL.
 */

/** n8n's waiting webhooks of the node: the resume URL `<webhook-waiting base>/<execution ID>/<node ID>`. */
export const webhooks: IWebhookDescription[] = (['GET', 'POST'] as const).map((httpMethod) => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	path: '={{ $nodeId }}',
	restartWebhook: true,
	isFullPath: true,
}));

// The wait makes its own callback, and the stored message is of no use to a wait.
const NOT_FOR_WAITS = new Set(['callback', 'returnStoredMessage']);
// Whispir's callback schema (callbackCreate) lists replies by SMS, email and voice only: a wait
// must not rest on a WhatsApp or RCS message whose answer is not documented to reach it.
const CHANNELS_WITHOUT_REPLIES = new Set(['whatsapp', 'rcs']);

const limitWaitTimeOption: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	description:
		'Whether to stop waiting at some point. The execution then continues with the input items unchanged, as with n8n\'s own "Send and Wait" operations.',
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Stop waiting after some time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Stop waiting at a date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 1,
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
					description: 'How long to wait',
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					default: 'hours',
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
					description: "When to stop waiting, in the workflow's time zone",
				},
			],
		},
	],
};

const nonAnswerHintOption: INodeProperties = {
	displayName: 'Hint for Other Replies',
	name: 'nonAnswerHint',
	type: 'string',
	default: '',
	placeholder: 'e.g. Please reply YES or NO',
	description:
		'Approval only: the text sent back to a recipient whose SMS or email reply contains neither word, or both. Leave empty to send nothing. Either way, the execution keeps waiting.',
};

const sendOptions = sendProperties.find((property) => property.name === 'options')!;
const waitOptions: INodeProperties = {
	...sendOptions,
	options: [
		...(sendOptions.options as INodeProperties[]).filter(
			(option) => !NOT_FOR_WAITS.has(option.name),
		),
		limitWaitTimeOption,
		nonAnswerHintOption,
	].sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

const waitChannels = (property: INodeProperties): INodeProperties =>
	property.name === 'channels'
		? {
				...property,
				options: (property.options as INodePropertyOptions[]).filter(
					(channel) => !CHANNELS_WITHOUT_REPLIES.has(channel.value as string),
				),
			}
		: property;

const properties: INodeProperties[] = [
	...sendProperties.filter((property) => property !== sendOptions).map(waitChannels),
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The recipient answers with the approve or the decline word',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The first reply is the answer, whatever it says',
			},
		],
	},
	{
		displayName: 'Approve Word',
		name: 'approveWord',
		type: 'string',
		default: 'YES',
		displayOptions: { show: { responseType: ['approval'] } },
		description:
			'A reply containing this word (in any case, with any other text around it) approves',
	},
	{
		displayName: 'Decline Word',
		name: 'declineWord',
		type: 'string',
		default: 'NO',
		displayOptions: { show: { responseType: ['approval'] } },
		description:
			'A reply containing this word (in any case, with any other text around it) declines',
	},
	{
		displayName:
			"Whispir must reach n8n at its public address (n8n's WEBHOOK_URL) to report the reply. The first reply that answers resumes the execution; later replies are not reported.",
		name: 'sendAndWaitNotice',
		type: 'notice',
		default: '',
	},
	waitOptions,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [SEND_AND_WAIT_OPERATION] } },
	properties,
);

function fieldError(
	context: IExecuteFunctions,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description, itemIndex: 0 });
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** The end of the wait, or undefined without a limit. */
function waitLimit(context: IExecuteFunctions): Date | undefined {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const limit = (options.limitWaitTime as IDataObject | undefined)?.values as
		| IDataObject
		| undefined;
	if (!limit) return undefined;
	if (limit.limitType === 'atSpecifiedTime') {
		const at = readWallClock(limit.maxDateAndTime, context.getTimezone())?.instant;
		if (!at)
			throw fieldError(
				context,
				'Max Date and Time is not a date',
				'Options → Limit Wait Time → Max Date and Time needs a date and time, e.g. 2026-12-24T17:00:00.',
			);
		if (at.getTime() <= Date.now())
			throw fieldError(
				context,
				'Max Date and Time is in the past',
				'Options → Limit Wait Time → Max Date and Time must be later than now.',
			);
		return at;
	}
	const amount = Number(limit.resumeAmount);
	const unit = UNIT_MS[String(limit.resumeUnit)];
	if (!(amount > 0) || unit === undefined) {
		throw fieldError(
			context,
			'Limit Wait Time needs an amount above 0',
			'Options → Limit Wait Time → Amount: how many minutes, hours or days to wait.',
		);
	}
	return new Date(Date.now() + amount * unit);
}

function assertWords(context: IExecuteFunctions): void {
	if (context.getNodeParameter('responseType', 0) !== 'approval') return;
	const approve = String(context.getNodeParameter('approveWord', 0, ''));
	const decline = String(context.getNodeParameter('declineWord', 0, ''));
	for (const [label, word] of [
		['Approve Word', approve],
		['Decline Word', decline],
	]) {
		if (!isMatchableWord(word))
			throw fieldError(
				context,
				`${label} is empty`,
				`Enter the word a recipient replies with, e.g. YES or NO, in ${label}.`,
			);
	}
	if (approve.trim().toLocaleLowerCase() === decline.trim().toLocaleLowerCase()) {
		throw fieldError(
			context,
			'Approve Word and Decline Word are the same',
			'Give the two answers different words.',
		);
	}
}

/** A delivery posted by the node itself when the message could not be sent: the wait ends with the reason. */
export const SEND_FAILURE_KEY = 'whispirSendAndWaitFailure';

export async function executeBatch(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	let checked: { waitTill: Date | undefined; prepared: PreparedMessage };
	try {
		checked = await checkedInput(this);
	} catch (error) {
		// Bad input, found before anything is sent or the execution waits, concerns every item.
		return [
			failedItemOrThrow(
				this,
				error,
				this.getInputData().map((_, item) => item),
			),
		];
	}
	const { waitTill, prepared } = checked;
	const wait = newWait(this.getExecutionId(), waitTill);
	const url = this.getSignedResumeUrl({ wait: wait.id });
	const key = await waitKey(this, wait.id);
	// n8n 2.8 checks the resume URL's signature only when asked to; later versions always do and lack the method.
	this.setSignatureValidationRequired?.();
	await this.putExecutionToWait(waitTill ?? WAIT_INDEFINITELY);
	// Whispir checks the callback URL with a GET while it creates the callback, and n8n answers a
	// request to the resume URL only once it has stored the execution as waiting, which happens after
	// this method returns. So the callback is created, and the message sent, right after that.
	void registerAndSend(this, { wait, url, key, prepared });
	return this.getInputData().map((item, index) => ({
		json: item.json,
		pairedItem: { item: index },
	}));
}

async function checkedInput(
	context: IExecuteFunctions,
): Promise<{ waitTill: Date | undefined; prepared: PreparedMessage }> {
	assertWords(context);
	const waitTill = waitLimit(context);
	const prepared = await prepareMessage(context, 0);
	// The message is sent after the execution waits, where a bad Workspace could only end the wait: refuse it now.
	if (prepared.workspaceId !== undefined && !isIdSegment(prepared.workspaceId)) {
		throw notAnIdError(context.getNode(), 'Workspace', prepared.workspaceId, 0);
	}
	// n8n makes a "Human in the Loop" tool of every send-and-wait operation; it adds a Message field
	// holding what the AI agent wants to do, which is then the text the approver reads.
	const toolRequest = String(context.getNodeParameter('message', 0, '')).trim();
	if (toolRequest !== '') prepared.message.body = toolRequest;
	return { waitTill, prepared };
}

interface Registration {
	wait: Wait;
	url: string;
	key: string;
	prepared: PreparedMessage;
}

async function registerAndSend(
	context: IExecuteFunctions,
	{ wait, url, key, prepared }: Registration,
): Promise<void> {
	try {
		await removeStaleWaitCallbacks(context);
	} catch (error) {
		// Old callbacks are removed on a later run; this wait does not depend on it.
		context.logger.warn(
			`Whispir Send and Wait: removing old wait callbacks failed: ${(error as Error).message}`,
		);
	}
	try {
		await untilStored(context, url);
		await createWaitCallback(context, wait, url, key);
		const message = { ...prepared.message, callbackId: wait.callbackName };
		await createRecord(context, {
			endpoint: ENDPOINTS.message,
			workspaceId: prepared.workspaceId,
			body: message,
			itemIndex: 0,
		});
	} catch (error) {
		await reportFailure(context, url, key, error as Error);
	}
}

/** Ends the wait with the reason, through the resume URL, as a reply would (./waitReply.ts removes the callback). */
async function reportFailure(
	context: IExecuteFunctions,
	url: string,
	key: string,
	failure: Error,
): Promise<void> {
	const reason =
		failure.message +
		(typeof (failure as NodeOperationError).description === 'string'
			? ` ${(failure as NodeOperationError).description}`
			: '');
	try {
		await context.helpers.httpRequest({
			method: 'POST',
			url,
			headers: { 'X-Whispir-Callback-Key': key },
			body: { [SEND_FAILURE_KEY]: reason },
			json: true,
		});
	} catch (error) {
		context.logger.error(
			`Whispir Send and Wait: the message was not sent (${reason}), and ending the wait failed too (${(error as Error).message}); the execution waits until its limit.`,
		);
	}
}
