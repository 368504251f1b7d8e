// Runs our nodes in-process the way n8n 2.8.4 does. Usage and caveats: README.md in this folder.
import { prepareBinaryData } from 'n8n-core';
import type {
	ExecutionError,
	IBinaryData,
	ICredentialDataDecryptedObject,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeTypes,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { recordAudit } from '../secrets/audit';
import { ensureN8nCore } from './container';
import { testCredential } from './credential-tester';
import type { CredentialTypes, HarnessCredentials } from './credentials-helper';
import type { ListSearchOptions, LoadOptionsOptions } from './load-options';
import { loadOptionsContext } from './load-options';
import type { NodeTypeClasses } from './node-types';
import { createNodeTypes, defaultVersion } from './node-types';
import type { RunWorkflowOptions, RunWorkflowResult } from './run';
import { runWorkflow } from './run';

export type {
	HarnessCredentials,
	ListSearchOptions,
	LoadOptionsOptions,
	RunWorkflowOptions,
	RunWorkflowResult,
};
export { createNodeTypes } from './node-types';
export {
	WebhookTriggerHarness,
	type TriggeredExecution,
	type WebhookHit,
	type WebhookTriggerOptions,
} from './webhook';

export interface RunNodeOptions {
	/** The node type's name in workflow JSON, e.g. 'n8n-nodes-whispir.whispir'. */
	nodeType: string;
	/** The node's parameters as n8n stores them; `={{ … }}` expressions are resolved per item. */
	parameters: INodeParameters;
	/** Default: one empty item. */
	items?: INodeExecutionData[];
	credentials?: HarnessCredentials;
	/** Sets `onError: 'continueRegularOutput'`, what the editor saves for "Continue". */
	continueOnFail?: boolean;
}

export interface RunNodeResult {
	/** Main output 0, items with their `pairedItem`. */
	items: INodeExecutionData[];
	/** Set when the node failed without continueOnFail; see RunWorkflowResult.error. */
	error?: ExecutionError;
}

/** Records a result or an error the editor would show, for the secrets audit (test/secrets/). */
async function audited<T>(source: string, result: Promise<T>): Promise<T> {
	try {
		const value = await result;
		recordAudit(`${source}:result`, value);
		return value;
	} catch (error) {
		recordAudit(`${source}:error`, error);
		throw error;
	}
}

export class Harness {
	private readonly nodeTypes: INodeTypes;

	private readonly credentialTypes: CredentialTypes;

	constructor(types: { nodeTypes: NodeTypeClasses; credentialTypes: CredentialTypes }) {
		this.nodeTypes = createNodeTypes({ ...types.nodeTypes });
		this.credentialTypes = { ...types.credentialTypes };
	}

	/** One node, fed with `items`, in a workflow of its own. */
	async runNode(options: RunNodeOptions): Promise<RunNodeResult> {
		const name = 'Node';
		const run = await this.runWorkflow({
			nodes: [
				{
					id: 'harness-node',
					name,
					type: options.nodeType,
					typeVersion: defaultVersion(this.nodeTypes.getByName(options.nodeType)),
					position: [0, 0],
					parameters: options.parameters,
					...(options.continueOnFail && { onError: 'continueRegularOutput' }),
				},
			],
			connections: {},
			startNode: name,
			items: options.items,
			credentials: options.credentials,
		});
		return { items: run.output(name), error: run.error };
	}

	async runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
		return await runWorkflow(this.nodeTypes, this.credentialTypes, options);
	}

	/** Calls the node type's `methods.listSearch[method]` as the editor's resource locator does. */
	async listSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
		const { nodeType, context } = loadOptionsContext(this.nodeTypes, this.credentialTypes, options);
		const method =
			nodeType.methods?.listSearch?.[options.method] ?? this.noMethod('listSearch', options);
		return await audited(
			'listSearch',
			method.call(context, options.filter, options.paginationToken),
		);
	}

	/** Calls the node type's `methods.loadOptions[method]` as the editor's options dropdown does. */
	async loadOptions(options: LoadOptionsOptions): Promise<INodePropertyOptions[]> {
		const { nodeType, context } = loadOptionsContext(this.nodeTypes, this.credentialTypes, options);
		const method =
			nodeType.methods?.loadOptions?.[options.method] ?? this.noMethod('loadOptions', options);
		return await audited('loadOptions', method.call(context));
	}

	/** n8n's "Test credential" button for the credential type's declarative `test`. */
	async testCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<INodeCredentialTestResult> {
		return await audited('testCredential', testCredential(this.credentialTypes, type, data));
	}

	/** Binary data for an input item, made by n8n-core's own `prepareBinaryData`. */
	async prepareBinaryData(
		data: Buffer,
		fileName?: string,
		mimeType?: string,
	): Promise<IBinaryData> {
		ensureN8nCore();
		return await prepareBinaryData(data, 'harness', 'harness', fileName, mimeType);
	}

	private noMethod(kind: string, { nodeType, method }: LoadOptionsOptions): never {
		throw new ApplicationError(`Node type "${nodeType}" has no ${kind} method "${method}"`);
	}
}
