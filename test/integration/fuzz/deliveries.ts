// Generated webhook deliveries for the trigger fuzz test: a small seeded PRNG and one generator per
// category of hostile or broken input. Everything here is deterministic for a given seed.

/** mulberry32: tiny, fast, good enough to pick test cases; the same seed gives the same run. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(values: readonly T[]): T {
		return values[Math.floor(this.next() * values.length)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	string(maxLength: number): string {
		const alphabets = [
			'abcdefghijklmnopqrstuvwxyz0123456789 ',
			'"\\/\b\f\n\r\t{}[]:,',
			'äöü€漢字😀\u0000\u202e\ufeff',
			"<>&'%",
		];
		let text = '';
		const length = this.int(0, maxLength);
		for (let i = 0; i < length; i++) text += this.pick([...this.pick(alphabets)]);
		return text;
	}
}

/** How the delivery presents (or fails to present) the callback key. */
export type AuthVariant =
	| 'header'
	| 'query'
	| 'queryRepeated'
	| 'none'
	| 'emptyHeader'
	| 'randomKey'
	| 'firstCharDiffers'
	| 'middleCharDiffers'
	| 'lastCharDiffers'
	| 'caseDiffers'
	| 'prefix'
	| 'extended'
	| 'padded'
	| 'wrongHeaderRightQuery'
	| 'otherHeaderName'
	| 'otherQueryName';

export const AUTHENTICATED: ReadonlySet<AuthVariant> = new Set([
	'header',
	'query',
	'queryRepeated',
]);

export interface Delivery {
	category: string;
	auth: AuthVariant;
	contentType?: string;
	body: string | Buffer;
	/** A well-formed Whispir payload with this messageid: an authenticated copy must start the workflow. */
	validMessageId?: string;
}

const CHANNELS = ['SMS', 'EMAIL', 'VOICE', 'sms', ''];
const UNSAFE = ['__proto__', 'constructor', 'prototype'];

function stamp(random: Random): string {
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(random.int(1, 31))}/${two(random.int(1, 12))}/${two(random.int(0, 99))} ${two(random.int(0, 23))}:${two(random.int(0, 59))}`;
}

/** A payload as Whispir documents it (Whispir's Callbacks docs: https://developers.whispir.com/c2NoOjM4OTQzOTIx-callback), with random values. */
function whispirPayload(random: Random, messageId: string): Record<string, unknown> {
	const reply = random.chance(0.6);
	return {
		messageid: messageId,
		messagelocation: `https://api.au.whispir.com/messages/${messageId}`,
		from: {
			name: random.string(12),
			mri: random.string(12),
			mobile: `614${random.int(10000000, 99999999)}`,
			email: 'a@b.co',
			voice: '',
		},
		responseMessage: reply
			? { channel: random.pick(CHANNELS), acknowledged: stamp(random), content: random.string(40) }
			: {
					channel: random.pick(CHANNELS),
					undeliverable: stamp(random),
					content: random.string(40),
				},
		customParameters: { ticketId: `T-${random.int(1, 9999)}`, matchedCategory: 'notmatched' },
	};
}

function randomJsonValue(random: Random, depth = 0): unknown {
	const kind = random.int(0, depth > 4 ? 4 : 7);
	switch (kind) {
		case 0:
			return null;
		case 1:
			return random.chance(0.5);
		case 2:
			return random.pick([
				0,
				-1,
				1.5,
				1e308,
				-1e-308,
				Number.MAX_SAFE_INTEGER + 2,
				random.int(-1e9, 1e9),
			]);
		case 3:
		case 4:
			return random.string(30);
		case 5:
			return Array.from({ length: random.int(0, 5) }, () => randomJsonValue(random, depth + 1));
		default: {
			const object: Record<string, unknown> = {};
			for (let i = random.int(0, 6); i > 0; i--) {
				const key = random.pick([
					'messageid',
					'messageId',
					'from',
					'responseMessage',
					'customParameters',
					'location',
					random.string(8),
				]);
				object[key] = randomJsonValue(random, depth + 1);
			}
			return object;
		}
	}
}

/** Replaces some field of a valid payload with a value of another type. */
function wrongTypes(random: Random, payload: Record<string, unknown>): void {
	const wrong = () =>
		random.pick<unknown>([
			null,
			42,
			-0.5,
			true,
			[],
			[1, 'a'],
			{},
			{ a: { b: 'c' } },
			'',
			'x'.repeat(random.int(1, 50)),
		]);
	for (let i = random.int(1, 4); i > 0; i--) {
		const target = random.pick(['top', 'from', 'responseMessage', 'customParameters']);
		if (target === 'top')
			payload[
				random.pick(['messageid', 'messagelocation', 'from', 'responseMessage', 'customParameters'])
			] = wrong();
		else if (
			typeof payload[target] === 'object' &&
			payload[target] !== null &&
			!Array.isArray(payload[target])
		) {
			const inner = payload[target] as Record<string, unknown>;
			const keys = Object.keys(inner);
			inner[keys.length > 0 && random.chance(0.7) ? random.pick(keys) : random.string(6)] = wrong();
		}
	}
}

function missingFields(random: Random, payload: Record<string, unknown>): void {
	for (const key of Object.keys(payload)) if (random.chance(0.5)) delete payload[key];
	for (const inner of ['from', 'responseMessage']) {
		const object = payload[inner] as Record<string, unknown> | undefined;
		if (object) for (const key of Object.keys(object)) if (random.chance(0.4)) delete object[key];
	}
}

/** Prototype keys as JSON text (so they survive as own properties after parsing), at any depth. */
function protoKeysJson(random: Random, messageId: string): string {
	const payload = JSON.stringify(whispirPayload(random, messageId));
	const poison = () => {
		const key = random.pick(UNSAFE);
		const inner = random.pick([
			'{"polluted":"yes"}',
			'{"prototype":{"polluted":"yes"}}',
			'{"isAdmin":true,"toString":"x"}',
			'"polluted"',
			'[{"__proto__":{"polluted":1}}]',
		]);
		return `${JSON.stringify(key)}:${inner}`;
	};
	// Insert right after an opening brace: the top object, from, responseMessage or customParameters.
	const braces = [...payload.matchAll(/\{/g)].map((match) => match.index);
	let text = payload;
	for (const at of braces.filter(() => random.chance(0.6)).sort((a, b) => b - a)) {
		text = `${text.slice(0, at + 1)}${poison()},${text.slice(at + 1)}`;
	}
	return text === payload ? `{${poison()},${payload.slice(1)}` : text;
}

function deepNesting(random: Random, messageId: string): string {
	const depth = random.pick([100, 1_000, 10_000, 100_000]);
	const [open, close] = random.chance(0.5) ? ['[', ']'] : ['{"a":', '}'];
	const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
	const payload = whispirPayload(random, messageId);
	const where = random.pick(['customParameters', 'top', 'from']);
	const json = JSON.stringify(payload);
	if (where === 'customParameters')
		return json.replace('"customParameters":{', `"customParameters":{"deep":${deep},`);
	if (where === 'from') return json.replace('"from":{', `"from":{"name":${deep},`);
	return `{"deep":${deep},${json.slice(1)}`;
}

function hugeString(random: Random, messageId: string): string {
	const payload = whispirPayload(random, messageId);
	const huge = random
		.pick(['a', '漢', '\\n', '😀'])
		.repeat(random.pick([100_000, 300_000, 1_000_000]));
	const where = random.pick(['content', 'messageid', 'customParameter', 'key']);
	const json = JSON.stringify(payload);
	if (where === 'content') return json.replace(/"content":"[^"]*"/, `"content":"${huge}"`);
	if (where === 'messageid')
		return json.replace(`"messageid":"${messageId}"`, `"messageid":"${huge}"`);
	if (where === 'key')
		return json.replace('"customParameters":{', `"customParameters":{"${huge}":"v",`);
	return json.replace('"customParameters":{', `"customParameters":{"big":"${huge}",`);
}

function invalidUtf8(random: Random, messageId: string): Buffer {
	const text = Buffer.from(JSON.stringify(whispirPayload(random, messageId)));
	const bad = [
		[0xff],
		[0xc0, 0x80],
		[0xed, 0xa0, 0x80],
		[0xe2, 0x82],
		[0xf8, 0x88, 0x80, 0x80, 0x80],
		[0x80],
		[0xf4, 0x90, 0x80, 0x80],
	];
	const parts: Buffer[] = [];
	let last = 0;
	for (let i = random.int(1, 5); i > 0; i--) {
		const at = random.int(last, text.length);
		parts.push(text.subarray(last, at), Buffer.from(random.pick(bad)));
		last = at;
	}
	parts.push(text.subarray(last));
	return Buffer.concat(parts);
}

const XML_BODIES = [
	// Billion laughs: ten levels of ten.
	`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]><deliveryResponse><messageid>&lol9;</messageid></deliveryResponse>`,
	// External entity (XXE).
	'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><deliveryResponse><messageid>&xxe;</messageid></deliveryResponse>',
	// Quadratic blow-up: one big entity used many times.
	`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "${'a'.repeat(50_000)}">]><r>${'&a;'.repeat(2_000)}</r>`,
	'<ns2:deliveryResponse xmlns:ns2="http://schemas.api.whispir.com"><messageid>M1</messageid><responseMessage><acknowledged>01/02/26 10:00</acknowledged></responseMessage></ns2:deliveryResponse>',
	'<__proto__><polluted>yes</polluted></__proto__>',
	'<unclosed><a>',
];

/** One generated delivery of the given category. */
export function generate(
	random: Random,
	category: Category,
	index: number,
): Omit<Delivery, 'auth'> {
	const messageId = `FUZZ${index.toString(16).toUpperCase()}`;
	const json = 'application/json';
	switch (category) {
		case 'valid':
			// As Whispir sends them: JSON, declared as JSON (a Whispir payload as text is in otherContentType).
			return {
				category,
				contentType: random.pick([json, 'application/json; charset=utf-8']),
				body: JSON.stringify(whispirPayload(random, messageId)),
				validMessageId: messageId,
			};
		case 'randomJson':
			return {
				category,
				contentType: random.pick([json, 'text/plain', undefined]),
				body: JSON.stringify(randomJsonValue(random)) ?? 'null',
			};
		case 'truncatedJson': {
			const text = JSON.stringify(whispirPayload(random, messageId));
			return {
				category,
				contentType: random.pick([json, 'text/plain', undefined]),
				body: text.slice(0, random.int(0, text.length - 1)),
			};
		}
		case 'deepNesting':
			return {
				category,
				contentType: random.pick([json, 'text/plain']),
				body: deepNesting(random, messageId),
			};
		case 'hugeString':
			return { category, contentType: json, body: hugeString(random, messageId) };
		case 'wrongTypes': {
			const payload = whispirPayload(random, messageId);
			wrongTypes(random, payload);
			return { category, contentType: json, body: JSON.stringify(payload) };
		}
		case 'missingFields': {
			const payload = whispirPayload(random, messageId);
			missingFields(random, payload);
			return { category, contentType: json, body: JSON.stringify(payload) };
		}
		case 'prototypeKeys':
			return {
				category,
				contentType: random.pick([json, 'text/plain', undefined]),
				body: protoKeysJson(random, messageId),
			};
		case 'invalidUtf8':
			return {
				category,
				contentType: random.pick([json, 'text/plain', 'application/json; charset=latin1']),
				body: invalidUtf8(random, messageId),
			};
		case 'xml':
			return {
				category,
				contentType: random.pick([
					'application/xml',
					'text/xml',
					'application/soap+xml',
					'text/plain',
				]),
				body: random.pick(XML_BODIES),
			};
		case 'otherContentType': {
			const payload = JSON.stringify(whispirPayload(random, messageId));
			return random.pick<Omit<Delivery, 'auth'>>([
				{
					category,
					contentType: 'application/x-www-form-urlencoded',
					body: `messageid=${messageId}&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&responseMessage=x`,
				},
				{
					category,
					contentType: 'application/octet-stream',
					body: Buffer.from(Array.from({ length: random.int(0, 300) }, () => random.int(0, 255))),
				},
				{
					category,
					contentType: 'multipart/form-data; boundary=x',
					body: `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${payload}\r\n--x--`,
				},
				{ category, contentType: 'application/json; charset=klingon', body: payload },
				{
					category,
					contentType: 'application/json; charset=utf-16le',
					body: Buffer.from(payload, 'utf16le'),
				},
				{
					category,
					contentType: random.pick([
						'application/jsonx',
						'JSON',
						'application/json;;',
						'*/*',
						'text/plain',
						'text/plain; charset=',
						'x/y+json',
					]),
					body: payload,
				},
				{ category, contentType: 'text/html', body: `<html><body>${payload}</body></html>` },
				{ category, contentType: undefined, body: '' },
			]);
		}
		case 'oversized':
			// n8n refuses bodies over N8N_PAYLOAD_SIZE_MAX (16 MiB by default) before the node runs.
			return {
				category,
				contentType: json,
				body: `{"messageid":"${'x'.repeat(16 * 1024 * 1024 + random.int(1, 4096))}"}`,
			};
	}
}

export const CATEGORIES = [
	'valid',
	'randomJson',
	'truncatedJson',
	'deepNesting',
	'hugeString',
	'wrongTypes',
	'missingFields',
	'prototypeKeys',
	'invalidUtf8',
	'xml',
	'otherContentType',
	'oversized',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How often each category is drawn; the expensive ones (big bodies) are rare to keep the run short. */
const WEIGHTS: Record<Category, number> = {
	valid: 14,
	randomJson: 12,
	truncatedJson: 10,
	deepNesting: 2,
	hugeString: 0.5,
	wrongTypes: 12,
	missingFields: 10,
	prototypeKeys: 14,
	invalidUtf8: 8,
	xml: 5,
	otherContentType: 8,
	oversized: 0.05,
};

export function pickCategory(random: Random): Category {
	const total = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);
	let roll = random.next() * total;
	for (const category of CATEGORIES) {
		roll -= WEIGHTS[category];
		if (roll < 0) return category;
	}
	return 'valid';
}

const UNAUTHENTICATED: AuthVariant[] = [
	'none',
	'emptyHeader',
	'randomKey',
	'firstCharDiffers',
	'middleCharDiffers',
	'lastCharDiffers',
	'caseDiffers',
	'prefix',
	'extended',
	'padded',
	'wrongHeaderRightQuery',
	'otherHeaderName',
	'otherQueryName',
];

/** Half of the deliveries carry the right key (header or query), half one of the ways of getting it wrong. */
export function pickAuth(random: Random): AuthVariant {
	return random.chance(0.5)
		? random.pick(['header', 'header', 'query', 'queryRepeated'])
		: random.pick(UNAUTHENTICATED);
}

function flip(character: string): string {
	const code = character.charCodeAt(0);
	return String.fromCharCode(code === 0x30 ? 0x31 : code - 1);
}

/** The request's headers and query for an auth variant, given the real key (64 lowercase hex digits). */
export function credentialsFor(
	variant: AuthVariant,
	key: string,
	random: Random,
): { headers: Record<string, string>; query: string } {
	const header = (value: string) => ({ headers: { 'X-Whispir-Callback-Key': value }, query: '' });
	const at = (index: number) => `${key.slice(0, index)}${flip(key[index])}${key.slice(index + 1)}`;
	switch (variant) {
		case 'header':
			return header(key);
		case 'query':
			return { headers: {}, query: `?auth=${key}` };
		case 'queryRepeated':
			return { headers: {}, query: `?auth=${key}&auth=wrong` };
		case 'none':
			return { headers: {}, query: '' };
		case 'emptyHeader':
			return header('');
		case 'randomKey':
			return header(Array.from({ length: 64 }, () => random.int(0, 15).toString(16)).join(''));
		case 'firstCharDiffers':
			return random.chance(0.5) ? header(at(0)) : { headers: {}, query: `?auth=${at(0)}` };
		case 'middleCharDiffers':
			return random.chance(0.5) ? header(at(32)) : { headers: {}, query: `?auth=${at(32)}` };
		case 'lastCharDiffers':
			return random.chance(0.5) ? header(at(63)) : { headers: {}, query: `?auth=${at(63)}` };
		case 'caseDiffers':
			return header(key.toUpperCase());
		case 'prefix':
			return header(key.slice(0, random.int(1, 63)));
		case 'extended':
			return header(`${key}${random.pick(['0', 'a', '%00', ',', ' x'])}`);
		case 'padded':
			return {
				headers: {},
				query: `?auth=${encodeURIComponent(random.pick([` ${key}`, `${key} `, `${key}\u0000`, `${key}\n`]))}`,
			};
		case 'wrongHeaderRightQuery':
			// The header wins: a wrong header is not rescued by a right query parameter.
			return {
				headers: { 'X-Whispir-Callback-Key': at(random.int(0, 63)) },
				query: `?auth=${key}`,
			};
		case 'otherHeaderName':
			return {
				headers: {
					'X-Whispir-Callback-Keys': key,
					Authorization: `Bearer ${key}`.replace(key, at(5)),
				},
				query: '',
			};
		case 'otherQueryName':
			return {
				headers: {},
				query: `?Auth=${key.replace(key[10], flip(key[10]))}&apikey=nope&auth[]=${at(1)}`,
			};
	}
}
