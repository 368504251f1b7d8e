import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { whispirApiRequest } from '../../transport';
import { MAX_PAGE_SIZE, nextOffset, pageItems } from '../../transport/pagination';
import { recordPath } from '../crud';
import { ENDPOINTS, type Endpoint } from '../endpoints';

/**
 * Reads a message's status or responses report (`/messages/{id}/messagestatus|messageresponses`),
 * page by page. Not `whispirApiList`: every detailed-status entry carries the same self link
 * (API doc L2870-2900), which that helper would take for a list repeating its first page.
 */
export async function readReport(
	context: IExecuteFunctions,
	request: { messageId: string; report: Endpoint; workspaceId?: string; qs: IDataObject; limit?: number; itemIndex: number },
): Promise<{ items: IDataObject[]; page: IDataObject }> {
	const items: IDataObject[] = [];
	let offset: number | undefined = 0;
	let page: IDataObject = {};
	while (offset !== undefined && (request.limit === undefined || items.length < request.limit)) {
		const pageSize = request.limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, request.limit - items.length);
		const response = await whispirApiRequest.call(context, {
			method: 'GET',
			path: `${recordPath(ENDPOINTS.message, request.messageId)}${request.report.path}`,
			mediaType: request.report.mediaType,
			workspaceId: request.workspaceId,
			qs: { ...request.qs, limit: pageSize, offset },
			itemIndex: request.itemIndex,
		});
		page = typeof response.body === 'object' ? response.body : {};
		// Entries have no ids of their own; the one pageItems derives from the shared self link is dropped.
		const entries = pageItems(page, request.report.listKey).map(({ id: _derived, ...entry }) => entry);
		items.push(...entries);
		offset = nextOffset(page, { offset, pageSize }, entries.length);
	}
	return { items: request.limit === undefined ? items : items.slice(0, request.limit), page };
}
