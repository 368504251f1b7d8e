// Message → Send / Send Bulk on WhatsApp and RCS, and the email unsubscribe option: what the node
// posts, what the sandbox (following Whispir's OpenAPI) accepts, and the errors in words.
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const send = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	to: '61423456789',
	subject: 'Your order',
	body: '',
	...parameters,
});

const whatsapp = (parameters: Record<string, unknown> = {}) =>
	send({ channels: ['whatsapp'], whatsappTemplateName: 'order_update', ...parameters });

const rcs = (parameters: Record<string, unknown> = {}) =>
	send({ channels: ['rcs'], ...parameters });

const posts = () => bed.sandbox.log.filter((request) => request.method === 'POST');
const messagePosts = () => posts().filter((request) => /\/messages$/.test(request.path));

const parameters = (...values: string[]) => ({ parameter: values.map((value) => ({ value })) });

describe('Message → Send: WhatsApp', () => {
	it('sends a template with an image header URL, body values in order and buttons', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappParameters: parameters('={{ $json.name }}', 'ACTIVE', '619704512462'),
				whatsappHeader: 'image',
				whatsappHeaderUrl: 'https://example.com/banner.jpg',
				whatsappButtons: {
					button: [
						{ index: 0, subType: 'quick_reply', value: 'Yes-Button-Payload' },
						{ index: 1, subType: 'url', value: 'search?q=order' },
					],
				},
			}),
			{ items: [{ json: { name: 'John' } }] },
		);
		expect(error).toBeUndefined();
		expect(messagePosts()).toHaveLength(1);
		expect(messagePosts()[0].body).toEqual({
			to: '61423456789',
			subject: 'Your order',
			whatsapp: {
				type: 'template',
				name: 'order_update',
				content: {
					header: { image: { link: 'https://example.com/banner.jpg' } },
					body: [{ text: 'John' }, { text: 'ACTIVE' }, { text: '619704512462' }],
					button: [
						{ index: '0', sub_type: 'quick_reply', payload: 'Yes-Button-Payload' },
						{ index: '1', sub_type: 'url', text: 'search?q=order' },
					],
				},
			},
		});
		const [stored] = await bed.sandbox.state('messages');
		expect(items[0].json.id).toBe(stored.id);
		expect((stored.whatsapp as { name: string }).name).toBe('order_update');
	});

	it('uploads a header file from a binary property as a public resource and sends its address', async () => {
		const image = await bed.harness.prepareBinaryData(
			Buffer.from('fake jpeg bytes'),
			'parcel.jpg',
			'image/jpeg',
		);
		const { error } = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappHeader: 'document',
				whatsappHeaderSource: 'binary',
				whatsappHeaderBinary: 'photo',
				whatsappParameters: parameters('Jane'),
			}),
			{ items: [{ json: {}, binary: { photo: image } }] },
		);
		expect(error).toBeUndefined();
		expect(posts().map((request) => request.path)).toEqual(['/resources', '/messages']);
		expect(posts()[0].body).toMatchObject({
			name: 'parcel.jpg',
			scope: 'public',
			mimeType: 'image/jpeg',
			derefUri: Buffer.from('fake jpeg bytes').toString('base64'),
		});
		const [resource] = await bed.sandbox.state('resources');
		const read = await fetch(
			`${bed.sandbox.url}/resources/${resource.id}?apikey=${bed.sandbox.credentials.apiKey}`,
			{
				headers: {
					accept: 'application/vnd.whispir.resource-v1+json',
					'x-api-key': bed.sandbox.credentials.apiKey,
					authorization: `Basic ${Buffer.from(`${bed.sandbox.credentials.username}:${bed.sandbox.credentials.password}`).toString('base64')}`,
				},
			},
		);
		const publicUrl = ((await read.json()) as { url: string }).url;
		expect(publicUrl).toMatch(/parcel\.jpg$/);
		expect(messagePosts()[0].body).toMatchObject({
			whatsapp: { content: { header: { document: { link: publicUrl } } } },
		});
	});

	it('sends a location header', async () => {
		const { error } = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappHeader: 'location',
				whatsappLocation: {
					location: {
						latitude: 37.758056,
						longitude: -122.425332,
						name: 'HQ',
						address: '1 Hacker Way',
					},
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toMatchObject({
			whatsapp: {
				content: {
					header: {
						location: {
							latitude: 37.758056,
							longitude: -122.425332,
							name: 'HQ',
							address: '1 Hacker Way',
						},
					},
					body: [],
				},
			},
		});
	});

	it('sends positional parameters (v2) with the language, a sender alias and throttling', async () => {
		const { error } = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappFormat: 'parameters',
				whatsappLanguage: 'en_AU',
				whatsappParameters: parameters('@@first_name@@', '@@date@@'),
				options: { aliasName: 'OnboardingMessageAlias', throttlingConfigName: 'testThrottle' },
			}),
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toEqual({
			to: '61423456789',
			subject: 'Your order',
			whatsapp: {
				type: 'template',
				name: 'order_update',
				language: 'en_AU',
				parameters: ['@@first_name@@', '@@date@@'],
			},
			features: {
				aliasOption: { aliasName: 'OnboardingMessageAlias' },
				throttlingOptions: { throttling: 'enabled', configName: 'testThrottle' },
			},
		});
	});

	it('sends through a Rich Message Template, alone or with overrides', async () => {
		const [templateId] = bed.sandbox.seed('templates', [
			{ messageTemplateName: 'Onboarding', subject: 'Welcome', body: 'Hi @@first_name@@' },
		]);
		const template = { template: { __rl: true, mode: 'id', value: templateId } };
		const viaTemplate = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappSource: 'richMessageTemplate',
				whatsappTemplateName: '',
				subject: '',
				options: template,
			}),
		);
		expect(viaTemplate.error).toBeUndefined();
		expect(messagePosts()[0].body).toEqual({ to: '61423456789', messageTemplateId: templateId });

		const overridden = await bed.run(
			WHISPIR,
			whatsapp({
				whatsappSource: 'richMessageTemplate',
				whatsappLanguage: 'en_SG',
				whatsappParameters: parameters('Jane'),
				options: { ...template, aliasName: 'OverrideAlias' },
			}),
		);
		expect(overridden.error).toBeUndefined();
		expect(messagePosts()[1].body).toMatchObject({
			messageTemplateId: templateId,
			whatsapp: { type: 'template', name: 'order_update', language: 'en_SG', parameters: ['Jane'] },
			features: { aliasOption: { aliasName: 'OverrideAlias' } },
		});
	});

	it('refuses, before sending, what WhatsApp cannot take, saying what it requires', async () => {
		const refused = async (parameters: Record<string, unknown>, message: string) => {
			const { error } = await bed.run(WHISPIR, whatsapp(parameters));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
			expect(error?.description).toContain('approved in your WhatsApp Business Manager');
			expect(posts()).toHaveLength(0);
		};
		await refused({ whatsappTemplateName: ' ' }, '"WhatsApp Template Name" is empty in item 0');
		await refused(
			{ whatsappParameters: parameters('John', ' ') },
			'Body parameter 2 of "Body Parameters" is empty in item 0',
		);
		await refused(
			{ whatsappButtons: { button: [{ index: 0, subType: 'url', value: '' }] } },
			'Button 1 of "WhatsApp Buttons" has no value in item 0',
		);
		await refused(
			{ whatsappHeader: 'video', whatsappHeaderUrl: 'ftp://example.com/a.mp4' },
			'"Header Media URL" is not an http(s) address: "ftp://example.com/a.mp4" in item 0',
		);
		await refused(
			{ whatsappFormat: 'parameters', whatsappLanguage: 'english' },
			'"WhatsApp Language" is not a template language: "english" in item 0',
		);
		await refused(
			{ whatsappSource: 'richMessageTemplate' },
			'"WhatsApp Source" is Rich Message Template, but no template is picked in item 0',
		);
	});

	it("turns Whispir's refusal of an unapproved template into words", async () => {
		const unapproved = await bed.run(
			WHISPIR,
			whatsapp({ whatsappTemplateName: 'unapproved_promo' }),
		);
		expect(unapproved.error).toBeInstanceOf(NodeApiError);
		expect(unapproved.error?.message).toMatch(
			/^Whispir refused the WhatsApp template as not approved\. .*"unapproved_promo" is not approved/,
		);
		expect(unapproved.error?.description).toContain(
			'WhatsApp sends only templates approved in your WhatsApp Business Manager',
		);
		expect(messagePosts()[0].status).toBe(422);
		expect(messagePosts()).toHaveLength(1);
	});
});

describe('Message → Send: RCS', () => {
	it('sends a text with suggestions of every kind and an SMS fallback template', async () => {
		const { error } = await bed.run(
			WHISPIR,
			rcs({
				rcsText: 'Your parcel arrives today',
				rcsSuggestions: {
					suggestion: [
						{ text: 'Yes', postbackData: 'b1', action: 'reply' },
						{ text: 'Track', postbackData: 'b2', action: 'url', url: 'https://example.com/track' },
						{ text: 'Call Us', postbackData: 'b3', action: 'dial', phoneNumber: '+61299002200' },
						{ text: 'Share', postbackData: 'b4', action: 'shareLocation' },
						{
							text: 'View',
							postbackData: 'b5',
							action: 'viewLocation',
							latitude: -33.865143,
							longitude: 151.2099,
							label: 'North Sydney',
						},
					],
				},
				rcsFallbackTemplate: 'rcs_fallback_template',
			}),
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toEqual({
			to: '61423456789',
			subject: 'Your order',
			rcs: {
				text: 'Your parcel arrives today',
				suggestions: [
					{ text: 'Yes', postbackData: 'b1' },
					{ text: 'Track', postbackData: 'b2', urlAction: { url: 'https://example.com/track' } },
					{ text: 'Call Us', postbackData: 'b3', dialAction: { phoneNumber: '+61299002200' } },
					{ text: 'Share', postbackData: 'b4', shareLocationAction: {} },
					{
						text: 'View',
						postbackData: 'b5',
						viewLocationAction: {
							latitude: -33.865143,
							longitude: 151.2099,
							label: 'North Sydney',
						},
					},
				],
			},
			features: { fallback: { channel: 'SMS', templateName: 'rcs_fallback_template' } },
		});
		expect((await bed.sandbox.state('messages'))[0].rcs).toBeDefined();
	});

	it('sends media, and a carousel of rich cards', async () => {
		const media = await bed.run(
			WHISPIR,
			rcs({
				rcsContent: 'media',
				rcsMediaUrl: 'https://example.com/offer.png',
				rcsMediaHeight: 'TALL',
			}),
		);
		expect(media.error).toBeUndefined();
		expect(messagePosts()[0].body).toMatchObject({
			rcs: { media: { fileUrl: 'https://example.com/offer.png', height: 'TALL' } },
		});

		const cards = await bed.run(
			WHISPIR,
			rcs({
				rcsContent: 'richCard',
				rcsCardOrientation: 'HORIZONTAL',
				rcsCards: {
					card: [
						{
							title: 'Card 1',
							description: 'First',
							fileUrl: 'https://example.com/1.png',
							height: 'SHORT',
						},
						{ title: 'Card 2', description: '', fileUrl: '', height: 'MEDIUM' },
					],
				},
			}),
		);
		expect(cards.error).toBeUndefined();
		expect(messagePosts()[1].body).toMatchObject({
			rcs: {
				richCard: {
					cardOrientation: 'HORIZONTAL',
					cardWidth: 'MEDIUM',
					cards: [
						{
							title: 'Card 1',
							description: 'First',
							media: { fileUrl: 'https://example.com/1.png', height: 'SHORT' },
						},
						{ title: 'Card 2' },
					],
				},
			},
		});
	});

	it('refuses empty content, long button texts and actions without their target, before sending', async () => {
		const refused = async (parameters: Record<string, unknown>, message: string) => {
			const { error } = await bed.run(WHISPIR, rcs(parameters));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
			expect(posts()).toHaveLength(0);
		};
		await refused({ rcsText: '' }, '"RCS Text" is empty in item 0');
		await refused({ rcsContent: 'richCard' }, '"Cards" is empty in item 0');
		await refused(
			{ rcsContent: 'media', rcsMediaUrl: 'offer.png' },
			'"Media URL" is not an http(s) address of 10 to 1,000 characters: "offer.png" in item 0',
		);
		await refused(
			{
				rcsText: 'Hi',
				rcsSuggestions: { suggestion: [{ text: 'x'.repeat(26), postbackData: 'p' }] },
			},
			'Suggestion 1 of "RCS Suggestions" needs a button text of 1 to 25 characters in item 0',
		);
		await refused(
			{
				rcsText: 'Hi',
				rcsSuggestions: { suggestion: [{ text: 'Go', postbackData: 'p', action: 'url' }] },
			},
			'Suggestion 1 of "RCS Suggestions" has no URL in item 0',
		);
	});
});

describe('Message → Send: email unsubscribe', () => {
	const email = (emailOptOut: Record<string, string>) =>
		send({ to: 'jo@example.com', channels: ['email'], emailBody: 'News', emailOptOut });

	it('sends the opt-out option with the email', async () => {
		const { error } = await bed.run(
			WHISPIR,
			email({ rmsUnsubscribeUrl: '@@web_link@@#unsubscribe', oneClickApiMapping: '2ab64862' }),
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toMatchObject({
			email: {
				body: 'News',
				optOutOption: {
					rmsUnsubscribeUrl: '@@web_link@@#unsubscribe',
					oneClickApiMapping: '2ab64862',
				},
			},
		});
		expect((await bed.sandbox.state('messages'))[0].email).toMatchObject({
			optOutOption: { oneClickApiMapping: '2ab64862' },
		});
	});

	it('refuses one-click unsubscribe without an unsubscribe URL', async () => {
		const { error } = await bed.run(WHISPIR, email({ oneClickApiMapping: '2ab64862' }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe('"Unsubscribe URL" is empty in item 0');
		expect(posts()).toHaveLength(0);
	});
});

describe('Message → Send Bulk: WhatsApp and RCS', () => {
	const bulk = (parameters: Record<string, unknown>) => ({
		resource: 'message',
		operation: 'sendBulk',
		subject: 'Your order',
		body: 'Hi @@first_name@@',
		...parameters,
	});
	const items = [
		{ json: { first_name: 'Jo', mobile: '61400000001' } },
		{ json: { first_name: 'Al', mobile: '61400000002' } },
	];

	it('sends WhatsApp positional parameters to every row', async () => {
		const { error } = await bed.run(
			WHISPIR,
			bulk({
				channels: ['whatsapp'],
				whatsappTemplateName: 'onboarding_message',
				whatsappFormat: 'parameters',
				whatsappParameters: parameters('@@first_name@@'),
			}),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toMatchObject({
			resource: { smsMappingField: 'mobile' },
			whatsapp: { type: 'template', name: 'onboarding_message', parameters: ['@@first_name@@'] },
		});
		const rows = (await bed.sandbox.state('messages')).filter((message) => message._bulkId);
		expect(rows).toHaveLength(2);
		expect(
			rows.every((row) => (row.whatsapp as { name: string }).name === 'onboarding_message'),
		).toBe(true);
	});

	it('sends RCS with its fallback to every row', async () => {
		const { error } = await bed.run(
			WHISPIR,
			bulk({ channels: ['rcs'], rcsText: 'Hi', rcsFallbackTemplate: 'rcs_fallback' }),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(messagePosts()[0].body).toMatchObject({
			rcs: { text: 'Hi' },
			features: { fallback: { channel: 'SMS', templateName: 'rcs_fallback' } },
		});
	});

	it("reports Whispir's refusal of an unapproved template for the whole send", async () => {
		const { error } = await bed.run(
			WHISPIR,
			bulk({ channels: ['whatsapp'], whatsappTemplateName: 'unapproved_x' }),
			{ items },
		);
		expect(error?.message).toMatch(/^Whispir refused the WhatsApp template as not approved/);
	});
});
