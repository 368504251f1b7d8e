import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { requiredText } from '../parameters';
import { assertIdSegment } from '../validation';
import { readCheckAnswer } from './checkAnswer';
import { VERIFY_MEDIA_TYPE, phoneField, readPhone } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Code ID',
		name: 'otpId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. azkP8DJEEsujuhwzO-O_N',
		description: 'The ID that Send Code output for this code; map it from the Send Code node',
	},
	phoneField('The number the code was sent to, as given to Send Code'),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 963315',
		description: 'The code the person typed',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['verify'], operation: ['checkCode'] } },
	properties,
);

/**
 * Checks a typed code (verifyCodeCreate, POST /otp/{otpId}/verify-code). A wrong, expired or
 * used-up code is an answer, output as `verified: false` with a `reason`; only faults (credential,
 * rate limit, server error, bad input) fail the item.
 *
 * Not repeated either once it may have reached Whispir (the transport repeats no POST then): a
 * check uses up one of the code's attempts, and a check that succeeded uses up the code, so a
 * repeat would answer "not verified" for a code the person typed right.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const otpId = assertIdSegment(
		this,
		requiredText(this, 'otpId', itemIndex, 'Code ID'),
		itemIndex,
		'Code ID',
	);
	const to = readPhone(this, itemIndex);
	const code = requiredText(this, 'code', itemIndex, 'Code');
	const { statusCode, body } = await whispirApiRequest.call(this, {
		method: 'POST',
		path: `/otp/${encodeURIComponent(otpId)}/verify-code`,
		mediaType: VERIFY_MEDIA_TYPE,
		body: { to, code },
		itemIndex,
		isAnswer: (status, answer) => readCheckAnswer(status, answer) !== undefined,
	});
	const answer = typeof body === 'object' ? body : {};
	// The transport passed on only a 2xx or a refusal isAnswer accepted: both read as a result.
	const result = readCheckAnswer(statusCode, answer)!;
	return {
		...result,
		id: otpId,
		to,
		// Whispir's own words: the transaction's status, or the detail of its refusal.
		...(typeof answer.status === 'string' ? { status: answer.status } : {}),
		...(statusCode >= 400 && typeof answer.detail === 'string' ? { detail: answer.detail } : {}),
	};
}
