import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { Workflow, createEmptyRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { ensureN8nCore } from './container';
import type { CredentialTypeRegistry } from './credentials-helper';
import { CREDENTIAL_TEST_NODE_TYPE, HarnessCredentialsHelper } from './credentials-helper';
import { createNodeTypes } from './node-types';

/** Stand-in for n8n-nodes-base.noOp, the node n8n's tester borrows for declarative tests. */
const noOpNodeType: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: CREDENTIAL_TEST_NODE_TYPE,
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

type TestDefinition =
	| { kind: 'function'; test: ICredentialTestFunction }
	| { kind: 'request'; request: ICredentialTestRequest; nodeType?: INodeType };

function versionsOf(type: INodeType | IVersionedNodeType): INodeType[] {
	return 'nodeVersions' in type ? Object.values(type.nodeVersions) : [type];
}

/**
 * Finds the test for a credential type the way n8n's CredentialsTester does: the type's own
 * `test` first, then any known node whose `credentials[]` entry for the type has `testedBy`
 * (a string names `methods.credentialTest[name]`, an object is a test request run with that
 * node type). OAuth2 types (n8n checks for an access token) are out of scope here.
 */
function findTest(
	credentialType: string,
	credentialTypes: CredentialTypeRegistry,
	nodeTypes: Record<string, INodeType | IVersionedNodeType>,
): TestDefinition | undefined {
	const type = credentialTypes.get(credentialType);
	if (type.test) return { kind: 'request', request: type.test };

	for (const node of Object.values(nodeTypes)) {
		const versions = versionsOf(node);
		for (const version of versions) {
			for (const { name, testedBy } of version.description.credentials ?? []) {
				if (name !== credentialType || !testedBy) continue;
				if (typeof testedBy === 'string') {
					// newest version first, as n8n does for versioned nodes
					for (const candidate of [...versions].reverse()) {
						const test = candidate.methods?.credentialTest?.[testedBy];
						if (test) return { kind: 'function', test };
					}
					continue;
				}
				return { kind: 'request', request: testedBy, nodeType: version };
			}
		}
	}
	return undefined;
}

interface ErrorWithCause {
	message?: unknown;
	cause?: { response?: { status?: number; statusText?: string }; code?: unknown };
}

function valueAt(data: unknown, path: string): unknown {
	let current: unknown = data;
	for (const key of path.replace(/\[(\w+)\]/g, '.$1').split('.').filter(Boolean)) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/**
 * Tests credential data like n8n 2.8's CredentialsTester
 * (packages/cli/src/services/credentials-tester.service.ts):
 *
 * 1. No test found → `Error: 'No testing function found for this credential.'`.
 * 2. The data gets the type's defaults and resolved expressions first (an error there is
 *    returned as the message).
 * 3. A function test is called with a `CredentialTestContext` and its result returned.
 * 4. A request test: a temporary copy of the node type (n8n-nodes-base.noOp unless a node's
 *    `testedBy` gave one) whose only property is `temp` with `routing.request` = the test's
 *    `request`, and whose only credential is the tested type (required); a node `Temp-Node`
 *    in a fresh `Workflow`; n8n-core's `RoutingNode` runs it in mode `internal` with an
 *    `ExecuteContext`, passing the decrypted credentials — so `={{$credentials.x}}` in the
 *    request resolve and the type's `authenticate` is applied by the credentials helper.
 * 5. When it throws with an HTTP response: the first `responseCode` rule whose `value` equals
 *    the status gives the message; otherwise any non-2xx status gives the response's status
 *    text, or `Received HTTP status code: <n>` when there is none. Without a response but with
 *    an error code (ECONNREFUSED, …): the code. Otherwise: the error's message.
 * 6. On success, each `responseSuccessBody` rule whose `key` (a path into the first item's
 *    JSON) equals its `value` fails the test with its message.
 * 7. Else `{ status: 'OK', message: 'Connection successful!' }`.
 */
export async function testCredentials(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
	credentialTypes: CredentialTypeRegistry,
	nodeTypes: Record<string, INodeType | IVersionedNodeType>,
	executionId: string,
): Promise<INodeCredentialTestResult> {
	ensureN8nCore();
	const definition = findTest(credentialType, credentialTypes, nodeTypes);
	if (definition === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(credentialTypes, { [credentialType]: data });
	const credentials: ICredentialsDecrypted = {
		id: `${credentialType}-test`,
		name: `${credentialType} (test)`,
		type: credentialType,
		data: structuredClone(data),
	};
	const workflowData = { id: `credential-test-${executionId}`, name: 'Credential test', nodes: [], connections: {}, active: false, activeVersionId: null, isArchived: false, createdAt: new Date(), updatedAt: new Date() };

	try {
		const { additionalData } = createAdditionalData({ credentialsHelper, executionId, mode: 'internal', workflowData });
		credentials.data = credentialsHelper.applyDefaults(additionalData, credentials.data ?? {}, credentialType, 'internal');
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (definition.kind === 'function') {
		return await definition.test.call(new CredentialTestContext(), credentials);
	}

	const baseType = definition.nodeType ?? noOpNodeType;
	const { version } = baseType.description;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: baseType.description.name,
		typeVersion: Array.isArray(version) ? version[version.length - 1] : version,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType]: { id: credentials.id, name: credentials.name } },
	};
	const testNodeType: INodeType = {
		description: {
			...baseType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: definition.request.request },
					default: '',
				},
			],
		},
	};
	const testNodeTypes: INodeTypes = createNodeTypes({ [testNodeType.description.name]: testNodeType });
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: testNodeTypes });
	const { additionalData } = createAdditionalData({
		credentialsHelper,
		executionId,
		mode: 'internal',
		workflowData,
		currentNodeParameters: node.parameters,
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentials).runNode();
	} catch (caught) {
		const error = caught as ErrorWithCause;
		const httpResponse = error.cause?.response;
		if (httpResponse) {
			const statusCode = httpResponse.status as number;
			for (const rule of definition.request.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: httpResponse.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: String(error.cause.code) };
		}
		return { status: 'Error', message: String(error.message) };
	}

	for (const rule of definition.request.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json;
			if (valueAt(json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
