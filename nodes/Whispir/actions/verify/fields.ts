import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requiredText } from '../parameters';
import { invalidValue, phoneDigits } from '../validation';

/** Where Verify lives: plain JSON, not a Whispir vendor type (sendCodeCreate, verifyCodeCreate). */
export const VERIFY_MEDIA_TYPE = 'application/json';

/** The phone number a code goes to (Send Code) or was sent to (Check Code): Whispir's `to`. */
export function phoneField(description: string): INodeProperties {
	return {
		displayName: 'Phone Number',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +61423456789',
		description,
	};
}

/**
 * The number in the international form Whispir's Verify examples use (sendCodeCreate and
 * verifyCodeCreate show `+1234567890`): "+", then country code and number. Check Code must send
 * the number as Send Code did, so both read it here.
 */
export function readPhone(context: IExecuteFunctions, itemIndex: number): string {
	const value = requiredText(context, 'to', itemIndex, 'Phone Number');
	const digits = phoneDigits(value);
	// No country code starts with 0: "0423 456 789" is a national number Whispir would refuse.
	if (digits === undefined || digits.startsWith('0')) {
		throw invalidValue(
			context,
			itemIndex,
			'Phone Number',
			value,
			'Nothing was sent. Enter the mobile number with its country code and without the leading 0 of the national number, for example +61423456789 or +61 423 456 789.',
		);
	}
	return `+${digits}`;
}
