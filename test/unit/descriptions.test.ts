// The descriptions as n8n's editor receives them: built by the operation factories and spread
// helpers at runtime, where the static lint (which reads literals) cannot see them.
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { WhispirTrigger } from '../../nodes/WhispirTrigger/WhispirTrigger.node';

type Property = INodeProperties | INodePropertyCollection;
type Option = INodePropertyOptions;

const sources: Array<{
	name: string;
	properties: INodeProperties[];
	description?: INodeTypeDescription;
}> = [
	{
		name: 'Whispir',
		properties: new Whispir().description.properties,
		description: new Whispir().description,
	},
	{
		name: 'Whispir Trigger',
		properties: new WhispirTrigger().description.properties,
		description: new WhispirTrigger().description,
	},
	{ name: 'Whispir API credential', properties: (new WhispirApi() as ICredentialType).properties },
];

/** Every property at every depth, with the path a reader can find it by. */
function walk(
	properties: Property[],
	path: string[] = [],
): Array<{ property: Property; path: string }> {
	const found: Array<{ property: Property; path: string }> = [];
	for (const property of properties) {
		const here = [...path, property.displayName];
		found.push({ property, path: here.join(' › ') });
		const nested =
			'options' in property ? property.options : 'values' in property ? property.values : undefined;
		if (!nested) continue;
		const children = (nested as Array<Property | Option>).filter(
			(child) => 'displayName' in child,
		) as Property[];
		found.push(...walk(children, here));
	}
	return found;
}

const everything = sources.flatMap((source) =>
	walk(source.properties).map((entry) => ({ ...entry, path: `${source.name}: ${entry.path}` })),
);
const parameters = everything.filter(({ property }) => 'type' in property) as Array<{
	property: INodeProperties;
	path: string;
}>;

/**
 * Option lists of 5 or more whose order is a scale, shown in that order on purpose (n8n's rule:
 * alphabetical, except where the values have a natural order). Keyed by the parameter's name.
 */
// (The event's severity and priority scales were here too, until they became text fields: each company
// sets up its own event form.)
const ORDINAL_SCALES: Record<string, string> = {
	rateLimit:
		"Whispir's API editions from the slowest to the fastest, after Automatic (the default) and before Custom",
};

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' });
const isSorted = (names: string[]) =>
	names.every((name, index) => index === 0 || byName(names[index - 1], name) <= 0);

describe('runtime descriptions', () => {
	it('finds the properties of both nodes and the credential', () => {
		expect(parameters.length).toBeGreaterThan(500);
		expect(sources.map((source) => source.properties.length).every((count) => count > 0)).toBe(
			true,
		);
	});

	it('sorts option lists of 5 or more alphabetically, except the listed ordinal scales', () => {
		const unsorted = parameters
			.filter(({ property }) => property.type === 'options' || property.type === 'multiOptions')
			.filter(({ property }) => !(property.name in ORDINAL_SCALES))
			.filter(({ property }) => Array.isArray(property.options) && property.options.length >= 5)
			.filter(
				({ property }) => !isSorted((property.options as Option[]).map((option) => option.name)),
			)
			.map(({ path }) => path);
		expect(unsorted).toEqual([]);
	});

	it('sorts the fields of collections alphabetically', () => {
		const unsorted = parameters
			.filter(
				({ property }) => property.type === 'collection' || property.type === 'fixedCollection',
			)
			.filter(
				({ property }) =>
					!isSorted((property.options as Property[]).map((option) => option.displayName)),
			)
			.map(({ path }) => path);
		expect(unsorted).toEqual([]);
	});

	it('writes display names and option names in Title Case', () => {
		const SMALL_WORDS = new Set([
			'a',
			'an',
			'and',
			'as',
			'at',
			'by',
			'for',
			'from',
			'in',
			'of',
			'on',
			'or',
			'per',
			'the',
			'to',
			'via',
			'with',
		]);
		const miscased = (text: string) =>
			text
				.split(/\s+/)
				.some(
					(word, index) =>
						/^[a-z]/.test(word) &&
						!(index > 0 && SMALL_WORDS.has(word)) &&
						!/^e\.g\.|^i\.e\./.test(word),
				);
		const names = [
			// A notice's "display name" is its text, a sentence.
			...everything
				.filter(({ property }) => !('type' in property && property.type === 'notice'))
				.map(({ property, path }) => ({ text: property.displayName, path })),
			...parameters
				.filter(({ property }) => property.type === 'options' || property.type === 'multiOptions')
				.filter(({ property }) => Array.isArray(property.options))
				.flatMap(({ property, path }) =>
					(property.options as Option[]).map((option) => ({
						text: option.name,
						path: `${path} › ${option.name}`,
					})),
				),
		];
		expect(names.filter(({ text }) => miscased(text)).map(({ path }) => path)).toEqual([]);
	});

	it("writes descriptions in n8n's form", () => {
		const problems: string[] = [];
		const check = (description: string | undefined, path: string, isBoolean: boolean) => {
			if (!description) return;
			const text = description.trim();
			// An option described by the Whispir field it stands for, e.g. "firstName".
			if (/^[a-z][A-Za-z0-9_]*$/.test(text)) return;
			// An option described by the Whispir field it stands for, e.g. "firstName".
			if (/^[a-z][A-Za-z0-9_]*$/.test(text)) return;
			if (text !== description) problems.push(`${path}: spaces around the description`);
			if (!/^[A-Z0-9"'@(`{=]/.test(text))
				problems.push(`${path}: starts with "${text.slice(0, 12)}"`);
			// One sentence: no final period. More than one: every sentence ends with one.
			const sentences = text.split(/(?<!\b(?:e\.g|i\.e|etc|vs))[.!?]\s+(?=\S)/);
			if (sentences.length === 1 && /[^.]\.$/.test(text))
				problems.push(`${path}: one sentence ending in a period`);
			if (sentences.length > 1 && !/[.!?)"]$/.test(text))
				problems.push(`${path}: several sentences without a final period`);
			if (isBoolean && !text.startsWith('Whether'))
				problems.push(`${path}: a boolean's description starts with "Whether"`);
		};
		for (const { property, path } of parameters)
			check(property.description, path, property.type === 'boolean');
		for (const { property, path } of parameters) {
			if (!Array.isArray(property.options) || !['options', 'multiOptions'].includes(property.type))
				continue;
			for (const option of property.options as Option[])
				check(option.description, `${path} › ${option.name}`, false);
		}
		expect(problems).toEqual([]);
	});

	it('gives every operation an action', () => {
		const operations = parameters.filter(({ property }) => property.name === 'operation');
		expect(operations.length).toBeGreaterThan(10);
		const withoutAction = operations.flatMap(({ property, path }) =>
			(property.options as Option[])
				.filter((option) => !option.action)
				.map((option) => `${path} › ${option.name}`),
		);
		expect(withoutAction).toEqual([]);
	});

	it('offers "From List" in every resource locator whose records Whispir can list', () => {
		// Records Whispir has no list endpoint for, or that only exist inside another record.
		const NO_LIST: Record<string, string> = {};
		const listSearch = Object.keys(new Whispir().methods.listSearch);
		const missing: string[] = [];
		for (const { property, path } of parameters) {
			if (property.type !== 'resourceLocator' || property.name in NO_LIST) continue;
			const list = property.modes?.find((mode) => mode.name === 'list');
			if (!list) missing.push(`${path}: no From List mode`);
			else if (!listSearch.includes(list.typeOptions?.searchListMethod ?? '')) {
				missing.push(`${path}: From List names an unknown search method`);
			}
		}
		expect(missing).toEqual([]);
	});
});
