// A webhook trigger the way n8n 2.8.4 runs it, over real HTTP: a listening server on 127.0.0.1
// plays n8n's webhook server, n8n-core's HookContext runs the lifecycle methods (checkExists →
// create for each webhook, in the order the node declares them; delete on deactivation) and its
// WebhookContext runs `webhook()` for each request. What n8n's server does around them is mirrored
// from packages/cli (active-workflow-manager, webhook.service, live-webhooks, webhook-helpers,
// middlewares/body-parser): routes exist only while the workflow is active, bodies are parsed
// before the node sees them (malformed JSON is n8n's own 422), static data is saved after every
// lifecycle method and request and loaded fresh for the next, as n8n's database does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError, Workflow } from 'n8n-workflow';
import { XMLParser } from 'fast-xml-parser';

import { recordAudit, registerSecret } from '../secrets/audit';
import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import type { CredentialTypes, HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper, credentialReference } from './credentials-helper';
import type { NodeTypeClasses } from './node-types';
import { createNodeTypes } from './node-types';

export interface WebhookTriggerOptions {
	/** The node type's name in workflow JSON, e.g. 'n8n-nodes-whispir.whispirTrigger'. */
	nodeType: string;
	nodeTypes: NodeTypeClasses;
	credentialTypes: CredentialTypes;
	credentials: HarnessCredentials;
	parameters: INodeParameters;
	nodeName?: string;
	workflowName?: string;
	/** The workflow setting "Timezone"; default UTC. */
	timezone?: string;
	/** The port to listen on, e.g. the one of the n8n process this one replaces; default a free one. */
	port?: number;
}

/** One request the server answered, for assertions. */
export interface WebhookHit {
	method: string;
	path: string;
	status: number;
	/** Whether the request started an execution. */
	executed: boolean;
}

/** An execution the trigger started: the items of its main output. */
export interface TriggeredExecution {
	items: INodeExecutionData[];
}

interface ExpressLikeRequest extends IncomingMessage {
	body?: unknown;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
}

interface ExpressLikeResponse extends ServerResponse {
	status(code: number): ExpressLikeResponse;
	send(body?: unknown): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
}

const WORKFLOW_ID = 'harness-trigger-wf';

// n8n's body parser for webhooks (packages/cli/src/middlewares/body-parser.ts) parses XML with xml2js;
// fast-xml-parser (the sandbox's) gives a comparable object, and nodes should not rely on its shape.
const xmlParser = new XMLParser({ ignoreAttributes: false });

// n8n refuses bodies over N8N_PAYLOAD_SIZE_MAX, 16 MiB by default (@n8n/config endpoints.payloadSizeMax).
const PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

/** A request n8n answers itself before the node runs: 413, 415 or 422. */
class RefusedRequest extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

async function readRaw(req: IncomingMessage, limit = Infinity): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of req) {
		length += (chunk as Buffer).length;
		// Read on to the end (so the client gets the answer), keep nothing more.
		if (length <= limit) chunks.push(chunk as Buffer);
	}
	if (length > limit) throw new RefusedRequest(413, 'request entity too large');
	return Buffer.concat(chunks);
}

async function parseBody(req: ExpressLikeRequest): Promise<void> {
	const [type, ...parameters] = (req.headers['content-type'] ?? '').split(';');
	req.encoding = 'utf-8';
	if (type.trim() !== '') {
		req.contentType = type.trim().toLowerCase();
		const charset = parameters
			.map((p) => p.split('='))
			.find(([key]) => key.trim().toLowerCase() === 'charset');
		req.encoding = (charset?.[1]?.trim().toLowerCase() ?? 'utf-8') as BufferEncoding;
	}
	req.rawBody = await readRaw(req, PAYLOAD_SIZE_MAX);
	req._body = true;
	req.readRawBody = async () => {};
	if (req.rawBody.length === 0) return;
	// raw-body, which n8n reads bodies with, refuses a charset it cannot decode with 415.
	if (!Buffer.isEncoding(req.encoding))
		throw new RefusedRequest(415, `unsupported charset "${String(req.encoding)}"`);
	const text = req.rawBody.toString(req.encoding);
	const { contentType } = req;
	try {
		if (contentType === 'application/json') req.body = JSON.parse(text) as unknown;
		else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml'))
			req.body = xmlParser.parse(text, true) as unknown;
		else if (contentType === 'application/x-www-form-urlencoded') req.body = parseQueryString(text);
		else if (contentType === 'text/plain') req.body = text;
	} catch (error) {
		throw new RefusedRequest(422, (error as Error).message);
	}
}

function queryOf(url: URL): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const key of new Set(url.searchParams.keys())) {
		const values = url.searchParams.getAll(key);
		Object.defineProperty(query, key, {
			value: values.length === 1 ? values[0] : values,
			enumerable: true,
			writable: true,
		});
	}
	return query;
}

/** The few Express response methods nodes use, over node:http's ServerResponse. */
function expressResponse(res: ServerResponse): ExpressLikeResponse {
	const response = res as ExpressLikeResponse;
	response.status = (code) => ((response.statusCode = code), response);
	response.send = (body) => {
		if (body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body))
			return response.json(body);
		if (!response.hasHeader('content-type'))
			response.setHeader('Content-Type', 'text/html; charset=utf-8');
		response.end(body === undefined ? undefined : (body as string | Buffer));
		return response;
	};
	response.json = (body) => {
		response.setHeader('Content-Type', 'application/json; charset=utf-8');
		response.end(JSON.stringify(body));
		return response;
	};
	return response;
}

/** What a node keeps in static data under a name like `callbackKey` is a secret for the audit (test/secrets/). */
function registerStoredSecrets(data: unknown): void {
	if (typeof data !== 'object' || data === null) return;
	for (const [name, value] of Object.entries(data)) {
		if (typeof value === 'string' && /key|secret|password|token/i.test(name)) registerSecret(value);
		else registerStoredSecrets(value);
	}
}

/** Records every answer the webhook server sends (status and body), for the secrets audit (test/secrets/). */
function auditAnswer(res: ServerResponse): void {
	const written: Buffer[] = [];
	const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
	res.end = ((...args: unknown[]) => {
		const [chunk] = args;
		if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) written.push(Buffer.from(chunk));
		return end(...args);
	}) as ServerResponse['end'];
	res.once('finish', () =>
		recordAudit('webhook:answer', `${res.statusCode} ${Buffer.concat(written).toString('utf8')}`),
	);
}

function answer(res: ServerResponse, status: number, payload: unknown): void {
	if (res.headersSent || res.writableEnded) return;
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(payload));
}

/**
 * One trigger node in an active workflow of its own. `start()` listens; `activate()` registers the
 * webhooks and runs the lifecycle methods; `deactivate()` runs `delete`; `stop()` closes the socket
 * (n8n down) and a later `start()` listens on the same port again.
 */
export class WebhookTriggerHarness {
	readonly executions: TriggeredExecution[] = [];

	readonly hits: WebhookHit[] = [];

	/** The workflow's static data as n8n would store it (JSON), between lifecycle methods and requests. */
	staticData: IDataObject = {};

	private server?: Server;

	private port = 0;

	private active = false;

	private readonly node: INode;

	private readonly nodeTypes;

	constructor(private readonly options: WebhookTriggerOptions) {
		ensureN8nCore();
		this.port = options.port ?? 0;
		this.nodeTypes = createNodeTypes({ ...options.nodeTypes });
		const nodeType = this.nodeTypes.getByName(options.nodeType) as INodeType;
		this.node = {
			id: 'harness-trigger-node',
			name: options.nodeName ?? 'Whispir Trigger',
			type: options.nodeType,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			webhookId: '7c1f6a52-3b7e-4c1d-9a0e-5d2b8f4e6a10',
			credentials: Object.fromEntries(
				(nodeType.description.credentials ?? []).map(({ name }) => [
					name,
					credentialReference(name),
				]),
			),
		};
	}

	get baseUrl(): string {
		if (!this.server) throw new ApplicationError('The webhook server is not listening');
		return this.address();
	}

	/** The production URL of one of the node's webhooks, as n8n builds it. */
	webhookUrl(): string {
		return `${this.baseUrl}/webhook/${this.node.webhookId}/webhook`;
	}

	async start(): Promise<void> {
		const server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.port, '127.0.0.1', () => resolve());
		});
		this.port = (server.address() as AddressInfo).port;
		this.server = server;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** What n8n does when the workflow is activated ('activate') or n8n starts with it active ('init'). */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		// n8n stores each route, then runs that webhook's checkExists → create, in declaration order.
		this.active = true;
		try {
			for (const webhook of this.webhooks('trigger')) {
				const exists = await this.lifecycle('checkExists', webhook, 'trigger', activation);
				if (!exists) await this.lifecycle('create', webhook, 'trigger', activation);
			}
		} catch (error) {
			// n8n removes the workflow's webhooks again when activation fails.
			this.active = false;
			throw error;
		}
	}

	/**
	 * What n8n 2.40 does at start-up for an active workflow whose webhook records survived the restart
	 * (its workflow publication service, on by default): the routes come back and no lifecycle method runs.
	 */
	republish(): void {
		this.active = true;
	}

	/** What n8n does on deactivation: `delete` for each webhook (mode 'internal'), then the routes go. */
	async deactivate(): Promise<void> {
		for (const webhook of this.webhooks('internal'))
			await this.lifecycle('delete', webhook, 'internal', 'update');
		this.active = false;
	}

	private address(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	private workflow(): Workflow {
		return new Workflow({
			id: WORKFLOW_ID,
			name: this.options.workflowName ?? 'Harness trigger workflow',
			nodes: [structuredClone(this.node)],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.staticData),
			settings: { executionOrder: 'v1', timezone: this.options.timezone ?? 'UTC' },
		});
	}

	private save(workflow: Workflow): void {
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		registerStoredSecrets(this.staticData);
	}

	private additionalData(mode: WorkflowExecuteMode) {
		const { additionalData } = createAdditionalData({
			credentialsHelper: new HarnessCredentialsHelper(
				this.options.credentialTypes,
				structuredClone(this.options.credentials),
			),
			mode,
			nodes: [this.node],
		});
		// Once the server has listened, n8n's webhook URLs point at its port, also while it is stopped
		// (n8n down keeps its address).
		if (this.port !== 0) {
			additionalData.webhookBaseUrl = `${this.address()}/webhook`;
			additionalData.webhookTestBaseUrl = `${this.address()}/webhook-test`;
		}
		return additionalData;
	}

	/** The node's webhooks as n8n's WebhookService.getNodeWebhooks lists them. */
	private webhooks(mode: WorkflowExecuteMode): IWebhookData[] {
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const additionalData = this.additionalData(mode);
		return (nodeType.description.webhooks ?? []).map((webhookDescription) => ({
			httpMethod: webhookDescription.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/${String(webhookDescription.path)}`,
			webhookDescription,
			workflowId: WORKFLOW_ID,
			workflowExecuteAdditionalData: additionalData,
		}));
	}

	private async lifecycle(
		method: 'checkExists' | 'create' | 'delete',
		webhook: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const workflow = this.workflow();
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, this.node.typeVersion);
		const fn = nodeType.webhookMethods?.[webhook.webhookDescription.name]?.[method];
		if (fn === undefined) return undefined;
		const context = new HookContext(
			workflow,
			workflow.getNode(this.node.name)!,
			webhook.workflowExecuteAdditionalData,
			mode,
			activation,
			webhook,
		);
		try {
			return await fn.call(context);
		} catch (error) {
			recordAudit(`webhook:${method}:error`, error);
			throw error;
		} finally {
			this.save(workflow);
		}
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		auditAnswer(res);
		try {
			await this.serve(req, res);
		} catch (error) {
			answer(res, 500, { code: 0, message: `Harness error: ${(error as Error).message}` });
		}
	}

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const hit: WebhookHit = { method, path: url.pathname, status: 0, executed: false };
		res.once('finish', () => (hit.status = res.statusCode));
		this.hits.push(hit);

		const webhook = this.active
			? this.webhooks('webhook').find(
					(w) => w.httpMethod === method && url.pathname === `/webhook/${w.path}`,
				)
			: undefined;
		if (!webhook) {
			await readRaw(req);
			return answer(res, 404, {
				code: 404,
				message: `The requested webhook "${method} ${url.pathname}" is not registered.`,
			});
		}

		const request = req as ExpressLikeRequest;
		request.query = queryOf(url);
		request.params = {};
		try {
			await parseBody(request);
		} catch (error) {
			if (error instanceof RefusedRequest && error.status === 422) {
				return answer(res, 422, {
					code: 422,
					message: 'Failed to parse request body',
					hint: error.message,
				});
			}
			if (error instanceof RefusedRequest)
				return answer(res, error.status, { code: error.status, message: error.message });
			throw error;
		}

		const workflow = this.workflow();
		const additionalData = this.additionalData('webhook');
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = expressResponse(res) as never;
		const node = workflow.getNode(this.node.name)!;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhook,
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			return answer(res, 500, { code: 0, message: (error as Error).message });
		} finally {
			this.save(workflow);
		}

		if (result.noWebhookResponse === true) return;
		if (result.workflowData === undefined) {
			return answer(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
		}
		// responseMode 'onReceived': the execution starts and the caller gets its answer at once.
		hit.executed = true;
		this.executions.push({ items: result.workflowData[0] ?? [] });
		recordAudit('webhook:execution', result.workflowData);
		answer(res, 200, { message: 'Workflow was started' });
	}
}
