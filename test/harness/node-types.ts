import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { ApplicationError, NodeHelpers } from 'n8n-workflow';

/**
 * An `INodeTypes` over the given node classes/objects.
 *
 * Keys are the node type names used in workflow JSON (`'n8n-nodes-whispir.whispir'`), which
 * is how n8n names community nodes: `<package name>.<description.name>`.
 * Versioned node types resolve through n8n-workflow's `NodeHelpers.getVersionedNodeType`
 * (no version → the default version), as n8n's own `NodeTypes` does.
 */
export function createNodeTypes(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	const known = { ...types };
	const lookUp = (name: string): INodeType | IVersionedNodeType => {
		const type = known[name];
		if (type === undefined) {
			throw new ApplicationError(`Unknown node type "${name}" (the harness knows: ${Object.keys(known).join(', ')})`);
		}
		return type;
	};
	return {
		getByName: (name) => lookUp(name),
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(lookUp(name), version),
		getKnownTypes: () => {
			const result: IDataObject = {};
			for (const name of Object.keys(known)) result[name] = { className: name, sourcePath: '' };
			return result;
		},
	};
}

/**
 * Wraps an `INodeTypes` so that an error thrown by a node's own `execute` is remembered
 * (by instance) before n8n-core turns it into a plain object for the run data.
 *
 * n8n-core's `WorkflowExecute` stores the error of a failed run as `{ ...error, message,
 * stack }`, which drops the class (NodeApiError / NodeOperationError). The wrapper calls the
 * node's real `execute` with the real `this` (the ExecuteContext n8n-core built) and the same
 * arguments; it only observes the rejection and rethrows it unchanged.
 */
export function recordNodeErrors(nodeTypes: INodeTypes, thrown: Error[]): INodeTypes {
	const wrapped = new WeakMap<INodeType, INodeType>();
	const wrap = (type: INodeType): INodeType => {
		if (typeof type.execute !== 'function') return type;
		let proxy = wrapped.get(type);
		if (proxy) return proxy;
		const execute = type.execute;
		const observed = async function (this: unknown, ...args: unknown[]) {
			try {
				// A class extending n8n-workflow's `Node` is called as `nodeType.execute(context)`,
				// so `this` is the proxy: hand the node its own instance back.
				return await (execute as (...a: unknown[]) => unknown).apply(this === proxy ? type : this, args);
			} catch (error) {
				if (error instanceof Error) thrown.push(error);
				throw error;
			}
		};
		proxy = new Proxy(type, {
			get: (target, property) => (property === 'execute' ? observed : Reflect.get(target, property)),
		});
		wrapped.set(type, proxy);
		return proxy;
	};
	return {
		getByName: (name) => nodeTypes.getByName(name),
		getByNameAndVersion: (name, version) => wrap(nodeTypes.getByNameAndVersion(name, version)),
		getKnownTypes: () => nodeTypes.getKnownTypes(),
	};
}
