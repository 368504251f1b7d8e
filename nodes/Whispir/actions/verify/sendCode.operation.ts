import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { idLocator } from '../common.descriptions';
import { pickedId, wholeNumber } from '../parameters';
import { VERIFY_MEDIA_TYPE, phoneField, readPhone } from './fields';

/** Limits of sendCodeCreate's `codeLength` and `expiresIn` (Whispir's OpenAPI). */
const CODE_LENGTH = { label: 'Code Length', min: 6, max: 15 };
const EXPIRES_IN = { label: 'Expires In (Seconds)', min: 1, max: 86_400 };

const workspace = idLocator({
	name: 'workspace',
	displayName: 'Workspace',
	searchListMethod: 'searchWorkspaces',
	description: 'The workspace the code is sent from (Whispir requires one)',
});

const properties: INodeProperties[] = [
	workspace,
	phoneField('The mobile number to text the code to, with its country code'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Code Length',
				name: 'codeLength',
				type: 'number',
				typeOptions: { minValue: CODE_LENGTH.min, maxValue: CODE_LENGTH.max },
				default: 6,
				description: 'How many digits the code has, from 6 to 15',
			},
			{
				displayName: 'Expires In (Seconds)',
				name: 'expiresIn',
				type: 'number',
				typeOptions: { minValue: EXPIRES_IN.min, maxValue: EXPIRES_IN.max },
				default: 300,
				description: 'How long the code can be checked, in seconds; at most 86400 (one day)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['verify'], operation: ['sendCode'] } },
	properties,
);

/**
 * Texts a one-time code (sendCodeCreate, POST /otp/send-code). Whispir answers with the code's ID,
 * which Check Code needs. A POST: the transport never repeats it once it may have reached Whispir,
 * so a person never gets two codes from one run.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		workspaceId: pickedId(this, workspace, itemIndex),
		// The only channel Whispir documents: "Currently, we send the SMS" (sendCodeCreate).
		channel: 'sms',
		to: readPhone(this, itemIndex),
		codeLength: wholeNumber(this, options.codeLength ?? 6, CODE_LENGTH, itemIndex),
		expiresIn: wholeNumber(this, options.expiresIn ?? 300, EXPIRES_IN, itemIndex),
	};
	let otp;
	try {
		({ body: otp } = await whispirApiRequest.call(this, {
			method: 'POST',
			path: '/otp/send-code',
			mediaType: VERIFY_MEDIA_TYPE,
			body,
			itemIndex,
		}));
	} catch (error) {
		throw withAliasHint(error);
	}
	// Whispir's Otp: id, channel, codeLength, to, expiresAt, status ("pending"), links.
	return typeof otp === 'object' ? otp : { ...body, answer: otp };
}

/**
 * Verify sends from the Sender ID of an alias named `otp` (sendCodeCreate: "You will need to
 * initially set up an alias name with value `otp` via `Alias Manager`"): when Whispir's refusal
 * is about it, say where it is set up.
 */
function withAliasHint(error: unknown): unknown {
	if (!(error instanceof NodeApiError) || !/alias/i.test(error.message)) return error;
	const hint =
		'Verify needs an alias named "otp" in the Alias Manager of your Whispir company; a Company Administrator sets it up.';
	error.description = error.description ? `${hint} ${error.description}` : hint;
	return error;
}
