/**
 * Test harness: runs REAL n8n workflow executions in-process with n8n-core's
 * `WorkflowExecute` (n8n-core 2.8.1 / n8n-workflow 2.8.0, i.e. n8n 2.8.4).
 *
 * Nothing is mocked between n8n-core and the node: the node gets n8n-core's own
 * `ExecuteContext` / `LoadOptionsContext`, its parameters (and expressions in them) are
 * resolved by n8n's expression engine, HTTP goes through n8n-core's
 * `httpRequestWithAuthentication` and the credential type's `authenticate` is applied like
 * n8n's server does. Only the storage around it is in memory: credentials come from the
 * test, binary data is kept in the items (n8n's `default` binary mode).
 *
 * ```ts
 * const harness = new Harness({
 *   nodeTypes: { 'n8n-nodes-whispir.whispir': new Whispir() },
 *   credentialTypes: { whispirApi: new WhispirApi() },
 * });
 * const { items, error } = await harness.runNode({
 *   nodeType: 'n8n-nodes-whispir.whispir',
 *   parameters: { resource: 'message', operation: 'send', to: '={{ $json.phone }}' },
 *   items: [{ json: { phone: '+61400000000' } }],
 *   credentials: { whispirApi: { baseUrl: sandbox.url, username: 'u', password: 'p', apiKey: 'k' } },
 * });
 * ```
 *
 * See README.md in this folder for the caveats (DI container, one n8n-workflow copy).
 */
import { prepareBinaryData as n8nPrepareBinaryData, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IBinaryData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { ApplicationError, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import { testCredentials } from './credential-tester';
import { CredentialTypeRegistry, HarnessCredentialsHelper } from './credentials-helper';
import type { HarnessCredentials } from './credentials-helper';
import { createNodeTypes, recordNodeErrors } from './node-types';

export type { HarnessCredentials } from './credentials-helper';
export { createNodeTypes } from './node-types';
export { ensureN8nCore } from './container';
export { HarnessCredentialsHelper, CredentialTypeRegistry } from './credentials-helper';
export { createAdditionalData, HARNESS_BASE_URL } from './additional-data';

export interface RunNodeOptions {
	/** Node type name as in workflow JSON, e.g. 'n8n-nodes-whispir.whispir'. */
	nodeType: string;
	/** The node's parameters as n8n stores them; `={{ … }}` expressions are resolved per item. */
	parameters: INodeParameters;
	/** Input items of the node. Default: one empty item `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/** Credential data by credential type; the node gets a reference to each type given. */
	credentials?: HarnessCredentials;
	/** Sets `onError: 'continueRegularOutput'` on the node, which is what n8n saves for "Continue". */
	continueOnFail?: boolean;
	/** Default: the node type's default (versioned) or highest (array) version. */
	typeVersion?: number;
	/** Default: 'Node'. */
	nodeName?: string;
}

export interface RunResult {
	/** Main output 0 of the node, items with their `pairedItem`. */
	items: INodeExecutionData[];
	/** All main outputs of the node. */
	outputs: INodeExecutionData[][];
	/**
	 * The run's error when the node failed without continueOnFail. When the node's `execute`
	 * threw it, this is the thrown instance itself (class kept: NodeApiError, NodeOperationError…);
	 * otherwise n8n-core's serialised copy.
	 */
	error?: ExecutionError;
	/** n8n's run data of the whole execution. */
	runData: IRunData;
}

export interface RunWorkflowOptions {
	/** Workflow JSON nodes (copied; the originals are not modified). */
	nodes: INode[];
	connections: IConnections;
	/** Name of the node the execution starts at; it is fed with `items`. */
	startNode: string;
	/** Input items of the start node. Default: `[{ json: {} }]`. */
	items?: INodeExecutionData[];
	/**
	 * Credential data by type. A node whose type declares a credential type given here, and
	 * that has no reference to it yet, gets one.
	 */
	credentials?: HarnessCredentials;
}

export interface RunWorkflowResult {
	runData: IRunData;
	error?: ExecutionError;
	/** Main output 0 of the node's first run ([] when it did not run). */
	output(nodeName: string): INodeExecutionData[];
}

export interface ListSearchOptions {
	nodeType: string;
	/** Name in the node type's `methods.listSearch`. */
	method: string;
	filter?: string;
	paginationToken?: string;
	credentials: HarnessCredentials;
	/** The node's current parameters (what `getCurrentNodeParameter(s)` returns). */
	parameters?: INodeParameters;
	typeVersion?: number;
	/** Path of the parameter being filled, e.g. 'parameters.template'. Default ''. */
	path?: string;
}

export interface LoadOptionsOptions {
	nodeType: string;
	/** Name in the node type's `methods.loadOptions`. */
	method: string;
	credentials: HarnessCredentials;
	parameters?: INodeParameters;
	typeVersion?: number;
	path?: string;
}

let executionCounter = 0;
const nextExecutionId = (): string => String(++executionCounter);

function defaultVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.description.defaultVersion ?? type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function workflowBase(id: string, nodes: INode[], connections: IConnections): IWorkflowBase {
	const now = new Date();
	return { id, name: `Harness ${id}`, active: false, isArchived: false, activeVersionId: null, createdAt: now, updatedAt: now, nodes, connections };
}

/**
 * Stores `data` the way a node's `this.helpers.prepareBinaryData` does (n8n-core's own
 * function), to attach to an input item: `{ json: {}, binary: { data: await prepareBinaryData(…) } }`.
 */
export async function prepareBinaryData(
	data: Buffer | string,
	fileName?: string,
	mimeType?: string,
): Promise<IBinaryData> {
	ensureN8nCore();
	const buffer = typeof data === 'string' ? Buffer.from(data) : data;
	const binary = await n8nPrepareBinaryData(buffer, 'harness', 'harness', fileName, mimeType);
	if (fileName !== undefined) binary.fileName = fileName;
	return binary;
}

export class Harness {
	private readonly nodeTypeClasses: Record<string, INodeType | IVersionedNodeType>;
	private readonly nodeTypes: INodeTypes;
	private readonly credentialTypes: CredentialTypeRegistry;

	constructor(opts: {
		nodeTypes: Record<string, INodeType | IVersionedNodeType>;
		credentialTypes: Record<string, ICredentialType>;
	}) {
		this.nodeTypeClasses = { ...opts.nodeTypes };
		this.nodeTypes = createNodeTypes(this.nodeTypeClasses);
		this.credentialTypes = new CredentialTypeRegistry({ ...opts.credentialTypes });
	}

	/** Runs one node, fed with `items`, in a workflow of its own. */
	async runNode(o: RunNodeOptions): Promise<RunResult> {
		const type = this.nodeTypes.getByName(o.nodeType);
		const name = o.nodeName ?? 'Node';
		const node: INode = {
			id: 'harness-node-1',
			name,
			type: o.nodeType,
			typeVersion: o.typeVersion ?? defaultVersion(type),
			position: [0, 0],
			parameters: structuredClone(o.parameters),
		};
		if (o.continueOnFail) node.onError = 'continueRegularOutput';
		const references = Object.keys(o.credentials ?? {});
		if (references.length > 0) {
			node.credentials = Object.fromEntries(references.map((t) => [t, { id: `${t}-id`, name: t }]));
		}
		const run = await this.runWorkflow({
			nodes: [node],
			connections: {},
			startNode: name,
			items: o.items,
			credentials: o.credentials,
		});
		return {
			items: run.output(name),
			outputs: run.runData[name]?.[0]?.data?.main?.map((output) => output ?? []) ?? [],
			error: run.error,
			runData: run.runData,
		};
	}

	/** Executes a workflow from `startNode` with n8n-core's `WorkflowExecute` (mode 'manual'). */
	async runWorkflow(w: RunWorkflowOptions): Promise<RunWorkflowResult> {
		ensureN8nCore();
		const executionId = nextExecutionId();
		const credentials: HarnessCredentials = structuredClone(w.credentials ?? {});
		const nodes = w.nodes.map((node) => this.withCredentialReferences(structuredClone(node), credentials));
		const thrown: Error[] = [];
		const workflow = new Workflow({
			id: `harness-workflow-${executionId}`,
			name: `Harness ${executionId}`,
			nodes,
			connections: structuredClone(w.connections),
			active: false,
			nodeTypes: recordNodeErrors(this.nodeTypes, thrown),
			staticData: {},
			settings: { executionOrder: 'v1' },
		});
		const startNode = workflow.getNode(w.startNode);
		if (startNode === null) throw new ApplicationError(`The workflow has no node "${w.startNode}"`);

		const { additionalData, finished } = createAdditionalData({
			credentialsHelper: new HarnessCredentialsHelper(this.credentialTypes, credentials),
			executionId,
			mode: 'manual',
			workflowData: workflowBase(workflow.id, nodes, w.connections),
		});
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node: startNode, data: { main: [w.items ?? [{ json: {} }]] }, source: null },
				],
			},
		});
		const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		const [run] = await Promise.all([finished, execution.processRunExecutionData(workflow)]);

		const runData = run.data.resultData.runData;
		const runError = run.data.resultData.error;
		let error: ExecutionError | undefined = runError;
		if (runError !== undefined) {
			const original = [...thrown].reverse().find((e) => e.message === runError.message);
			if (original !== undefined) error = original as ExecutionError;
		}
		return {
			runData,
			error,
			output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		};
	}

	/** Calls `methods.listSearch[method]` with n8n-core's `LoadOptionsContext`, as n8n's REST API does. */
	async listSearch(o: ListSearchOptions): Promise<INodeListSearchResult> {
		const { nodeType, context } = this.loadOptionsContext(o);
		const method = nodeType.methods?.listSearch?.[o.method];
		if (typeof method !== 'function') {
			throw new ApplicationError(`Node type "${o.nodeType}" has no listSearch method "${o.method}"`);
		}
		return await method.call(context, o.filter, o.paginationToken);
	}

	/** Calls `methods.loadOptions[method]` with n8n-core's `LoadOptionsContext`. */
	async loadOptions(o: LoadOptionsOptions): Promise<INodePropertyOptions[]> {
		const { nodeType, context } = this.loadOptionsContext(o);
		const method = nodeType.methods?.loadOptions?.[o.method];
		if (typeof method !== 'function') {
			throw new ApplicationError(`Node type "${o.nodeType}" has no loadOptions method "${o.method}"`);
		}
		return await method.call(context);
	}

	/** Tests credential data like n8n's "Test credential" button (see credential-tester.ts). */
	async testCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<{ status: 'OK' | 'Error'; message: string }> {
		return await testCredentials(type, data, this.credentialTypes, this.nodeTypeClasses, nextExecutionId());
	}

	/** Same as the exported `prepareBinaryData`. */
	async prepareBinaryData(data: Buffer | string, fileName?: string, mimeType?: string): Promise<IBinaryData> {
		return await prepareBinaryData(data, fileName, mimeType);
	}

	/**
	 * Mirrors n8n's DynamicNodeParametersService: a one-node workflow ('Temp-Node') holding the
	 * current parameters and the credential references, and a `LoadOptionsContext` on it whose
	 * `additionalData.currentNodeParameters` are the parameters as sent by the editor.
	 */
	private loadOptionsContext(o: ListSearchOptions | LoadOptionsOptions): {
		nodeType: INodeType;
		context: ILoadOptionsFunctions;
	} {
		ensureN8nCore();
		const typeVersion = o.typeVersion ?? defaultVersion(this.nodeTypes.getByName(o.nodeType));
		const nodeType = this.nodeTypes.getByNameAndVersion(o.nodeType, typeVersion);
		const parameters = structuredClone(o.parameters ?? {});
		const credentials = structuredClone(o.credentials);
		const node: INode = {
			id: 'uuid-1234',
			name: 'Temp-Node',
			type: o.nodeType,
			typeVersion,
			position: [0, 0],
			parameters: structuredClone(parameters),
			credentials: Object.fromEntries(Object.keys(credentials).map((t) => [t, { id: `${t}-id`, name: t }])),
		};
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: this.nodeTypes });
		const executionId = nextExecutionId();
		const { additionalData } = createAdditionalData({
			credentialsHelper: new HarnessCredentialsHelper(this.credentialTypes, credentials),
			executionId,
			mode: 'internal',
			workflowData: workflowBase(`harness-load-options-${executionId}`, [node], {}),
			currentNodeParameters: parameters,
		});
		// n8n's REST API builds this context without an execution id.
		delete additionalData.executionId;
		const context = new LoadOptionsContext(workflow, workflow.nodes['Temp-Node'], additionalData, o.path ?? '');
		return { nodeType, context };
	}

	private withCredentialReferences(node: INode, credentials: HarnessCredentials): INode {
		if (!(node.type in this.nodeTypeClasses)) return node;
		const declared = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? [];
		for (const { name } of declared) {
			if (credentials[name] === undefined || node.credentials?.[name] !== undefined) continue;
			node.credentials = { ...node.credentials, [name]: { id: `${name}-id`, name } };
		}
		return node;
	}
}
