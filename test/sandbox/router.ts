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
		base = `/workspaces/${encodeURIComponent(workspaceId)}`;
		segs = segs.slice(2);
	}

	const def = env.registry.named(segs[0]);
	if (!def || (prefixed && def.scope !== 'workspace') || segs.length > 2) throw notFound();
	if (def.scope === 'workspace') workspaceId ??= env.defaultWorkspaceId();
	else workspaceId = undefined;

	const route = {
		resource: def,
		workspaceId,
		prefixed,
		scope: workspaceId ?? '',
		collectionPath: `${base}/${encodeURIComponent(def.name)}`,
	};
	return segs.length === 1 ? { ...route, kind: 'collection' } : { ...route, kind: 'item', id: segs[1] };
}
