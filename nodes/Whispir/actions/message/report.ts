import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { whispirApiList } from '../../transport';
import { recordPath } from '../../helpers/records';
import { workspaceOf } from '../recordOperations';
import { ENDPOINTS, type Endpoint } from '../endpoints';
import { listLimit, pickedId } from '../parameters';
import { messageLocator } from './locator';

/** What Get Status and Get Responses read: the message, the view asked for, and the report's entries. */
export interface MessageReport {
	messageId: string;
	view: 'summary' | 'detailed';
	entries: IDataObject[];
}

/**
 * One of a message's reports (`/messages/{id}/messagestatus` or `/messageresponses`). Its entries
 * have no IDs of their own. The summary is always read whole; Return All and Limit apply to the
 * per-recipient view.
 */
export async function readReport(
	context: IExecuteFunctions,
	itemIndex: number,
	report: Endpoint,
	qs: IDataObject = {},
): Promise<MessageReport> {
	const messageId = pickedId(context, messageLocator, itemIndex);
	const view = context.getNodeParameter('view', itemIndex) as MessageReport['view'];
	const entries = await whispirApiList.call(context, {
		path: `${recordPath(ENDPOINTS.message, messageId)}${report.path}`,
		mediaType: report.mediaType,
		listKey: report.listKey,
		entriesHaveNoIds: true,
		workspaceId: workspaceOf(context, itemIndex, report),
		qs: { view, ...qs },
		limit: view === 'summary' ? undefined : listLimit(context, itemIndex),
		itemIndex,
	});
	return { messageId, view, entries };
}
