import type { ExecutionError, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { lookUp } from './errors';

export type NodeTypeClasses = Record<string, INodeType | IVersionedNodeType>;

/**
 * An `INodeTypes` over node classes, keyed by the name workflow JSON uses:
 * `<package name>.<description.name>`, e.g. 'n8n-nodes-whispir.whispir'.
 */
export function createNodeTypes(types: NodeTypeClasses): INodeTypes {
	return {
		getByName: (name) => lookUp(types, name, 'node type'),
		// As n8n's own NodeTypes: a versioned type resolves to the asked (or default) version.
		getByNameAndVersion: (name, version) =>
			NodeHelpers.getVersionedNodeType(lookUp(types, name, 'node type'), version),
		getKnownTypes: () =>
			Object.fromEntries(
				Object.keys(types).map((name) => [name, { className: name, sourcePath: '' }]),
			),
	};
}

/** The version n8n gives a new node: the default one of a versioned type, else the highest. */
export function defaultVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.description.defaultVersion ?? type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/**
 * n8n-core stores a failed run's error as a plain copy (`{ ...error }`), losing its class.
 * This wraps each node's `execute` (same `this`, same arguments, rethrows unchanged) to remember
 * what it threw, so `originalError` can hand the test the very instance.
 */
export function keepNodeErrors(nodeTypes: INodeTypes): {
	nodeTypes: INodeTypes;
	originalError(copy: ExecutionError | undefined): ExecutionError | undefined;
} {
	const thrown: Error[] = [];
	const proxies = new WeakMap<INodeType, INodeType>();
	const observe = (type: INodeType): INodeType => {
		const execute = type.execute;
		if (typeof execute !== 'function') return type;
		let proxy = proxies.get(type);
		if (proxy) return proxy;
		const observed = async function (this: unknown, ...args: unknown[]) {
			try {
				// A node class extending n8n-workflow's `Node` is called as `nodeType.execute(context)`,
				// so `this` is then the proxy: hand the node its own instance back.
				return await (execute as (...a: unknown[]) => unknown).apply(
					this === proxy ? type : this,
					args,
				);
			} catch (error) {
				if (error instanceof Error) thrown.push(error);
				throw error;
			}
		};
		proxy = new Proxy(type, {
			get: (target, property) =>
				property === 'execute' ? observed : Reflect.get(target, property),
		});
		proxies.set(type, proxy);
		return proxy;
	};
	return {
		nodeTypes: {
			getByName: (name) => nodeTypes.getByName(name),
			getByNameAndVersion: (name, version) => observe(nodeTypes.getByNameAndVersion(name, version)),
			getKnownTypes: () => nodeTypes.getKnownTypes(),
		},
		originalError: (copy) =>
			copy &&
			(([...thrown].reverse().find((error) => error.message === copy.message) as ExecutionError) ??
				copy),
	};
}
