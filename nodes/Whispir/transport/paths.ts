import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Whether a value can be one segment of a request path. A path step ("." or "..") or a separator
 * would make the URL name another resource: User → Delete with the ID "." would send
 * `DELETE /users/`, Whispir's "delete every user of the company", and a workspace ".." would leave
 * the workspace. "%" is refused too: a proxy or server in between may decode `%2e` or `%2F` into
 * one of those. Whispir's IDs are letters and digits, so no real ID is refused.
 */
export function isIdSegment(value: string): boolean {
	const text = value.trim();
	return text !== '' && text !== '.' && text !== '..' && !/[/?#\\%]/.test(text);
}

/** The error for a value that cannot be an ID in a request path, naming the field and the item. */
export function notAnIdError(
	node: INode,
	label: string,
	value: string,
	itemIndex?: number,
): NodeOperationError {
	const where = itemIndex === undefined ? '' : ` in item ${itemIndex}`;
	return new NodeOperationError(node, `"${label}"${where} is not an ID: "${value}"`, {
		description:
			'Nothing was sent. Pick the record from the list, or map the field that holds its ID (as Whispir gives it, e.g. CB4558257DCB9F2B). An ID cannot be empty, "." or "..", or hold "/", "?", "#" or "%".',
		itemIndex,
	});
}

/**
 * Every request's path goes through here before it is sent: the workspace and every segment of the
 * path must be IDs (see isIdSegment), whichever operation built the path and wherever its IDs came
 * from (a parameter of any shape, an expression, an earlier answer, the trigger's stored state).
 */
export function assertRequestPath(
	node: INode,
	request: { method: string; path: string; workspaceId?: string; itemIndex?: number },
): void {
	const { path, workspaceId, itemIndex } = request;
	if (workspaceId && !isIdSegment(workspaceId))
		throw notAnIdError(node, 'Workspace', workspaceId, itemIndex);
	const segments = path.split('/').slice(1);
	segments.forEach((segment, index) => {
		// Segments arrive encoded once (encodeURIComponent); what they decode to is what must be an ID.
		const decoded = safeDecode(segment);
		if (decoded !== undefined && isIdSegment(decoded)) return;
		// The path's fixed parts are collection names, so the bad segment is the ID of the collection before it.
		const collection = segments.slice(0, index).join('/');
		throw notAnIdError(
			node,
			`ID in ${request.method} /${collection}/…`,
			decoded ?? segment,
			itemIndex,
		);
	});
}

function safeDecode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
