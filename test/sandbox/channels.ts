// The WhatsApp and RCS sections of a message and the email opt-out, checked as Whispir's OpenAPI
// describes them (schemas WhatsApp, WAContent, WAContentHeader, WAContentButton, RCS, RCSMedia,
// RCSRichCard, RCSCard, RCSSuggestion, Features.fallback, OptOutOption). Refusals are 422, as the
// sandbox answers other invalid message fields.
//
// No WhatsApp Business Manager here: every template name counts as approved except those starting
// with "unapproved", which are refused as Whispir would refuse a template WhatsApp has not approved.
import { HttpError } from './reply';
import { isObject, listOf } from './resources/validate';

const text = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
const refuse = (message: string) => new HttpError(422, message);

const HEADER_KINDS = ['image', 'video', 'document', 'location'];

function checkWhatsAppContent(content: unknown): void {
	if (!isObject(content)) throw refuse('whatsapp.content must be an object');
	if (!Array.isArray(content.body)) throw refuse('whatsapp.content.body is required (an array)');
	content.body.forEach((entry, index) => {
		if (!isObject(entry) || text(entry.text) === '')
			throw refuse(`whatsapp.content.body[${index}].text is required`);
	});
	if (content.header !== undefined) {
		const header = isObject(content.header) ? content.header : {};
		const kinds = Object.keys(header).filter((key) => HEADER_KINDS.includes(key));
		if (kinds.length !== 1)
			throw refuse('whatsapp.content.header must hold one of image, video, document, location');
		const value = header[kinds[0]];
		if (kinds[0] === 'location') {
			if (
				!isObject(value) ||
				typeof value.latitude !== 'number' ||
				typeof value.longitude !== 'number'
			)
				throw refuse('whatsapp.content.header.location needs latitude and longitude');
		} else if (!isObject(value) || !/^https?:\/\//.test(text(value.link))) {
			throw refuse(`whatsapp.content.header.${kinds[0]}.link must be an http(s) URL`);
		}
	}
	listOf(content.button).forEach((button, index) => {
		const where = `whatsapp.content.button[${index}]`;
		if (!isObject(button) || text(button.index) === '') throw refuse(`${where}.index is required`);
		if (button.sub_type === 'url') {
			if (text(button.text) === '') throw refuse(`${where}.text is required for a url button`);
		} else if (button.sub_type === 'quick_reply') {
			if (text(button.payload) === '')
				throw refuse(`${where}.payload is required for a quick_reply button`);
		} else throw refuse(`${where}.sub_type must be quick_reply or url`);
	});
}

export function checkWhatsApp(whatsapp: unknown): void {
	if (whatsapp === undefined) return;
	if (!isObject(whatsapp)) throw refuse('whatsapp must be an object');
	if (text(whatsapp.type) !== 'template')
		throw refuse('whatsapp.type must be "template": WhatsApp sends approved templates only');
	const name = text(whatsapp.name);
	if (name === '')
		throw refuse('whatsapp.name is required: the name of an approved WhatsApp template');
	if (/^unapproved/i.test(name))
		throw refuse(`whatsapp.name: the WhatsApp template "${name}" is not approved`);
	const language = text(whatsapp.language);
	if (whatsapp.language !== undefined && (language.length < 2 || language.length > 5))
		throw refuse('whatsapp.language must have 2 to 5 characters, e.g. en_AU');
	if (whatsapp.parameters !== undefined) {
		if (whatsapp.content !== undefined)
			throw refuse('whatsapp.content is not supported with whatsapp.parameters (WhatsApp v2)');
		if (!Array.isArray(whatsapp.parameters) || whatsapp.parameters.some((p) => text(p) === ''))
			throw refuse('whatsapp.parameters must be a list of non-empty strings');
	}
	if (whatsapp.content !== undefined) checkWhatsAppContent(whatsapp.content);
}

function checkMedia(media: unknown, where: string): void {
	const url = isObject(media) ? text(media.fileUrl) : '';
	if (url.length < 10 || url.length > 1000)
		throw refuse(`${where}.fileUrl is required (10 to 1000 characters)`);
	if (
		isObject(media) &&
		media.height !== undefined &&
		!['SHORT', 'MEDIUM', 'TALL'].includes(text(media.height))
	)
		throw refuse(`${where}.height must be SHORT, MEDIUM or TALL`);
}

const ACTIONS = ['urlAction', 'dialAction', 'shareLocationAction', 'viewLocationAction'];

function checkSuggestions(suggestions: unknown, where: string): void {
	if (suggestions === undefined) return;
	if (!Array.isArray(suggestions)) throw refuse(`${where} must be an array`);
	suggestions.forEach((suggestion, index) => {
		const at = `${where}[${index}]`;
		if (!isObject(suggestion)) throw refuse(`${at} must be an object`);
		const label = text(suggestion.text);
		if (label === '' || label.length > 25)
			throw refuse(`${at}.text is required (at most 25 characters)`);
		if (text(suggestion.postbackData) === '') throw refuse(`${at}.postbackData is required`);
		const actions = ACTIONS.filter((action) => suggestion[action] !== undefined);
		if (actions.length > 1) throw refuse(`${at}: only one of ${ACTIONS.join(', ')} is allowed`);
		if (suggestion.urlAction !== undefined && !isObject(suggestion.urlAction))
			throw refuse(`${at}.urlAction must be an object`);
		if (isObject(suggestion.urlAction) && text(suggestion.urlAction.url).length < 10)
			throw refuse(`${at}.urlAction.url is required`);
		if (isObject(suggestion.dialAction) && text(suggestion.dialAction.phoneNumber).length < 3)
			throw refuse(`${at}.dialAction.phoneNumber is required`);
	});
}

/**
 * RCS: the schema's description says a message has one of text, media and rich card (its "Media with
 * Suggestions" example carries all three); the description is followed.
 */
export function checkRcs(rcs: unknown): void {
	if (rcs === undefined) return;
	if (!isObject(rcs)) throw refuse('rcs must be an object');
	const elements = ['text', 'media', 'richCard'].filter((key) => rcs[key] !== undefined);
	if (elements.length !== 1) throw refuse('rcs must have one of text, media and richCard');
	if (rcs.text !== undefined && (text(rcs.text) === '' || text(rcs.text).length > 2048))
		throw refuse('rcs.text must have 1 to 2048 characters');
	if (rcs.media !== undefined) checkMedia(rcs.media, 'rcs.media');
	if (rcs.richCard !== undefined) {
		const card = isObject(rcs.richCard) ? rcs.richCard : {};
		if (!Array.isArray(card.cards) || card.cards.length === 0)
			throw refuse('rcs.richCard.cards needs at least one card');
		card.cards.forEach((entry, index) => {
			if (!isObject(entry)) throw refuse(`rcs.richCard.cards[${index}] must be an object`);
			if (text(entry.title).length > 200)
				throw refuse(`rcs.richCard.cards[${index}].title is too long`);
			if (entry.media !== undefined) checkMedia(entry.media, `rcs.richCard.cards[${index}].media`);
			checkSuggestions(entry.suggestions, `rcs.richCard.cards[${index}].suggestions`);
		});
	}
	checkSuggestions(rcs.suggestions, 'rcs.suggestions');
}

/** Features.fallback: "only supported for RCS message and the only allowed fallback channel is SMS". */
export function checkFallback(features: unknown, hasRcs: boolean): void {
	const fallback = isObject(features) ? features.fallback : undefined;
	if (fallback === undefined) return;
	if (!hasRcs) throw refuse('features.fallback is only supported for RCS messages');
	if (!isObject(fallback) || text(fallback.channel) !== 'SMS')
		throw refuse('features.fallback.channel must be SMS');
	if (text(fallback.templateName) === '')
		throw refuse('features.fallback.templateName is required');
}

/** OptOutOption: the unsubscribe URL enables unsubscribing, the API mapping one-click. */
export function checkOptOut(email: unknown): void {
	const option = isObject(email) ? email.optOutOption : undefined;
	if (option === undefined) return;
	if (!isObject(option)) throw refuse('email.optOutOption must be an object');
	if (text(option.oneClickApiMapping) !== '' && text(option.rmsUnsubscribeUrl) === '')
		throw refuse('email.optOutOption.rmsUnsubscribeUrl is required for one-click unsubscribe');
}
