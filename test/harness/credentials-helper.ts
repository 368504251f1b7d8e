import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ApplicationError, ICredentialsHelper, NodeHelpers, Workflow, isExpression } from 'n8n-workflow';

import { ensureN8nCore } from './container';

/** Credential data a test hands to the harness, keyed by credential type name. */
export interface HarnessCredentials {
	[credentialType: string]: ICredentialDataDecryptedObject;
}

/** The node type name n8n's credential tester uses for its temporary node. */
export const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

/** Lookup of credential types by name, with n8n's `extends` semantics. */
export class CredentialTypeRegistry {
	constructor(private readonly types: Record<string, ICredentialType>) {}

	get(name: string): ICredentialType {
		const type = this.types[name];
		if (type === undefined) {
			throw new ApplicationError(`Unknown credential type "${name}" (the harness knows: ${Object.keys(this.types).join(', ')})`);
		}
		return type;
	}

	/** All ancestors through `extends`, nearest first (as n8n's CredentialTypes). */
	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** The properties of a type merged with those of the types it extends (own ones win). */
	getProperties(name: string): INodeProperties[] {
		const type = this.get(name);
		if (type.extends === undefined) {
			if (name === 'oAuth1Api' || name === 'oAuth2Api') {
				return [
					...type.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
				];
			}
			return type.properties;
		}
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) NodeHelpers.mergeNodeProperties(combined, this.getProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}
}

const placeholderNode: INode = {
	id: 'credentials-placeholder',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const noNodeTypes: INodeTypes = {
	getByName: () => undefined as unknown as INodeType,
	getByNameAndVersion: () => undefined as unknown as INodeType,
	getKnownTypes: () => ({}),
};

/**
 * The `ICredentialsHelper` (n8n-workflow 2.8.0) of one harness run.
 *
 * It serves the test's plain credential data from memory instead of n8n's database, and
 * otherwise behaves like n8n's server-side `CredentialsHelper` (packages/cli/src/credentials-helper.ts):
 * - `getDecrypted` applies the credential type's property defaults (`NodeHelpers.getNodeParameters`
 *   over the type's properties, including the ones it `extends`) and resolves expressions in the
 *   data, with the run's workflow when n8n-core passes `expressionResolveValues`.
 * - `authenticate` calls a function `authenticate`; a generic one
 *   (`{ type: 'generic', properties: { headers, qs, body, auth } }`) has each key and value
 *   resolved as an expression with `$credentials` = the credential data, through the workflow's
 *   expression engine, then set into `requestOptions[headers|qs|body|auth][key]` — so
 *   `auth: { username, password }` becomes the request's Basic auth.
 * - `preAuthentication` runs the type's `preAuthentication` when its expirable hidden property is
 *   empty, the credentials expired, or a credential test runs, and stores the result.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Data written back by n8n-core (preAuthentication, OAuth token refresh), keyed by type. */
	readonly updates: HarnessCredentials = {};

	constructor(
		private readonly credentialTypes: CredentialTypeRegistry,
		private readonly store: HarnessCredentials,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.get(typeName);
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}

		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			const target = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					const resolvedKey = this.resolveValue(key, credentials, workflow, node);
					const resolvedValue = this.resolveValue(value, credentials, workflow, node);
					const bucket = (target[section] ??= {});
					bucket[resolvedKey] = resolvedValue;
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** Resolves `={{ … }}` with `$credentials`, as n8n does: falsy results become ''. */
	private resolveValue(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials } as IWorkflowDataProxyAdditionalKeys,
			undefined,
			'',
		);
		if (!resolved) return '';
		return resolved.toString();
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialTypes.get(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof type.preAuthentication !== 'function') return undefined;

		const isCredentialTest = node.parameters?.temp === '' && node.type === CREDENTIAL_TEST_NODE_TYPE;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) return undefined;

		const output = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		if (node.credentials) {
			await this.updateCredentials(node.credentials[typeName], typeName, { ...credentials, ...output });
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		ensureN8nCore();
		const credentials = new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type);
		credentials.setData(this.raw(type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.raw(type);
		if (raw === true) return data;
		return this.applyDefaults(additionalData, data, type, mode, executeData, expressionResolveValues);
	}

	/**
	 * Adds the credential type's defaults and resolves expressions in the data (n8n's
	 * `applyDefaultsAndOverwrites`, without overwrites: the harness has none).
	 */
	applyDefaults(
		additionalData: IWorkflowExecuteAdditionalData,
		original: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const properties = this.credentialTypes.getProperties(type);
		let data = (NodeHelpers.getNodeParameters(
			properties,
			original as INodeParameters,
			true,
			false,
			null,
			null,
		) ?? {}) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { secretsEnabled: false });
		if (expressionResolveValues) {
			try {
				data = expressionResolveValues.workflow.expression.getParameterValue(
					data as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					data,
				) as ICredentialDataDecryptedObject;
			} catch (error) {
				(error as Error).message += ' [Error resolving credentials]';
				throw error;
			}
		} else {
			const workflow = new Workflow({
				nodes: [{ ...placeholderNode }],
				connections: {},
				active: false,
				nodeTypes: noNodeTypes,
			});
			data = workflow.expression.getComplexParameterValue(
				placeholderNode,
				data as INodeParameters,
				mode,
				additionalKeys,
				undefined,
				undefined,
				data,
			) as ICredentialDataDecryptedObject;
		}
		return data;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...data };
		this.updates[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		await this.updateCredentials(nodeCredentials, type, { ...this.raw(type), oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	/** A copy of the test's data for a type (n8n-core may mutate what it gets). */
	private raw(type: string): ICredentialDataDecryptedObject {
		const data = this.store[type];
		if (data === undefined) {
			throw new ApplicationError(`The test gave no credentials of type "${type}"`);
		}
		return structuredClone(data);
	}
}
