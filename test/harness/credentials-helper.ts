import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, isExpression } from 'n8n-workflow';

import { registerCredentialSecrets } from '../secrets/audit';
import { lookUp, notSupported } from './errors';

/** Credential data a test hands to the harness, keyed by credential type name. */
export type HarnessCredentials = Record<string, ICredentialDataDecryptedObject>;

export type CredentialTypes = Record<string, ICredentialType>;

/** How a node refers to the test's credentials of a type (n8n stores an id and a name). */
export function credentialReference(type: string): INodeCredentialsDetails {
	return { id: `${type}-id`, name: type };
}

/**
 * A credential type by name. One that `extends` another (all OAuth types do) would need n8n's
 * property merging and OAuth flows, which the harness leaves out.
 */
export function credentialType(types: CredentialTypes, name: string): ICredentialType {
	const type = lookUp(types, name, 'credential type');
	if (type.extends) notSupported(`A credential type that extends another ("${name}")`);
	return type;
}

/** The data plus the type's property defaults, as n8n's `getDecrypted` gives them to nodes. */
export function withDefaults(
	type: ICredentialType,
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return (NodeHelpers.getNodeParameters(
		type.properties,
		data as INodeParameters,
		true,
		false,
		null,
		null,
	) ?? {}) as ICredentialDataDecryptedObject;
}

/**
 * n8n's server-side credentials helper (packages/cli/src/credentials-helper.ts) for one run, with
 * the test's data in place of the database. Credential data is taken literally: expressions in
 * it are not resolved.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: CredentialTypes,
		private readonly data: HarnessCredentials,
	) {
		super();
		// Every credential a run uses is a secret the end-of-run audit looks for (test/secrets/).
		for (const [typeName, typeData] of Object.entries(data)) {
			const passwordFields = (types[typeName]?.properties ?? [])
				.filter((p) => p.typeOptions?.password)
				.map((p) => p.name);
			registerCredentialSecrets(typeData, passwordFields);
		}
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
	): Promise<ICredentialDataDecryptedObject> {
		// A copy: n8n-core may change what it gets.
		const data = structuredClone(lookUp(this.data, typeName, 'credentials for'));
		return raw === true ? data : withDefaults(this.type(typeName), data);
	}

	/**
	 * A function `authenticate` is called. A generic one sets each of its `headers` / `qs` /
	 * `body` / `auth` entries into the request, key and value resolved with `$credentials` through
	 * the workflow's expression engine; `auth: { username, password }` becomes Basic auth.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function')
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			const resolve = (value: string) => this.resolve(value, credentials, workflow, node);
			const target = requestOptions as unknown as Record<
				string,
				Record<string, string> | undefined
			>;
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					(target[section] ??= {})[resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** n8n-core asks before every request; without expirable tokens there is never anything to refresh. */
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	/** n8n-core asks to find OAuth parents; the harness knows no `extends`. */
	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		return this.type(typeName).properties;
	}

	// Only n8n's OAuth flows use these.
	async getCredentials(): Promise<ICredentials> {
		return notSupported('Reading stored credentials');
	}

	async updateCredentials(): Promise<void> {
		notSupported('Updating credentials');
	}

	async updateCredentialsOauthTokenData(): Promise<void> {
		notSupported('OAuth');
	}

	private type(name: string): ICredentialType {
		return credentialType(this.types, name);
	}

	/** As n8n: a `={{ … }}` value is resolved with `$credentials`, a falsy result becomes ''. */
	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const additionalKeys = { $credentials: credentials } as IWorkflowDataProxyAdditionalKeys;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return resolved ? resolved.toString() : '';
	}
}
