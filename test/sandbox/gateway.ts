// Whispir's gateway checks, in its order: API key, then rate limits, then Basic auth.
import type { IncomingMessage } from 'node:http';
import { errorWire, textWire, type Wire } from './media';
import type { SandboxState } from './state';

/** The key must be valid in BOTH the x-api-key header and every apikey query value. */
export function checkApiKey(
	req: IncomingMessage,
	query: URLSearchParams,
	st: SandboxState,
): Wire | undefined {
	const header = req.headers['x-api-key'];
	const fromQuery = query.getAll('apikey');
	const ok =
		header === st.apiKey && fromQuery.length > 0 && fromQuery.every((k) => k === st.apiKey);
	return ok
		? undefined
		: textWire(403, '<h1>Developer Inactive</h1>', {}, 'text/html; charset=utf-8');
}

export function checkRate(st: SandboxState): Wire | undefined {
	const verdict = st.quota.take(st.apiKey, st.config.rateLimit);
	if (verdict === 'ok') return undefined;
	const [code, detail] =
		verdict === 'QPS'
			? ['ERR_403_DEVELOPER_OVER_QPS', 'Account Over Queries Per Second Limit']
			: ['ERR_403_DEVELOPER_OVER_QPD', 'Account Over Queries Per Day Limit'];
	return textWire(
		403,
		`<h1>${detail}</h1>`,
		{ 'X-Error-Code': code, 'X-Error-Detail': detail },
		'text/html; charset=utf-8',
	);
}

export function checkBasic(req: IncomingMessage, st: SandboxState): Wire | undefined {
	const m = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
	const sep = decoded.indexOf(':');
	const ok =
		sep >= 0 &&
		decoded.slice(0, sep) === st.credentials.username &&
		decoded.slice(sep + 1) === st.credentials.password;
	return ok
		? undefined
		: errorWire(
				401,
				'Your username and password combination was incorrect. Please check your authentication details and try again',
				{ 'WWW-Authenticate': 'Basic realm="Whispir"' },
			);
}
