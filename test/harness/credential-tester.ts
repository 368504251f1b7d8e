import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import type { CredentialTypes } from './credentials-helper';
import { HarnessCredentialsHelper, credentialType, withDefaults } from './credentials-helper';
import { notSupported } from './errors';
import { createNodeTypes } from './node-types';

/** n8n's tester borrows the No Operation node for the request. */
const TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

/**
 * n8n's "Test credential" for a credential type's declarative `test`, after n8n 2.8's
 * packages/cli/src/services/credentials-tester.service.ts: a temporary node whose only property
 * routes the test's request, run by n8n-core's `RoutingNode` with the data (plus the type's
 * defaults), so `={{$credentials.x}}` in the request resolves and `authenticate` is applied.
 */
export async function testCredential(
	types: CredentialTypes,
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	ensureN8nCore();
	const type = credentialType(types, typeName);
	const { test } = type;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
	if (test.rules?.some((rule) => rule.type !== 'responseCode'))
		notSupported('A credential test rule other than responseCode');

	const credentials: ICredentialsDecrypted = {
		id: `${typeName}-test`,
		name: typeName,
		type: typeName,
		data: withDefaults(type, structuredClone(data)),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: credentials.id, name: credentials.name } },
	};
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: TEST_NODE_TYPE,
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: createNodeTypes({ [TEST_NODE_TYPE]: nodeType }),
	});
	const { additionalData } = createAdditionalData({
		credentialsHelper: new HarnessCredentialsHelper(types, { [typeName]: data }),
		mode: 'internal',
		nodes: [node],
		currentNodeParameters: node.parameters,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (error) {
		return { status: 'Error', message: failureMessage(error as TestError, test.rules) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

interface TestError {
	message?: unknown;
	cause?: { response?: { status: number; statusText?: string }; code?: unknown };
}

/**
 * n8n's answer to a failed test. n8n-workflow 2.8 leaves NodeApiError's `cause` undefined
 * (README, caveat 1), so there only the last line applies; the rest takes effect on 2.40.
 */
function failureMessage(error: TestError, rules: ICredentialTestRequest['rules']): string {
	const response = error.cause?.response;
	if (response) {
		const rule = rules?.find(
			(r) => r.type === 'responseCode' && r.properties.value === response.status,
		);
		if (rule) return rule.properties.message;
		if (response.status < 199 || response.status > 299) {
			return response.statusText || `Received HTTP status code: ${response.status}`;
		}
	} else if (error.cause?.code) {
		return String(error.cause.code);
	}
	return String(error.message);
}
