import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fixedCollectionEntries, optionalText } from '../parameters';
import { inputError } from '../validation';

/**
 * The RCS channel (OpenAPI schemas `RCS`, `RCSMedia`, `RCSRichCard`, `RCSCard`, `RCSSuggestion`):
 * one text, one media file or one rich card (a carousel when several cards), then optional
 * suggestion buttons; `features.fallback` names the Rich Message Template sent by SMS to phones
 * RCS cannot reach.
 */

const show = (extra: IDataObject = {}) => ({ show: { channels: ['rcs'], ...extra } });

const heightField: INodeProperties = {
	displayName: 'Media Height',
	name: 'height',
	type: 'options',
	options: [
		{ name: 'Short', value: 'SHORT' },
		{ name: 'Medium', value: 'MEDIUM' },
		{ name: 'Tall', value: 'TALL' },
	],
	default: 'MEDIUM',
	description: 'How tall the media shows in the message',
};

const mediaUrlField: INodeProperties = {
	displayName: 'Media URL',
	name: 'fileUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/offer.png',
	description: 'The public address of the image or video (10 to 1,000 characters)',
};

const ACTIONS = [
	{ name: 'Reply', value: 'reply', description: 'Sends the postback data back to you' },
	{ name: 'Open Link', value: 'url', description: 'Opens "URL" on the phone' },
	{ name: 'Call', value: 'dial', description: 'Calls "Phone Number"' },
	{
		name: 'Share Location',
		value: 'shareLocation',
		description: 'Asks for the location of the recipient',
	},
	{
		name: 'View Location',
		value: 'viewLocation',
		description: 'Shows the place given by latitude, longitude and label, or by "Location Query"',
	},
].sort((a, b) => a.name.localeCompare(b.name));

const suggestionsField: INodeProperties = {
	displayName: 'RCS Suggestions',
	name: 'rcsSuggestions',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Suggestion',
	default: {},
	displayOptions: show(),
	description: 'Buttons shown below the message, in order; a tap sends you their postback data',
	options: [
		{
			displayName: 'Suggestion',
			name: 'suggestion',
			values: [
				{
					displayName: 'Action',
					name: 'action',
					type: 'options',
					options: ACTIONS,
					default: 'reply',
				},
				{
					displayName: 'Button Text',
					name: 'text',
					type: 'string',
					default: '',
					placeholder: 'e.g. Yes',
					description: 'Up to 25 characters',
				},
				{
					displayName: 'Latitude',
					name: 'latitude',
					type: 'number',
					typeOptions: { numberPrecision: 6 },
					default: 0,
					description: 'For View Location',
				},
				{
					displayName: 'Location Label',
					name: 'label',
					type: 'string',
					default: '',
					placeholder: 'e.g. North Sydney',
					description: 'For View Location',
				},
				{
					displayName: 'Location Query',
					name: 'query',
					type: 'string',
					default: '',
					placeholder: 'e.g. Sydney Opera House',
					description: 'For View Location: a search the phone opens instead of the coordinates',
				},
				{
					displayName: 'Longitude',
					name: 'longitude',
					type: 'number',
					typeOptions: { numberPrecision: 6 },
					default: 0,
					description: 'For View Location',
				},
				{
					displayName: 'Phone Number',
					name: 'phoneNumber',
					type: 'string',
					default: '',
					placeholder: 'e.g. +61299002200',
					description: 'For Call',
				},
				{
					displayName: 'Postback Data',
					name: 'postbackData',
					type: 'string',
					default: '',
					placeholder: 'e.g. confirm_yes',
					description: 'What you receive when the button is tapped',
				},
				{
					displayName: 'URL',
					name: 'url',
					type: 'string',
					default: '',
					placeholder: 'e.g. https://example.com/booking',
					description: 'For Open Link',
				},
			],
		},
	],
};

export const rcsFields: INodeProperties[] = [
	{
		displayName: 'RCS Content',
		name: 'rcsContent',
		type: 'options',
		options: [
			{ name: 'Text', value: 'text', description: 'A text of up to 2,048 characters' },
			{ name: 'Media', value: 'media', description: 'One image or video' },
			{
				name: 'Rich Card',
				value: 'richCard',
				description: 'One or more cards (a carousel) with title, description and media',
			},
		],
		default: 'text',
		displayOptions: show(),
		description: 'What the RCS message shows',
	},
	{
		displayName: 'RCS Text',
		name: 'rcsText',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		displayOptions: show({ rcsContent: ['text'] }),
		placeholder: 'e.g. Your parcel arrives today between 2 and 4 pm',
		description: 'The text of the message (up to 2,048 characters)',
	},
	{ ...mediaUrlField, name: 'rcsMediaUrl', displayOptions: show({ rcsContent: ['media'] }) },
	{ ...heightField, name: 'rcsMediaHeight', displayOptions: show({ rcsContent: ['media'] }) },
	{
		displayName: 'Cards',
		name: 'rcsCards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Card',
		default: {},
		displayOptions: show({ rcsContent: ['richCard'] }),
		description: 'The cards, in order; several make a carousel',
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description: 'Up to 2,000 characters',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						placeholder: 'e.g. Summer sale',
						description: 'Up to 200 characters',
					},
					heightField,
					mediaUrlField,
				],
			},
		],
	},
	{
		displayName: 'Card Orientation',
		name: 'rcsCardOrientation',
		type: 'options',
		options: [
			{ name: 'Vertical', value: 'VERTICAL' },
			{ name: 'Horizontal', value: 'HORIZONTAL' },
		],
		default: 'VERTICAL',
		displayOptions: show({ rcsContent: ['richCard'] }),
	},
	{
		displayName: 'Card Width',
		name: 'rcsCardWidth',
		type: 'options',
		options: [
			{ name: 'Small', value: 'SMALL' },
			{ name: 'Medium', value: 'MEDIUM' },
		],
		default: 'MEDIUM',
		displayOptions: show({ rcsContent: ['richCard'] }),
	},
	suggestionsField,
	{
		displayName: 'SMS Fallback Template',
		name: 'rcsFallbackTemplate',
		type: 'string',
		default: '',
		displayOptions: show(),
		placeholder: 'e.g. rcs_fallback_template',
		description:
			'The name of a Rich Message Template sent by SMS to recipients RCS cannot reach. Leave empty for no fallback.',
	},
];

const text = (value: unknown) => String(value ?? '').trim();

function media(context: IExecuteFunctions, where: string, value: IDataObject, itemIndex: number) {
	const fileUrl = text(value.fileUrl);
	if (!/^https?:\/\/\S{3,}$/i.test(fileUrl) || fileUrl.length > 1000)
		throw inputError(
			context,
			`${where} is not an http(s) address of 10 to 1,000 characters: "${fileUrl}"`,
			itemIndex,
			'Enter the public address of the image or video.',
		);
	return { fileUrl, height: text(value.height) || 'MEDIUM' };
}

/** RCSSuggestion: text and postbackData, plus at most one special action. */
function suggestion(
	context: IExecuteFunctions,
	entry: IDataObject,
	position: number,
	itemIndex: number,
) {
	const where = `Suggestion ${position + 1} of "RCS Suggestions"`;
	const label = text(entry.text);
	const postbackData = text(entry.postbackData);
	if (label === '' || label.length > 25)
		throw inputError(
			context,
			`${where} needs a button text of 1 to 25 characters`,
			itemIndex,
			'Shorten or fill in "Button Text".',
		);
	if (postbackData === '')
		throw inputError(
			context,
			`${where} has no postback data`,
			itemIndex,
			'Enter what you want to receive when the button is tapped.',
		);
	const result: IDataObject = { text: label, postbackData };
	const need = (field: string, name: string) => {
		const value = text(entry[field]);
		if (value === '')
			throw inputError(
				context,
				`${where} has no ${name}`,
				itemIndex,
				`Its action needs "${name}".`,
			);
		return value;
	};
	switch (entry.action) {
		case 'url':
			result.urlAction = { url: need('url', 'URL') };
			break;
		case 'dial':
			result.dialAction = { phoneNumber: need('phoneNumber', 'Phone Number') };
			break;
		case 'shareLocation':
			// The schema's action has no fields: its presence asks for the location.
			result.shareLocationAction = {};
			break;
		case 'viewLocation': {
			const query = text(entry.query);
			result.viewLocationAction = query
				? { query }
				: {
						latitude: Number(entry.latitude ?? 0),
						longitude: Number(entry.longitude ?? 0),
						...(text(entry.label) ? { label: text(entry.label) } : {}),
					};
			break;
		}
	}
	return result;
}

/** The item's `rcs` section and, with a fallback template, its `features.fallback`. */
export function readRcs(
	context: IExecuteFunctions,
	itemIndex: number,
): { rcs: IDataObject; fallback?: IDataObject } {
	const kind = context.getNodeParameter('rcsContent', itemIndex, 'text') as string;
	const rcs: IDataObject = {};
	// One element only: the RCS schema says "one of" text, media and rich card (its "Media with
	// Suggestions" example carries all three; the description is followed, as the safer reading).
	if (kind === 'text') {
		const rcsText = optionalText(context, 'rcsText', itemIndex);
		if (rcsText === undefined)
			throw inputError(
				context,
				'"RCS Text" is empty',
				itemIndex,
				'Enter the text, or remove RCS from "Channels".',
			);
		if (rcsText.length > 2048)
			throw inputError(
				context,
				`"RCS Text" has ${rcsText.length} characters`,
				itemIndex,
				'RCS takes up to 2,048 characters.',
			);
		rcs.text = rcsText;
	} else if (kind === 'media') {
		rcs.media = media(
			context,
			'"Media URL"',
			{
				fileUrl: context.getNodeParameter('rcsMediaUrl', itemIndex, ''),
				height: context.getNodeParameter('rcsMediaHeight', itemIndex, 'MEDIUM'),
			},
			itemIndex,
		);
	} else {
		const cards = fixedCollectionEntries(
			context.getNodeParameter('rcsCards', itemIndex, {}),
			'card',
		);
		if (cards.length === 0)
			throw inputError(context, '"Cards" is empty', itemIndex, 'Add at least one card.');
		rcs.richCard = {
			cardOrientation: context.getNodeParameter('rcsCardOrientation', itemIndex, 'VERTICAL'),
			cardWidth: context.getNodeParameter('rcsCardWidth', itemIndex, 'MEDIUM'),
			cards: cards.map((card, position) => {
				const title = text(card.title);
				if (title.length > 200)
					throw inputError(
						context,
						`Card ${position + 1} has a title over 200 characters`,
						itemIndex,
						'Shorten it.',
					);
				return {
					...(title ? { title } : {}),
					...(text(card.description) ? { description: text(card.description) } : {}),
					...(text(card.fileUrl)
						? { media: media(context, `The media URL of card ${position + 1}`, card, itemIndex) }
						: {}),
				};
			}),
		};
	}
	const suggestions = fixedCollectionEntries(
		context.getNodeParameter('rcsSuggestions', itemIndex, {}),
		'suggestion',
	);
	if (suggestions.length > 0)
		rcs.suggestions = suggestions.map((entry, position) =>
			suggestion(context, entry, position, itemIndex),
		);
	const templateName = optionalText(context, 'rcsFallbackTemplate', itemIndex);
	// Features.fallback: "only supported for RCS message and the only allowed fallback channel is SMS".
	return templateName ? { rcs, fallback: { channel: 'SMS', templateName } } : { rcs };
}
