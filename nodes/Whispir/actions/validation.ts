import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isIdSegment, notAnIdError } from '../transport/paths';

/**
 * Checks at the edge, before anything is sent: a value Whispir would refuse (or worse, accept and
 * deliver nowhere) fails here with the item and the field named, and the fix in the description.
 */

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
// Whispir wants the country code and no "+" (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message); spaces, dashes and brackets are tolerated here.
const PHONE_CHARACTERS = /^\+?[\d\s().-]+$/;

export function isEmail(value: string): boolean {
	return EMAIL.test(value.trim());
}

/** The digits Whispir expects for a phone number, or undefined when it is not one. */
export function phoneDigits(value: string): string | undefined {
	if (!PHONE_CHARACTERS.test(value.trim())) return undefined;
	const digits = value.replace(/\D/g, '');
	return digits.length >= 6 && digits.length <= 15 ? digits : undefined;
}

/** Bad input in a field: names the field, the item and the value, and says how to fix it. */
export function invalidValue(
	context: IExecuteFunctions,
	itemIndex: number,
	label: string,
	value: string,
	fix: string,
) {
	return new NodeOperationError(
		context.getNode(),
		`"${label}" in item ${itemIndex} is not valid: "${value}"`,
		{
			description: fix,
			itemIndex,
		},
	);
}

/** Bad input described in the user's words: "<what> in item N", with how to fix it. */
export function inputError(
	context: IExecuteFunctions,
	what: string,
	itemIndex: number,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${what} in item ${itemIndex}`, {
		description: fix,
		itemIndex,
	});
}

export function assertEmail(
	context: IExecuteFunctions,
	value: string,
	itemIndex: number,
	label: string,
): string {
	if (!isEmail(value)) {
		throw invalidValue(
			context,
			itemIndex,
			label,
			value,
			'Enter an email address such as jane@example.com.',
		);
	}
	return value.trim();
}

/** Returns the number as Whispir wants it: digits only, country code first. */
export function assertPhone(
	context: IExecuteFunctions,
	value: string,
	itemIndex: number,
	label: string,
): string {
	const digits = phoneDigits(value);
	if (digits === undefined) {
		throw invalidValue(
			context,
			itemIndex,
			label,
			value,
			'Enter the number with its country code, for example 61423456789 or +61 423 456 789.',
		);
	}
	return digits;
}

/** An ID that goes into a request path: refused unless it is one (see `isIdSegment`). */
export function assertIdSegment(
	context: IExecuteFunctions,
	id: string,
	itemIndex: number,
	label: string,
): string {
	if (isIdSegment(id)) return id;
	throw notAnIdError(context.getNode(), label, id, itemIndex);
}
