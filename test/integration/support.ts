import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { WhispirApi } from '../../credentials/WhispirApi.credentials';
import { Whispir } from '../../nodes/Whispir/Whispir.node';
import { Harness } from '../harness';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { recordForContract } from '../contract/record';
import { auditSandboxLog } from '../secrets/sandboxLog';
import { TransportProbe } from './fixtures/TransportProbe.node';

export const WHISPIR = 'n8n-nodes-whispir.whispir';
/** The node as n8n names it when an AI agent runs it as a tool (n8n adds "Tool" to the type). */
export const WHISPIR_TOOL = 'n8n-nodes-whispir.whispirTool';
export const PROBE = 'n8n-nodes-whispir-test.transportProbe';

export interface WhispirTestBed {
	sandbox: Sandbox;
	harness: Harness;
	/** Credential data as a user would save it for the sandbox ("Custom URL" region). */
	credentials: { whispirApi: Record<string, string | number> };
	run(
		nodeType: string,
		parameters: INodeParameters,
		options?: {
			items?: INodeExecutionData[];
			continueOnFail?: boolean;
			requestsPerSecond?: number;
		},
	): ReturnType<Harness['runNode']>;
	close(): Promise<void>;
}

/** A sandbox on a free loopback port and a harness that runs our nodes against it. */
export async function startTestBed(options: SandboxOptions = {}): Promise<WhispirTestBed> {
	const sandbox = await startSandbox(options);
	auditSandboxLog(sandbox);
	recordForContract(sandbox);
	const harness = new Harness({
		nodeTypes: {
			[WHISPIR]: new Whispir(),
			[WHISPIR_TOOL]: new Whispir(),
			[PROBE]: new TransportProbe(),
		},
		credentialTypes: { whispirApi: new WhispirApi() },
	});
	const credentials = {
		whispirApi: {
			region: 'custom',
			baseUrl: sandbox.url,
			username: sandbox.credentials.username,
			password: sandbox.credentials.password,
			apiKey: sandbox.credentials.apiKey,
			rateLimit: 'custom',
			customRateLimit: 1000,
		},
	};
	return {
		sandbox,
		harness,
		credentials,
		run: async (nodeType, parameters, { items, continueOnFail, requestsPerSecond } = {}) =>
			await harness.runNode({
				nodeType,
				parameters,
				items,
				continueOnFail,
				credentials: {
					whispirApi: { ...credentials.whispirApi, customRateLimit: requestsPerSecond ?? 1000 },
				},
			}),
		close: async () => await sandbox.close(),
	};
}

/** A test bed of its own for `work`, closed afterwards: tests that each need a key (and a pace) of their own. */
export async function withTestBed<T>(work: (bed: WhispirTestBed) => Promise<T>): Promise<T> {
	const bed = await startTestBed();
	try {
		return await work(bed);
	} finally {
		await bed.close();
	}
}
