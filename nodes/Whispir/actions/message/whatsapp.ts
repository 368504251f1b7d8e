import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { storeResource } from '../resource/fileContent';
import { fixedCollectionEntries, optionalText } from '../parameters';
import { inputError } from '../validation';

/**
 * The WhatsApp channel (OpenAPI schema `WhatsApp` of `messageCreate`): a template approved in the
 * company's WhatsApp Business Manager, either given here (name, header, body values, buttons) or
 * taken from a WhatsApp-enabled Rich Message Template (since October 2025), whose settings the
 * fields given here override.
 */

export const WHATSAPP_REQUIREMENT =
	'WhatsApp sends only templates approved in your WhatsApp Business Manager, named exactly as there, from a Whispir account with WhatsApp enabled (ask your Whispir account manager).';

const HEADER_MEDIA = ['image', 'video', 'document'] as const;

const show = (extra: IDataObject = {}) => ({ show: { channels: ['whatsapp'], ...extra } });
/** Header and buttons exist only in the template content (v1); v2 takes positional parameters only. */
const showContent = show({ whatsappSource: ['template'], whatsappFormat: ['content'] });

const languageField: INodeProperties = {
	displayName: 'WhatsApp Language',
	name: 'whatsappLanguage',
	type: 'string',
	default: '',
	placeholder: 'e.g. en_AU',
	description:
		'The language of the template, as in your WhatsApp Business Manager (2 to 5 characters, e.g. en, en_AU). Leave empty for the default.',
};

export function whatsappFields(options: { bulk: boolean }): INodeProperties[] {
	const headerSources = [
		{ name: 'URL', value: 'url', description: 'A public address of the file' },
		...(options.bulk
			? []
			: [
					{
						name: 'Binary File',
						value: 'binary',
						description:
							'A file from an earlier node, stored as a public Whispir resource whose address WhatsApp reads',
					},
				]),
	];
	return [
		{
			displayName: WHATSAPP_REQUIREMENT,
			name: 'whatsappNotice',
			type: 'notice',
			default: '',
			displayOptions: show(),
		},
		{
			displayName: 'WhatsApp Source',
			name: 'whatsappSource',
			type: 'options',
			options: [
				{
					name: 'WhatsApp Template',
					value: 'template',
					description: 'An approved WhatsApp template, with its values given here',
				},
				{
					name: 'Rich Message Template',
					value: 'richMessageTemplate',
					description:
						'The WhatsApp settings of the Whispir template picked under Options → Template; what you fill in here overrides them',
				},
			],
			default: 'template',
			displayOptions: show(),
			description: 'Where the WhatsApp message comes from',
		},
		{
			displayName: 'WhatsApp Template Name',
			name: 'whatsappTemplateName',
			type: 'string',
			default: '',
			displayOptions: show(),
			placeholder: 'e.g. appointment_reminder',
			hint: 'Exactly as in your WhatsApp Business Manager. With a Rich Message Template, leave empty to use its template.',
			description: 'The name of the approved WhatsApp template',
		},
		{
			displayName: 'WhatsApp Values',
			name: 'whatsappFormat',
			type: 'options',
			options: [
				{
					name: 'Header, Body Values and Buttons',
					value: 'content',
					description: "Whispir's template content: header media, body values, dynamic buttons",
				},
				{
					name: 'Positional Parameters (V2)',
					value: 'parameters',
					description:
						'Body values only, with the template language; needs the Rich Message Template feature enabled on your account',
				},
			],
			default: 'content',
			displayOptions: show({ whatsappSource: ['template'] }),
			description: 'How the values of the template are sent. Version 2 takes no header or buttons.',
		},
		// Version 2 only: shown for positional parameters and for Rich Message Templates.
		{
			...languageField,
			displayOptions: show({ whatsappSource: ['template'], whatsappFormat: ['parameters'] }),
		},
		{ ...languageField, displayOptions: show({ whatsappSource: ['richMessageTemplate'] }) },
		{
			displayName: 'Body Parameters',
			name: 'whatsappParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: show(),
			description:
				'The values of the template body placeholders, in order: the first fills {{1}}, the second {{2}} …',
			options: [
				{
					displayName: 'Parameter',
					name: 'parameter',
					values: [
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. Jane or @@first_name@@',
						},
					],
				},
			],
		},
		{
			displayName: 'WhatsApp Header',
			name: 'whatsappHeader',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'Location', value: 'location' },
				{ name: 'None', value: 'none' },
				{ name: 'Video', value: 'video' },
			],
			default: 'none',
			displayOptions: showContent,
			description: 'The header the template has: one media file or a location',
		},
		{
			displayName: 'Header Media Source',
			name: 'whatsappHeaderSource',
			type: 'options',
			options: headerSources,
			default: 'url',
			displayOptions: {
				show: { ...showContent.show, whatsappHeader: [...HEADER_MEDIA] },
			},
			description: 'Where the header image, video or document comes from',
		},
		{
			displayName: 'Header Media URL',
			name: 'whatsappHeaderUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/banner.jpg',
			displayOptions: {
				show: {
					...showContent.show,
					whatsappHeader: [...HEADER_MEDIA],
					whatsappHeaderSource: ['url'],
				},
			},
			description: 'A public http(s) address WhatsApp can download the file from',
		},
		...(options.bulk
			? []
			: [
					{
						displayName: 'Header Media Binary Field',
						name: 'whatsappHeaderBinary',
						type: 'string',
						default: 'data',
						placeholder: 'e.g. data',
						hint: 'The name of the input binary field containing the file',
						displayOptions: {
							show: {
								...showContent.show,
								whatsappHeader: [...HEADER_MEDIA],
								whatsappHeaderSource: ['binary'],
							},
						},
						description:
							'The file is stored as a public Whispir resource (one more request, anyone with its address can open it) and WhatsApp reads it from there',
					} satisfies INodeProperties,
				]),
		{
			displayName: 'Header Location',
			name: 'whatsappLocation',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Location',
			displayOptions: { show: { ...showContent.show, whatsappHeader: ['location'] } },
			options: [
				{
					displayName: 'Location',
					name: 'location',
					values: [
						{
							displayName: 'Address',
							name: 'address',
							type: 'string',
							default: '',
							placeholder: 'e.g. 1 Collins St, Melbourne VIC 3000',
						},
						{
							displayName: 'Latitude',
							name: 'latitude',
							type: 'number',
							default: 0,
							typeOptions: { numberPrecision: 6 },
						},
						{
							displayName: 'Longitude',
							name: 'longitude',
							type: 'number',
							default: 0,
							typeOptions: { numberPrecision: 6 },
						},
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'e.g. Head Office',
						},
					],
				},
			],
		},
		{
			displayName: 'WhatsApp Buttons',
			name: 'whatsappButtons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Button',
			default: {},
			displayOptions: showContent,
			description: "The values of the template's dynamic buttons",
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'Button Position',
							name: 'index',
							type: 'number',
							typeOptions: { minValue: 0 },
							default: 0,
							description: "The button's position in the template, counted from 0",
						},
						{
							displayName: 'Type',
							name: 'subType',
							type: 'options',
							options: [
								{ name: 'Quick Reply', value: 'quick_reply' },
								{ name: 'Link', value: 'url' },
							],
							default: 'quick_reply',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. Yes-Button-Payload or search?q=order',
							description:
								'Quick Reply: the payload configured in your WhatsApp Business Manager. Link: the end of the address the button opens.',
						},
					],
				},
			],
		},
	];
}

const invalid = (context: IExecuteFunctions, what: string, itemIndex: number, fix: string) =>
	inputError(context, what, itemIndex, `${fix} ${WHATSAPP_REQUIREMENT}`);

function readParameters(context: IExecuteFunctions, itemIndex: number): string[] {
	const values = fixedCollectionEntries(
		context.getNodeParameter('whatsappParameters', itemIndex, {}),
		'parameter',
	);
	return values.map(({ value }, position) => {
		const text = String(value ?? '').trim();
		if (text === '')
			throw invalid(
				context,
				`Body parameter ${position + 1} of "Body Parameters" is empty`,
				itemIndex,
				'WhatsApp refuses empty template values: fill it in or remove it.',
			);
		return text;
	});
}

function readButtons(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const buttons = fixedCollectionEntries(
		context.getNodeParameter('whatsappButtons', itemIndex, {}),
		'button',
	);
	return buttons.map((button, position) => {
		const value = String(button.value ?? '').trim();
		const subType = String(button.subType ?? 'quick_reply');
		if (value === '')
			throw invalid(
				context,
				`Button ${position + 1} of "WhatsApp Buttons" has no value`,
				itemIndex,
				subType === 'url'
					? 'A link button needs the end of its address.'
					: 'A quick reply button needs its payload.',
			);
		// WAContentButton: `text` for a link, `payload` for a quick reply; the index is a string.
		return {
			index: String(button.index ?? position),
			sub_type: subType,
			[subType === 'url' ? 'text' : 'payload']: value,
		};
	});
}

function readHeader(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const header = context.getNodeParameter('whatsappHeader', itemIndex, 'none') as string;
	if (header === 'none') return undefined;
	if (header === 'location') {
		const location = (context.getNodeParameter('whatsappLocation', itemIndex, {}) as IDataObject)
			.location as IDataObject | undefined;
		if (!location)
			throw invalid(
				context,
				'"Header Location" is empty',
				itemIndex,
				'Add the location the template header shows, or set "WhatsApp Header" to None.',
			);
		return { location: { ...location } };
	}
	if (context.getNodeParameter('whatsappHeaderSource', itemIndex, 'url') === 'binary')
		return undefined;
	const link = optionalText(context, 'whatsappHeaderUrl', itemIndex) ?? '';
	if (!/^https?:\/\/\S+$/i.test(link))
		throw invalid(
			context,
			`"Header Media URL" is not an http(s) address: "${link}"`,
			itemIndex,
			'Enter the public address of the header file, e.g. https://example.com/banner.jpg.',
		);
	return { [header]: { link } };
}

/** Whispir "currently only supports type template" (schema WhatsApp; some x-examples show other values). */
const type = 'template';

/** WhatsApp.language: 2 to 5 characters, e.g. en or en_AU (v2 only). */
function readLanguage(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const language = optionalText(context, 'whatsappLanguage', itemIndex);
	if (language === undefined) return {};
	if (language.length < 2 || language.length > 5)
		throw invalid(
			context,
			`"WhatsApp Language" is not a template language: "${language}"`,
			itemIndex,
			'Enter it as in your WhatsApp Business Manager, e.g. en or en_AU.',
		);
	return { language };
}

/**
 * The item's `whatsapp` section, checked. `usesTemplate` says whether a Whispir template is picked:
 * the Rich Message Template route needs one, and then the section carries only the overrides
 * given (none: Whispir takes everything from the template).
 */
export function readWhatsApp(
	context: IExecuteFunctions,
	itemIndex: number,
	usesTemplate: boolean,
): IDataObject | undefined {
	const source = context.getNodeParameter('whatsappSource', itemIndex, 'template') as string;
	const name = optionalText(context, 'whatsappTemplateName', itemIndex);
	const parameters = readParameters(context, itemIndex);
	if (source === 'richMessageTemplate') {
		if (!usesTemplate)
			throw invalid(
				context,
				'"WhatsApp Source" is Rich Message Template, but no template is picked',
				itemIndex,
				'Pick the WhatsApp-enabled Rich Message Template under Options → Template.',
			);
		const language = readLanguage(context, itemIndex);
		if (name === undefined && !language.language && parameters.length === 0) return undefined;
		if (name === undefined)
			throw invalid(
				context,
				'"WhatsApp Template Name" is empty',
				itemIndex,
				'A WhatsApp section that overrides the Rich Message Template needs the template name too (the schema requires it): enter it as well.',
			);
		return { type, name, ...language, ...(parameters.length ? { parameters } : {}) };
	}
	if (name === undefined)
		throw invalid(
			context,
			'"WhatsApp Template Name" is empty',
			itemIndex,
			'Enter the name of the WhatsApp template to send.',
		);
	if (context.getNodeParameter('whatsappFormat', itemIndex, 'content') === 'parameters') {
		return { type, name, ...readLanguage(context, itemIndex), parameters };
	}
	const header = readHeader(context, itemIndex);
	const buttons = readButtons(context, itemIndex);
	return {
		type,
		name,
		content: {
			...(header ? { header } : {}),
			body: parameters.map((text) => ({ text })),
			...(buttons.length ? { button: buttons } : {}),
		},
	};
}

/**
 * For a header file from a binary property: stores it as a public Whispir resource and puts its
 * address into the header (`WAContentHeader` takes links only). Called once everything else of the
 * item is checked, right before the message is sent.
 */
export async function attachWhatsAppHeaderFile(
	context: IExecuteFunctions,
	itemIndex: number,
	whatsapp: IDataObject,
	workspaceId: string | undefined,
): Promise<void> {
	const content = whatsapp.content as IDataObject | undefined;
	const header = context.getNodeParameter('whatsappHeader', itemIndex, 'none') as string;
	if (
		!content ||
		!(HEADER_MEDIA as readonly string[]).includes(header) ||
		context.getNodeParameter('whatsappHeaderSource', itemIndex, 'url') !== 'binary'
	)
		return;
	const property = String(
		context.getNodeParameter('whatsappHeaderBinary', itemIndex, 'data'),
	).trim();
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const name = binary.fileName ?? `whatsapp-header-${property}`;
	const { stored, publicUrl, readBackError } = await storeResource(
		context,
		{ name, scope: 'public', mimeType: binary.mimeType || 'application/octet-stream', bytes },
		workspaceId,
		itemIndex,
	);
	if (!publicUrl)
		throw new NodeOperationError(
			context.getNode(),
			`The WhatsApp header file of item ${itemIndex} was stored, but Whispir gave no public address for it`,
			{
				description: `${readBackError ?? 'The stored resource has no URL.'} Nothing was sent. The file is resource ${stored.id ?? '(unknown ID)'}; give its address as "Header Media URL" instead.`,
				itemIndex,
			},
		);
	content.header = { [header]: { link: publicUrl } };
}

/**
 * For a message with the WhatsApp channel, a refusal from Whispir that concerns WhatsApp (an
 * unapproved or unknown template, an account without WhatsApp) says what WhatsApp requires; every
 * other error passes unchanged.
 */
export function explainWhatsAppRefusal(
	context: IExecuteFunctions,
	itemIndex: number,
	error: unknown,
): unknown {
	const channels = context.getNodeParameter('channels', itemIndex, []) as string[];
	if (!channels.includes('whatsapp') || !(error instanceof NodeApiError)) return error;
	const said = `${error.message} ${error.description ?? ''}`;
	if (!/whatsapp|approv/i.test(said)) return error;
	if (/approv/i.test(said))
		error.message = `Whispir refused the WhatsApp template as not approved. ${error.message}`;
	error.description = `${WHATSAPP_REQUIREMENT} ${error.description ?? ''}`.trim();
	return error;
}
