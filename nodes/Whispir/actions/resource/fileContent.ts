import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createRecord, fetchRecord } from '../../helpers/records';
import { ENDPOINTS } from '../endpoints';
import { MAX_RESOURCE_BYTES } from '../privateFile';

/** "Private files are restricted to CSV, JSON, and XML" (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource); public ones may be anything. */
const PRIVATE_MIME_TYPES = ['text/csv', 'application/json', 'application/xml'];

const TYPE_OF_EXTENSION: Record<string, string> = {
	csv: 'text/csv',
	json: 'application/json',
	xml: 'application/xml',
};

/** The file's content, from a binary property or typed in; shared by Upload and Update. */
export const contentFields: INodeProperties[] = [
	{
		displayName: 'Content Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description: 'A file from an earlier node (binary property)',
			},
			{
				name: 'Text',
				value: 'text',
				description: 'CSV, JSON, XML or other text typed in or mapped',
			},
		],
		default: 'binary',
		description: 'Where the file content comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file',
		description: 'The binary property of the input item that holds the file',
		displayOptions: { show: { source: ['binary'] } },
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: 'e.g. name,mobile\nJane,61423456789',
		description: 'The file content as text, e.g. CSV rows or JSON',
		displayOptions: { show: { source: ['text'] } },
	},
];

export interface FileContent {
	bytes: Buffer;
	/** The binary's own file name and MIME type, if it came as a binary. */
	fileName?: string;
	mimeType?: string;
}

/** Reads the file named by the content fields for this item. */
export async function readContent(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<FileContent> {
	if (context.getNodeParameter('source', itemIndex) === 'text') {
		const content = context.getNodeParameter('content', itemIndex, '') as unknown;
		// An expression may give an object (e.g. {{ $json }}): stored as its JSON text.
		const text = typeof content === 'string' ? content : JSON.stringify(content ?? '');
		if (text.trim() === '' || text === '""') {
			throw new NodeOperationError(context.getNode(), `"Content" is empty in item ${itemIndex}`, {
				description:
					'Enter the file content, or map a field that holds it. Whispir refuses empty files.',
				itemIndex,
			});
		}
		return { bytes: Buffer.from(text, 'utf8') };
	}
	const property = context.getNodeParameter('binaryPropertyName', itemIndex) as string;
	const binary = context.helpers.assertBinaryData(itemIndex, property);
	const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	return { bytes, fileName: binary.fileName, mimeType: binary.mimeType };
}

/** `text/csv; charset=utf-8` → `text/csv`. */
function bareType(mimeType: string | undefined): string | undefined {
	const type = mimeType?.split(';')[0].trim().toLowerCase();
	return type ? type : undefined;
}

/**
 * The MIME type to store: the one the user gave; else, for .csv/.json/.xml names, that type (a CSV
 * often arrives as application/vnd.ms-excel or text/plain); else the binary's; else text/plain.
 */
export function mimeTypeFor(given: string | undefined, name: string, file: FileContent): string {
	const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
	return bareType(given) ?? TYPE_OF_EXTENSION[extension] ?? bareType(file.mimeType) ?? 'text/plain';
}

/** What Whispir would refuse with 422 (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource), refused here before anything is sent. */
export function checkResource(
	context: IExecuteFunctions,
	resource: { name: string; scope: string; mimeType: string; bytes: Buffer },
	itemIndex: number,
): void {
	if (resource.bytes.length > MAX_RESOURCE_BYTES) {
		throw new NodeOperationError(
			context.getNode(),
			// Rounded up, so that a file just over the limit does not read as "10.0 MB".
			`The file in item ${itemIndex} is ${Math.ceil((resource.bytes.length / 1024 / 1024) * 10) / 10} MB; Whispir accepts at most 10 MB`,
			{
				description: 'Upload a smaller file, or split the data into several resources.',
				itemIndex,
			},
		);
	}
	if (resource.scope === 'private' && !PRIVATE_MIME_TYPES.includes(resource.mimeType)) {
		throw new NodeOperationError(
			context.getNode(),
			`"MIME Type" ${resource.mimeType} cannot be stored privately (item ${itemIndex})`,
			{
				description: `Private resources (for bulk messages and contact imports) must be ${PRIVATE_MIME_TYPES.join(', ')}. Choose Public scope for other files.`,
				itemIndex,
			},
		);
	}
}

/** Whispir's resource body: all four fields are required on create and update (Whispir's Resources docs: https://developers.whispir.com/c2NoOjI0NTEwMjA-resource). */
export function resourceBody(resource: {
	name: string;
	scope: string;
	mimeType: string;
	bytes: Buffer;
}): IDataObject {
	return {
		name: resource.name,
		scope: resource.scope,
		mimeType: resource.mimeType,
		derefUri: resource.bytes.toString('base64'),
	};
}

export interface StoredResource {
	stored: Awaited<ReturnType<typeof createRecord>>;
	/** A public file's download address; null when reading it back failed. */
	publicUrl?: string | null;
	readBackError?: string;
}

/**
 * Stores the file as a Whispir resource (checked first), and for a public one reads its download
 * address back: Whispir answers 201 with only a Location. Shared by Resource → Upload and the
 * WhatsApp header of Message → Send.
 */
export async function storeResource(
	context: IExecuteFunctions,
	resource: { name: string; scope: string; mimeType: string; bytes: Buffer },
	workspaceId: string | undefined,
	itemIndex: number,
): Promise<StoredResource> {
	checkResource(context, resource, itemIndex);
	const endpoint = ENDPOINTS.resource;
	const stored = await createRecord(context, {
		endpoint,
		workspaceId,
		body: resourceBody(resource),
		itemIndex,
	});
	if (resource.scope !== 'public' || stored.id === undefined) return { stored };
	// The file is stored already: a failed read-back must not fail the upload, or a re-run would store it twice.
	try {
		const record = await fetchRecord(context, { endpoint, id: stored.id, workspaceId, itemIndex });
		return { stored, publicUrl: typeof record.url === 'string' ? record.url : null };
	} catch (error) {
		return {
			stored,
			publicUrl: null,
			readBackError: `The file was stored, but reading its public URL back failed: ${(error as Error).message}`,
		};
	}
}

export const scopeField: INodeProperties = {
	displayName: 'Scope',
	name: 'scope',
	type: 'options',
	options: [
		{
			name: 'Private',
			value: 'private',
			description:
				'For bulk messages and contact imports; CSV, JSON or XML only; no public address',
		},
		{
			name: 'Public',
			value: 'public',
			description: 'Any file type; Whispir gives it a public download URL',
		},
	],
	default: 'private',
	description: 'Who can reach the file',
};

export const mimeTypeField: INodeProperties = {
	displayName: 'MIME Type',
	name: 'mimeType',
	type: 'string',
	default: '',
	placeholder: 'e.g. text/csv',
	description:
		"The file's type. Leave empty to take it from the name's extension (for CSV, JSON and XML files) or from the binary file.",
};
