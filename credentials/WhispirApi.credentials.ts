import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// Region values are the API base URLs themselves, so the credential test can use them as-is.
// Source: Whispir's API docs, "API Endpoint" and "New API URL" (https://developers.whispir.com), and Whispir's OpenAPI `servers`; see REGION_HINT for Italy.
const CUSTOM_BASE_URL = 'custom';

export const WHISPIR_REGIONS = [
	{ name: 'Asia Pacific (AP)', value: 'https://api.ap.whispir.com' },
	{ name: 'Asia Pacific 1 (AP1)', value: 'https://api.ap1.whispir.com' },
	{ name: 'Australia (AU)', value: 'https://api.au.whispir.com' },
	{ name: 'Custom URL', value: CUSTOM_BASE_URL },
	{ name: 'Education (EDU)', value: 'https://api.education.whispir.com' },
	{ name: 'Italy (IT)', value: 'https://api.it.whispir.com' },
	{ name: 'Italy, Alternative Address (IT)', value: 'https://api.app.whispir.it' },
	{ name: 'New Zealand (NZ)', value: 'https://api.nz.whispir.com' },
	{ name: 'United States (US)', value: 'https://api.us.whispir.com' },
];

// The per-second limits of Whispir's API editions (https://developers.whispir.com/, "API Rate Limits"),
// as ceilings, and Automatic, which needs none: the node learns the key's rate from Whispir's answers.
export const AUTOMATIC_RATE_LIMIT = 'auto';
export const WHISPIR_EDITIONS = [
	{ name: 'Automatic (Learn the Rate Whispir Grants)', value: AUTOMATIC_RATE_LIMIT },
	{ name: 'Startup API Edition (5 Requests per Second)', value: '5' },
	{ name: 'Business API Edition (10 Requests per Second)', value: '10' },
	{ name: 'Enterprise API Edition (30 Requests per Second)', value: '30' },
	{ name: 'Custom', value: 'custom' },
];

export class WhispirApi implements ICredentialType {
	name = 'whispirApi';

	displayName = 'Whispir API';

	icon: Icon = {
		light: 'file:../nodes/Whispir/whispir.svg',
		dark: 'file:../nodes/Whispir/whispir.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-whispir/n8n-nodes-whispir#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: WHISPIR_REGIONS,
			default: 'https://api.au.whispir.com',
			description:
				'Where your Whispir account lives: the "Environment" of your key on whispir.io, or the start of your platform address (https://&lt;region&gt;.whispir.com). Italy: Whispir\'s full API documentation says api.it.whispir.com, its summary says api.app.whispir.it; if one is refused, try the other.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.example.whispir.com',
			description: 'The API address of a private Whispir cloud, or of a Whispir sandbox',
			displayOptions: { show: { region: [CUSTOM_BASE_URL] } },
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'The username you sign in to the Whispir platform with',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The key of your app on whispir.io (My Apps → your app → API Key)',
			required: true,
		},
		{
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'options',
			options: WHISPIR_EDITIONS,
			default: AUTOMATIC_RATE_LIMIT,
			description:
				"The most requests per second the nodes may send with this key. Whatever you choose, they slow down to the rate Whispir really grants, which is lower when other apps, workflows or n8n workers share the key. Automatic starts at 30 (the Enterprise edition) and finds the key's rate by itself; choose your edition to never go above it.",
		},
		{
			displayName: 'Requests per Second',
			name: 'customRateLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 5,
			displayOptions: { show: { rateLimit: ['custom'] } },
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: 30,
			description:
				'How long one request may take, from sending it to the last byte of the answer. Reads, updates and deletes that time out are tried again; a send or create that times out is not, because Whispir may still have done it.',
		},
	];

	/**
	 * Whispir wants Basic auth and the API key as both header and query parameter on every request
	 * (Whispir's API docs, API Endpoint and Authorization: https://developers.whispir.com). A function, not n8n's declarative `IAuthenticateGeneric`: n8n runs each
	 * `={{$credentials…}}` of the declarative form through its expression engine on every request,
	 * which cost more CPU than the rest of a message send (`npm run bench`, scenario 4).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const apiKey = String(credentials.apiKey ?? '');
		return {
			...requestOptions,
			auth: {
				username: String(credentials.username ?? ''),
				password: String(credentials.password ?? ''),
			},
			headers: { ...requestOptions.headers, 'x-api-key': apiKey },
			qs: { ...requestOptions.qs, apikey: apiKey },
		};
	}

	// Listing workspaces needs all three secrets, so one request proves the whole credential.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.region === "${CUSTOM_BASE_URL}" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.region}}`,
			url: '/workspaces',
			headers: { Accept: 'application/vnd.whispir.workspace-v1+json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Whispir rejected the username or password (401). Check them by signing in to the Whispir platform.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Whispir rejected the API key (403 "Developer Inactive"). Check the key on whispir.io and that the Region matches the key\'s Environment. If both are right, the key may have used up its daily request quota.',
				},
			},
		],
	};
}
