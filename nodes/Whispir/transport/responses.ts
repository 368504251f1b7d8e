import type { IDataObject } from 'n8n-workflow';

/** Header names are case-insensitive; Whispir clients have broken on `location` before (API doc L113). */
export function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

/**
 * Whispir writes the caller's API key into every URL it returns (`…/messages/ID?apikey=KEY`,
 * in `Location` and in every `link`). Removing the parameter keeps the key out of node output,
 * execution logs and error messages.
 */
export function withoutApiKeyParameter(text: string): string {
	return text.replace(/([?&])apikey=[^&"'<>\s\\]*(&?)/gi, (_match, separator: string, next: string) =>
		next ? separator : '',
	);
}

/** The last path segment of a resource URL is its id: `…/workspaces/ABC/messages/DEF?x` → `DEF`. */
export function idFromUrl(url: string | undefined): string | undefined {
	if (!url) return undefined;
	const path = url.split(/[?#]/)[0];
	const segments = path.split('/').filter((segment) => segment !== '');
	const last = segments[segments.length - 1];
	return last && !last.includes(':') ? decodeURIComponent(last) : undefined;
}

/** Plain text of an error body: Whispir documents no error schema, and some answers are HTML. */
export function errorText(body: unknown, maxLength = 500): string {
	let text: string;
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') text = body;
	else text = JSON.stringify(body);
	text = text
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
