import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ENDPOINTS } from '../actions/endpoints';
import { whispirApiList } from '../transport';

/** Whispir has no name filter for workspaces; a company has few, so they are filtered here. */
export async function searchWorkspaces(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const workspaces = await whispirApiList.call(this, ENDPOINTS.workspace);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = workspaces
		.map((workspace) => ({ name: String(workspace.projectName ?? workspace.id), value: String(workspace.id) }))
		.filter(({ name, value }) => wanted === '' || name.toLowerCase().includes(wanted) || value.toLowerCase() === wanted)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
