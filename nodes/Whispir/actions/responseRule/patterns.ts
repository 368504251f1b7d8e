import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The reply categories of a rule, as a repeating group (Create, and Update when they change). */
export const patternsField: INodeProperties = {
	displayName: 'Categories',
	name: 'patterns',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Category',
	default: {},
	description:
		'Each category says which replies belong to it, by text (SMS, email, web) or by key press (voice)',
	options: [
		{
			displayName: 'Category',
			name: 'pattern',
			values: [
				{
					displayName: 'Colour',
					name: 'colour',
					type: 'color',
					default: '#00947d',
					description:
						'The colour of the category in Whispir response reports and Rich Message buttons',
				},
				{
					displayName: 'Match Type',
					name: 'pattern',
					type: 'options',
					// The field table writes startsWith; the example startswith (Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule).
					options: [
						{
							name: 'Contains',
							value: 'contains',
							description: 'The reply contains the text prompt anywhere',
						},
						{
							name: 'Exact Match',
							value: 'exactmatch',
							description: 'The reply is exactly the text prompt',
						},
						{
							name: 'Starts With',
							value: 'startsWith',
							description: 'The reply begins with the text prompt',
						},
					],
					default: 'startsWith',
					description: 'How a text reply is compared with the Text Prompt',
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. Yes',
					description:
						'The category name, shown in response reports and passed to callbacks as matchedCategory',
				},
				{
					displayName: 'Spoken Voice Prompt',
					name: 'spokenVoicePrompt',
					type: 'string',
					default: '',
					placeholder: 'e.g. to select YES',
					description:
						'The text read out (text-to-speech) to tell a voice call recipient what this category means',
				},
				{
					displayName: 'Text Prompt',
					name: 'textPrompt',
					type: 'string',
					default: '',
					placeholder: 'e.g. YES',
					description: 'The text a reply by SMS, email or web must start with, contain or equal',
				},
				{
					displayName: 'Voice Prompt',
					name: 'voicePrompt',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1',
					description:
						'The key a voice call recipient presses for this category: one of 0-9, * or #',
				},
			],
		},
	],
};

/**
 * The user's categories as Whispir's `responseTemplatePatterns`; undefined when none were given.
 * A voice prompt must be one key (Whispir's Response Rules docs: https://developers.whispir.com/c2NoOjM4OTQzOTA1-response-rule); that is checked here, before anything is sent.
 */
export function responsePatterns(
	context: IExecuteFunctions,
	itemIndex: number,
): IDataObject | undefined {
	const groups = context.getNodeParameter('patterns', itemIndex, {}) as { pattern?: IDataObject[] };
	if (!groups.pattern || groups.pattern.length === 0) return undefined;
	const patterns = groups.pattern.map((pattern, position) => {
		const voicePrompt = String(pattern.voicePrompt ?? '').trim();
		if (voicePrompt !== '' && !/^[0-9*#]$/.test(voicePrompt)) {
			throw new NodeOperationError(
				context.getNode(),
				`"Voice Prompt" of category ${position + 1} in item ${itemIndex} is not one key: "${voicePrompt}"`,
				{ description: 'Enter a single key a phone has: a digit 0-9, * or #.', itemIndex },
			);
		}
		return {
			name: String(pattern.name ?? '').trim(),
			pattern: pattern.pattern ?? 'startsWith',
			textPrompt: pattern.textPrompt ?? '',
			voicePrompt,
			spokenVoicePrompt: pattern.spokenVoicePrompt ?? '',
			colour: pattern.colour ?? '',
		};
	});
	const unnamed = patterns.findIndex((pattern) => pattern.name === '');
	if (unnamed >= 0) {
		throw new NodeOperationError(
			context.getNode(),
			`"Name" of category ${unnamed + 1} is empty in item ${itemIndex}`,
			{
				description: 'Give every category a name, e.g. Yes or No.',
				itemIndex,
			},
		);
	}
	return { responseTemplatePattern: patterns };
}
