/**
 * Where each Whispir resource lives and how it is typed (endpoints.md §1.3, §2): the path below
 * the base URL, the vendor media type (always singular), and the key of the array in list pages.
 */
export const ENDPOINTS = {
	workspace: { path: '/workspaces', mediaType: 'workspace-v1', listKey: 'workspaces' },
} as const;
