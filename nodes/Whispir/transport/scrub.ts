import type { IDataObject } from 'n8n-workflow';

/** Very short secrets would match ordinary text; Whispir's keys and passwords are longer than this. */
const MIN_SECRET_LENGTH = 6;

/**
 * The ways a secret can come back in an answer that echoes the request: as sent, URL-encoded,
 * JSON-escaped, and inside base64 at any offset (a Basic header is `user:password` in base64). For
 * base64, only the characters made of the secret's bytes alone are the same whatever surrounds it.
 */
function writtenForms(secret: string): string[] {
	const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
	const bytes = new TextEncoder().encode(secret);
	for (let offset = 0; offset < 3; offset++) {
		const padded = new Uint8Array(offset + bytes.length);
		padded.set(bytes, offset);
		const encoded = base64(padded);
		const start = 4 * Math.ceil(offset / 3);
		const end = 4 * Math.floor((offset + bytes.length) / 3);
		if (end - start >= 8) forms.push(encoded.slice(start, end));
	}
	return [...new Set(forms)];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// No Buffer or btoa in nodes: n8n Cloud's rules allow neither reliably, and this is short.
function base64(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
		const group = (a << 16) | (b << 8) | c;
		out += BASE64[(group >> 18) & 63] + BASE64[(group >> 12) & 63];
		out += i + 1 < bytes.length ? BASE64[(group >> 6) & 63] : '=';
		out += i + 2 < bytes.length ? BASE64[group & 63] : '=';
	}
	return out;
}

// `Authorization: Basic …`, `"authorization":"Bearer …"`, `authorization=…`, in any case: the value goes, the scheme stays.
const AUTHORIZATION_VALUE =
	/(authorization["']?\s*[:=]\s*["']?)(?:([A-Za-z-]+)\s+)?[^\s"'<>,;&\\]+/gi;
// A Basic or Bearer credential without its header name; tokens are long, words are not.
const SCHEME_TOKEN = /\b(basic|bearer)(\s+)[A-Za-z0-9+/._~-]{16,}=*/gi;

/** Removes the value of every Authorization header, and any Basic or Bearer credential, from a text. */
export function withoutAuthorization(text: string): string {
	return text
		.replace(
			AUTHORIZATION_VALUE,
			(_match, name: string, scheme?: string) => `${name}${scheme ? `${scheme} ` : ''}***`,
		)
		.replace(SCHEME_TOKEN, '$1$2***');
}

/** A function that removes every written form of these secrets from a text (forms worked out once). */
export function secretsRemover(secrets: readonly string[]): (text: string) => string {
	const forms = secrets
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
		.flatMap(writtenForms)
		.sort((a, b) => b.length - a.length);
	return (text) =>
		forms.reduce(
			(scrubbed, form) => (scrubbed.includes(form) ? scrubbed.split(form).join('***') : scrubbed),
			text,
		);
}

// A request body's keys, passwords and tokens: a callback's `auth.key`, a user's password, an app's private key.
const SECRET_FIELD = /(^|[a-z_])(key|password|secret|token)$/i;

/** The secret values a request body carries, so that an answer echoing the body cannot show them. */
export function secretsIn(body: unknown, name = ''): string[] {
	if (typeof body === 'string') return SECRET_FIELD.test(name) ? [body] : [];
	if (typeof body !== 'object' || body === null) return [];
	return Object.entries(body as IDataObject).flatMap(([key, value]) =>
		secretsIn(value, Array.isArray(body) ? name : key),
	);
}
