import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	ICredentialsHelper,
	IConnections,
	INode,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { notSupported } from './errors';

/** Where the harness pretends n8n runs. Nothing listens there; n8n-core only builds URLs from it. */
const HARNESS_BASE_URL = 'http://127.0.0.1:5678';

let executions = 0;

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	mode: WorkflowExecuteMode;
	/** The workflow the hooks report on. */
	nodes: INode[];
	connections?: IConnections;
	/** What `LoadOptionsContext.getCurrentNodeParameter(s)` reads. */
	currentNodeParameters?: INodeParameters;
}

/**
 * The `additionalData` of one execution, with a fresh execution id: the fields n8n-core 2.8.1
 * reads (checked in its dist). What our nodes never need fails loudly.
 */
export function createAdditionalData(options: AdditionalDataOptions): {
	additionalData: IWorkflowExecuteAdditionalData;
	workflowData: IWorkflowBase;
	/** Resolves with the run when n8n-core's `workflowExecuteAfter` hook fires. */
	finished: Promise<IRun>;
} {
	const executionId = String(++executions);
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: `harness-${executionId}`,
		name: `Harness ${executionId}`,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: options.nodes,
		connections: options.connections ?? {},
	};
	const hooks = new ExecutionLifecycleHooks(options.mode, executionId, workflowData);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);

	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: options.currentNodeParameters,
		restApiUrl: `${HARNESS_BASE_URL}/rest`,
		instanceBaseUrl: `${HARNESS_BASE_URL}/`,
		formWaitingBaseUrl: `${HARNESS_BASE_URL}/form-waiting`,
		webhookBaseUrl: `${HARNESS_BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${HARNESS_BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${HARNESS_BASE_URL}/webhook-test`,
		userId: 'harness-user',
		variables: {},
		// An empty one: `$secrets` is off.
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => notSupported('Running a sub-workflow'),
		startRunnerTask: async () => notSupported('Running a task-runner task'),
	};
	return { additionalData, workflowData, finished };
}
