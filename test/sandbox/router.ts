import { HttpError } from './reply';
import type { Env, Route } from './types';

function segments(pathname: string): string[] {
	try {
		return pathname.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		throw new HttpError(404, `Not found: ${pathname}`);
	}
}

/**
 * Maps a path onto the registry:
 *   /                                   → the company root
 *   /<name>[/{id}]                      → a resource (workspace-scoped ones use the default workspace)
 *   /workspaces/{wid}/<name>[/{id}]     → a workspace-scoped resource in that workspace
 *   /<parent>/{pid}/<child>[/{id}]      → a sub-resource (devices of a contact, calls of a callback…),
 *                                         also under /workspaces/{wid}/ when its parent is
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
		if (!env.store.get('workspaces', workspaceId))
			throw new HttpError(404, `Workspace ${workspaceId} not found`);
		base = `/workspaces/${encodeURIComponent(workspaceId)}`;
		segs = segs.slice(2);
	}

	const top = env.registry.named(segs[0]);
	if (!top || top.parent || (prefixed && top.scope !== 'workspace' && !top.listedPerWorkspace))
		throw notFound();
	if (top.scope === 'workspace') workspaceId ??= env.defaultWorkspaceId();
	else if (!prefixed) workspaceId = undefined;
	const topScope = top.scope === 'workspace' ? (workspaceId ?? '') : '';

	if (segs.length <= 2) {
		const route = {
			resource: top,
			workspaceId,
			prefixed,
			scope: topScope,
			collectionPath: `${base}/${encodeURIComponent(top.name)}`,
		};
		return segs.length === 1
			? { ...route, kind: 'collection' }
			: { ...route, kind: 'item', id: segs[1] };
	}

	const child = env.registry.named(segs[2]);
	if (!child || child.parent !== top.name || segs.length > 4) throw notFound();
	const parentId = segs[1];
	if (!env.store.get(top.name, parentId, topScope))
		throw new HttpError(404, `${top.itemName} ${parentId} not found`);
	const route = {
		resource: child,
		workspaceId,
		prefixed,
		parentId,
		scope: childScope(topScope, parentId),
		collectionPath: `${base}/${encodeURIComponent(top.name)}/${encodeURIComponent(parentId)}/${encodeURIComponent(child.name)}`,
	};
	return segs.length === 3
		? { ...route, kind: 'collection' }
		: { ...route, kind: 'item', id: segs[3] };
}

/** Where the records of a sub-resource live: beside their parent's scope, one scope per parent. */
export function childScope(parentScope: string, parentId: string): string {
	return `${parentScope}>${parentId}`;
}
