import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `"${label}" is empty in item ${itemIndex}`, {
			description: `Enter a value for "${label}", or map a field that has one for every item.`,
			itemIndex,
		});
	}
	return text;
}

/** A text parameter that may be empty (resource locators give their value); trimmed, undefined when empty. */
export function optionalText(context: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return text === '' ? undefined : text;
}

/** A value the user left empty: nothing, or only spaces. */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The ID picked in a resource locator (see `idLocator`); it must not be empty. */
export function pickedId(context: IExecuteFunctions, locator: { name: string; displayName: string }, itemIndex: number): string {
	return requiredText(context, locator.name, itemIndex, locator.displayName);
}
