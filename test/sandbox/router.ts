import { HttpError } from './reply';
import type { Env, ResourceDef } from './types';

export interface Route {
	resource: ResourceDef;
	kind: 'collection' | 'item';
	id?: string;
	workspaceId?: string;
	prefixed: boolean;
	scope: string;
	collectionPath: string;
	parent?: { resource: ResourceDef; id: string; scope: string };
}

function segments(pathname: string): string[] {
	try {
		return pathname.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		throw new HttpError(404, `Not found: ${pathname}`);
	}
}

const enc = encodeURIComponent;

/**
 * Maps a path onto the registry:
 *   /                                   → the company root
 *   /<name>[/{id}]                      → a resource (workspace-scoped ones use the default workspace)
 *   /workspaces/{wid}/<name>[/{id}]     → a workspace-scoped resource in that workspace
 *   …/<name>/{id}/<child>[/{id}]        → sub-resources registered with `parent: <name>`
 */
export function resolve(pathname: string, env: Env): Route {
	const notFound = () => new HttpError(404, `Not found: ${pathname}`);
	let segs = segments(pathname);
	if (segs.length === 0) {
		const root = env.registry.root();
		if (!root) throw notFound();
		return { resource: root, kind: 'collection', prefixed: false, scope: '', collectionPath: '' };
	}

	let base = '';
	let workspaceId: string | undefined;
	const prefixed = segs[0] === 'workspaces' && segs.length >= 3;
	if (prefixed) {
		workspaceId = segs[1];
		if (!env.store.get('workspaces', workspaceId)) throw new HttpError(404, `Workspace ${workspaceId} not found`);
		base = `/workspaces/${enc(workspaceId)}`;
		segs = segs.slice(2);
	}

	let def = env.registry.top(segs[0]);
	if (!def || (prefixed && def.scope !== 'workspace')) throw notFound();
	if (def.scope === 'workspace') workspaceId ??= env.defaultWorkspaceId();
	else workspaceId = undefined;

	let scope = workspaceId ?? '';
	let path = `${base}/${enc(def.name)}`;
	let parent: Route['parent'];
	// Each turn consumes "{id}/<child>"; bounded by the number of segments.
	for (let i = 1; ; i += 2) {
		const common = { workspaceId, prefixed, scope, collectionPath: path, parent };
		if (segs.length === i) return { resource: def, kind: 'collection', ...common };
		const id = segs[i];
		if (segs.length === i + 1) return { resource: def, kind: 'item', id, ...common };
		const child = env.registry.child(def.name, segs[i + 1]);
		if (!child) throw notFound();
		const lookupScope = def.companyWide && !prefixed ? undefined : scope;
		if (!env.store.get(def.name, id, lookupScope)) throw new HttpError(404, `${def.itemName} ${id} not found`);
		parent = { resource: def, id, scope };
		scope = `${scope}/${def.name}/${id}`;
		path = `${path}/${enc(id)}/${enc(child.name)}`;
		def = child;
	}
}
