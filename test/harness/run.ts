import { WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	IConnections,
	INode,
	INodeExecutionData,
	INodeTypes,
} from 'n8n-workflow';
import { ApplicationError, Workflow, createRunExecutionData } from 'n8n-workflow';

import { recordAudit, registerSecret } from '../secrets/audit';
import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import type { CredentialTypes, HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper, credentialReference } from './credentials-helper';
import { keepNodeErrors } from './node-types';
import { assertOfferedValues } from './offeredValues';

export interface RunWorkflowOptions {
	/** Workflow JSON nodes; copied, the caller's stay as they are. */
	nodes: INode[];
	connections: IConnections;
	/** The node the execution starts at, fed with `items`. */
	startNode: string;
	/** Default: one empty item. */
	items?: INodeExecutionData[];
	/** Credential data by type. Every node whose type declares one of these types gets a reference to it. */
	credentials?: HarnessCredentials;
}

export interface RunWorkflowResult {
	/** The run's error; when a node's `execute` threw it, the thrown instance itself (class kept). */
	error?: ExecutionError;
	/** Main output 0 of a node's first run ([] when it did not run). */
	output(nodeName: string): INodeExecutionData[];
}

/**
 * Runs a workflow from `startNode` with n8n-core's `WorkflowExecute` in mode 'manual', with a
 * fresh `Workflow` (which applies node parameter defaults) and fresh `additionalData`.
 */
export async function runWorkflow(
	nodeTypes: INodeTypes,
	credentialTypes: CredentialTypes,
	options: RunWorkflowOptions,
): Promise<RunWorkflowResult> {
	ensureN8nCore();
	const credentials = structuredClone(options.credentials ?? {});
	const connections = structuredClone(options.connections);
	const nodes = options.nodes.map((node) =>
		withCredentialReferences(nodeTypes, structuredClone(node), credentials),
	);
	for (const node of nodes) {
		assertOfferedValues(nodeTypes, node);
		registerSecretParameters(node.parameters);
	}
	const errors = keepNodeErrors(nodeTypes);
	const { additionalData, workflowData, finished } = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(credentialTypes, credentials),
		mode: 'manual',
		nodes,
		connections,
	});
	const workflow = new Workflow({
		id: workflowData.id,
		nodes,
		connections,
		active: false,
		nodeTypes: errors.nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const startNode = workflow.getNode(options.startNode);
	if (startNode === null)
		throw new ApplicationError(`The workflow has no node "${options.startNode}"`);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const [run] = await Promise.all([finished, execution.processRunExecutionData(workflow)]);
	const { runData, error } = run.data.resultData;
	// What n8n's execution log would show: every node's output, errors and hints, and the run's error.
	recordAudit('run:resultData', run.data.resultData);
	const thrown = errors.originalError(error);
	if (thrown) recordAudit('run:error', thrown);
	return {
		error: thrown,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
	};
}

function withCredentialReferences(
	nodeTypes: INodeTypes,
	node: INode,
	credentials: HarnessCredentials,
): INode {
	const declared =
		nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? [];
	for (const { name } of declared) {
		// A reference the node already has wins.
		if (credentials[name] !== undefined)
			node.credentials = { [name]: credentialReference(name), ...node.credentials };
	}
	return node;
}

// Parameters named like these hold secrets the user typed (a callback's key, a user's password, an
// app's client secret or private key): the secrets audit (test/secrets/) looks for them in every output.
const SECRET_PARAMETER = /(password|secret|privatekey|authkey|apikey)$/i;

function registerSecretParameters(parameters: unknown): void {
	if (typeof parameters !== 'object' || parameters === null) return;
	for (const [name, value] of Object.entries(parameters)) {
		// Expressions are not the secret itself.
		if (typeof value === 'string' && SECRET_PARAMETER.test(name) && !value.startsWith('='))
			registerSecret(value, 'output');
		else registerSecretParameters(value);
	}
}
