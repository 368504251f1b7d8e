import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import type { CredentialTypes, HarnessCredentials } from './credentials-helper';
import { HarnessCredentialsHelper, credentialReference } from './credentials-helper';
import { defaultVersion } from './node-types';

export interface LoadOptionsOptions {
	nodeType: string;
	/** The method's name in the node type's `methods.loadOptions` / `methods.listSearch`. */
	method: string;
	credentials: HarnessCredentials;
	/** The node's current parameters, what `getCurrentNodeParameter(s)` returns. */
	parameters?: INodeParameters;
}

export interface ListSearchOptions extends LoadOptionsOptions {
	filter?: string;
	paginationToken?: string;
}

/**
 * The context the editor's pickers run in, after n8n's DynamicNodeParametersService: a one-node
 * workflow ('Temp-Node') with the current parameters and credential references, and a
 * `LoadOptionsContext` on it.
 */
export function loadOptionsContext(
	nodeTypes: INodeTypes,
	credentialTypes: CredentialTypes,
	options: LoadOptionsOptions,
): { nodeType: INodeType; context: ILoadOptionsFunctions } {
	ensureN8nCore();
	const typeVersion = defaultVersion(nodeTypes.getByName(options.nodeType));
	const parameters = structuredClone(options.parameters ?? {});
	const credentials = structuredClone(options.credentials);
	const node: INode = {
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: options.nodeType,
		typeVersion,
		position: [0, 0],
		parameters: structuredClone(parameters),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, credentialReference(type)]),
		),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const { additionalData } = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(credentialTypes, credentials),
		mode: 'internal',
		nodes: [node],
		currentNodeParameters: parameters,
	});
	// n8n's REST API builds this context outside any execution.
	delete additionalData.executionId;
	return {
		nodeType: nodeTypes.getByNameAndVersion(options.nodeType, typeVersion),
		context: new LoadOptionsContext(workflow, workflow.nodes['Temp-Node'], additionalData, ''),
	};
}
