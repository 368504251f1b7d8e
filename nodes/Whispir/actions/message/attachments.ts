import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Whispir takes at most 10 MB of attachments per message, in the payload (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface AttachmentField {
	/** The parameter with the binary property names, e.g. `emailAttachments`. */
	name: string;
	label: string;
	/**
	 * For voice recordings: the `attachmentDesc` that tells Whispir which part of the call the WAV
	 * replaces (`voiceintro.wav`, `voicebody.wav`, Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message). Only WAV files are taken.
	 */
	voicePart?: 'voiceintro.wav' | 'voicebody.wav';
}

const isWav = (mimeType: string | undefined, fileName: string) =>
	/^audio\/(x-)?(wav|wave|vnd\.wave)$/i.test(mimeType ?? '') || /\.wave?$/i.test(fileName);

/** Binary property names as typed: "data, invoice" → ["data", "invoice"]. */
function propertyNames(value: unknown): string[] {
	const names = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return names.map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * The item's binary properties as Whispir attachments ({attachmentName, attachmentDesc, derefUri}).
 * A missing property fails with the field named; so does the total size above 10 MB, counted
 * across `counted` (the attachments of the message read so far) before anything is sent.
 */
export async function readAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	field: AttachmentField,
	counted: { bytes: number },
): Promise<IDataObject[]> {
	const attachments: IDataObject[] = [];
	const binaries = context.getInputData()[itemIndex]?.binary ?? {};
	for (const property of propertyNames(context.getNodeParameter(field.name, itemIndex, ''))) {
		const binary = binaries[property];
		if (!binary) {
			const available = Object.keys(binaries);
			throw new NodeOperationError(
				context.getNode(),
				`"${field.label}" names the binary property "${property}", which item ${itemIndex} does not have`,
				{
					description:
						available.length > 0
							? `The item has these binary properties: ${available.join(', ')}.`
							: 'The item has no binary data. Read the file in an earlier node (e.g. Read/Write Files from Disk or HTTP Request).',
					itemIndex,
				},
			);
		}
		const fileName =
			binary.fileName ?? `${property}${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
		if (field.voicePart && !isWav(binary.mimeType, fileName)) {
			throw new NodeOperationError(
				context.getNode(),
				`"${field.label}" in item ${itemIndex} is not a WAV file: "${fileName}"`,
				{
					description:
						'Whispir plays only WAV recordings in voice calls. Convert the file to WAV first.',
					itemIndex,
				},
			);
		}
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		counted.bytes += buffer.length;
		if (counted.bytes > MAX_ATTACHMENT_BYTES) {
			throw new NodeOperationError(
				context.getNode(),
				`The attachments of item ${itemIndex} are ${(counted.bytes / 1024 / 1024).toFixed(1)} MB; Whispir accepts at most 10 MB per message`,
				{
					description: `Send smaller files, or fewer of them (checked while reading "${field.label}").`,
					itemIndex,
				},
			);
		}
		attachments.push({
			attachmentName: fileName,
			attachmentDesc: field.voicePart ?? fileName,
			derefUri: buffer.toString('base64'),
		});
	}
	return attachments;
}
