import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { whispirApiRequest } from '../transport';
import { idFromUrl } from '../transport/responses';
import { ENDPOINTS } from './endpoints';

/** Whispir refuses resources above 10 MB (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource). */
export const MAX_RESOURCE_BYTES = 10 * 1024 * 1024;

function csvCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV (RFC 4180) with a header row: every key that appears in any row becomes a column,
 * in order of first appearance. Whispir turns the headers into `@@column@@` tags (bulk messages)
 * or mappable columns (contact imports). Nested values are written as JSON text.
 */
export function rowsToCsv(rows: readonly IDataObject[]): string {
	const columns: string[] = [];
	const seen = new Set<string>();
	for (const row of rows) {
		for (const key of Object.keys(row)) {
			if (!seen.has(key)) {
				seen.add(key);
				columns.push(key);
			}
		}
	}
	const lines = [columns.map(csvCell).join(',')];
	for (const row of rows) lines.push(columns.map((column) => csvCell(row[column])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}

/**
 * Uploads a CSV as a *private* Whispir resource, the only kind bulk messages and contact imports
 * read, and returns its id. The size is checked first so a file Whispir would refuse is never sent.
 */
export async function uploadPrivateCsv(
	context: IExecuteFunctions,
	file: { name: string; csv: string; workspaceId?: string; itemIndex: number },
): Promise<{ resourceId: string; url?: string }> {
	const bytes = Buffer.byteLength(file.csv, 'utf8');
	if (bytes > MAX_RESOURCE_BYTES) {
		throw new NodeOperationError(
			context.getNode(),
			`The input items make a ${(bytes / 1024 / 1024).toFixed(1)} MB file; Whispir accepts at most 10 MB`,
			{
				description:
					'Split the items into smaller batches (for example with the Loop Over Items node), or send fewer columns.',
				itemIndex: file.itemIndex,
			},
		);
	}
	const response = await whispirApiRequest.call(context, {
		method: 'POST',
		path: ENDPOINTS.resource.path,
		mediaType: ENDPOINTS.resource.mediaType,
		workspaceId: file.workspaceId,
		body: {
			name: file.name,
			scope: 'private',
			mimeType: 'text/csv',
			derefUri: Buffer.from(file.csv, 'utf8').toString('base64'),
		},
		itemIndex: file.itemIndex,
	});
	const resourceId = idFromUrl(response.location);
	if (resourceId === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			'Whispir stored the file but did not say under which ID',
			{
				description:
					'Its answer had no Location header. Nothing was sent; try again, or report this to Whispir support.',
				itemIndex: file.itemIndex,
			},
		);
	}
	return { resourceId, url: response.location };
}
