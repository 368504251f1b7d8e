import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertIdSegment } from './validation';

/**
 * A text parameter that must not be empty once expressions are resolved. n8n checks required
 * fields in the editor only, so an expression that yields nothing must be caught here, before
 * anything is sent, with the field and the item named.
 */
export function requiredText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const text = optionalText(context, name, itemIndex);
	if (text === undefined) {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty in item ${itemIndex}`, {
			description: `Enter a value for "${label}", or map a field that has one for every item.`,
			itemIndex,
		});
	}
	return text;
}

/** A text parameter that may be empty (resource locators give their value); trimmed, undefined when empty. */
export function optionalText(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
): string | undefined {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

/** A value the user left empty: nothing, or only spaces. */
export function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * A resource locator's value inside a collection or fixed collection, where n8n hands over the
 * locator object (or a plain ID from older workflows) instead of extracting the value.
 */
export function locatorValue(value: unknown): string | undefined {
	const raw = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	return text === '' ? undefined : text;
}

/**
 * The ID picked in a resource locator (see `idLocator`); it must not be empty, and must be an ID
 * whatever shape the parameter has (a locator, or a plain string or number from an expression or an
 * older workflow). The transport checks every path again; this names the field as the user sees it.
 */
export function pickedId(
	context: IExecuteFunctions,
	locator: { name: string; displayName: string },
	itemIndex: number,
): string {
	return assertIdSegment(
		context,
		requiredText(context, locator.name, itemIndex, locator.displayName),
		itemIndex,
		locator.displayName,
	);
}

/**
 * Refuses an Update whose changes are all empty, before any request: the write would only send the
 * record back as it is. `hint` tells the user where changes are entered.
 */
export function assertSomethingToUpdate(
	context: IExecuteFunctions,
	changes: IDataObject,
	itemIndex: number,
	hint = 'Add at least one field under "Update Fields".',
): void {
	if (Object.values(changes).some((value) => value !== undefined)) return;
	throw new NodeOperationError(context.getNode(), `Nothing to update in item ${itemIndex}`, {
		description: hint,
		itemIndex,
	});
}

/**
 * A number field's value as a whole number of at least `min`. Expressions hand numbers over as text
 * ("25") as often as not, so text holding a whole number counts; anything else is refused here,
 * before a request, instead of reaching Whispir as "NaN" or being quietly ignored.
 */
export function wholeNumber(
	context: IExecuteFunctions,
	value: unknown,
	field: { label: string; min: number; max?: number },
	itemIndex: number,
): number {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	const { label, min, max } = field;
	if (Number.isInteger(number) && number >= min && (max === undefined || number <= max))
		return number;
	const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
	throw new NodeOperationError(
		context.getNode(),
		`"${label}" in item ${itemIndex} is not a whole number ${range}: "${String(value)}"`,
		{
			description: `Enter a whole number ${max === undefined ? `of ${min} or more` : range}, or map a field that holds one.`,
			itemIndex,
		},
	);
}

/** A boolean field's value; an expression may give the text "true" or "false". */
export function isOn(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** Return All and Limit (see `returnAllOrLimit`): undefined to read everything, else how many to read. */
export function listLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (isOn(context.getNodeParameter('returnAll', itemIndex, false))) return undefined;
	return wholeNumber(
		context,
		context.getNodeParameter('limit', itemIndex, 50),
		{ label: 'Limit', min: 1 },
		itemIndex,
	);
}

/** IDs written as one comma-separated text, as Whispir stores list members and takes workspace IDs. */
export function splitIds(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
}

/** Values as text, trimmed, the empty ones left out: for query parameters and for the fields of a partial body. */
export function nonEmptyTexts(values: IDataObject): IDataObject {
	const texts: IDataObject = {};
	for (const [key, value] of Object.entries(values)) {
		const text = String(value ?? '').trim();
		if (text !== '') texts[key] = text;
	}
	return texts;
}

/** The entries of a fixed collection with multiple values, in the order the user gave them. */
export function fixedCollectionEntries(value: unknown, key: string): IDataObject[] {
	return ((value as IDataObject | undefined)?.[key] as IDataObject[] | undefined) ?? [];
}
