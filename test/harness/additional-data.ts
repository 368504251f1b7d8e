import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import type {
	ICredentialsHelper,
	INodeParameters,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

/** Where the harness pretends n8n runs. Nothing listens there; only URLs are built from it. */
export const HARNESS_BASE_URL = 'http://127.0.0.1:5678';

export interface AdditionalDataOptions {
	credentialsHelper: ICredentialsHelper;
	executionId: string;
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	/** What `LoadOptionsContext.getCurrentNodeParameter(s)` reads. */
	currentNodeParameters?: INodeParameters;
}

export interface RunAdditionalData {
	additionalData: IWorkflowExecuteAdditionalData;
	hooks: ExecutionLifecycleHooks;
	/** Resolves with the run when `workflowExecuteAfter` fires. */
	finished: Promise<IRun>;
}

/**
 * The `additionalData` of one run, with the fields n8n-core 2.8.1 reads (checked in its dist):
 * `credentialsHelper`, `hooks`, `executionId`, `currentNodeExecutionIndex`, the base URLs
 * (`restApiUrl`, `instanceBaseUrl`, `webhook*BaseUrl`, `formWaitingBaseUrl` — used for
 * `$execution.resumeUrl`, `getNodeWebhookUrl`, signed URLs), `variables` (`$vars`),
 * `logAiEvent`, `setExecutionStatus`, `sendDataToUI`, `externalSecretsProxy` (an empty one:
 * `$secrets` is off) and the functions a node may call but our nodes never need
 * (`executeWorkflow`, `getRunExecutionData`, `startRunnerTask`), which fail loudly.
 */
export function createAdditionalData(options: AdditionalDataOptions): RunAdditionalData {
	const hooks = new ExecutionLifecycleHooks(options.mode, options.executionId, options.workflowData);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const unsupported = (what: string) => async (): Promise<never> => {
		throw new ApplicationError(`${what} is not supported by the test harness`);
	};

	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks,
		executionId: options.executionId,
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
		externalSecretsProxy: new ExternalSecretsProxy(),
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: unsupported('Running a task-runner task'),
	};
	return { additionalData, hooks, finished };
}
