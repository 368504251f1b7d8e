import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue } from '../parameters';
import { phoneDigits } from '../validation';

/**
 * Who gets the message: Whispir's `to` takes phone numbers (country code first), email addresses
 * and MRIs of contacts, users and distribution lists, separated by `;`
 * (messageCreate `to`; https://developers.whispir.com/c2NoOjE0NDgyNjQ-message).
 */
export const recipientFields: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'e.g. 61423456789; jane@example.com; John_Smith.782749@Contact.whispir.com',
		description:
			'Phone numbers with country code, email addresses, or Whispir MRIs of contacts, users or distribution lists, separated by ; or commas. Can be empty when you pick recipients below.',
	},
	{
		displayName: 'Pick Recipients',
		name: 'pickedRecipients',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact or List',
		default: {},
		description:
			'Contacts and distribution lists of the workspace to send to, besides those in "To"',
		options: [
			{
				displayName: 'Contact',
				name: 'contacts',
				values: [
					{
						displayName: 'Contact',
						name: 'mri',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: 'The contact; Whispir addresses it by its MRI',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchContactMris', searchable: true },
							},
							{
								displayName: 'By MRI',
								name: 'mri',
								type: 'string',
								placeholder: 'e.g. John_Smith.782749@Contact.whispir.com',
							},
						],
					},
				],
			},
			{
				displayName: 'Distribution List',
				name: 'lists',
				values: [
					{
						displayName: 'Distribution List',
						name: 'mri',
						type: 'resourceLocator',
						default: { mode: 'list', value: '' },
						description: 'The distribution list; every member gets the message',
						modes: [
							{
								displayName: 'From List',
								name: 'list',
								type: 'list',
								typeOptions: { searchListMethod: 'searchDistributionListMris', searchable: true },
							},
							{
								displayName: 'By MRI',
								name: 'mri',
								type: 'string',
								placeholder: 'e.g. Incidents.373947@List.whispir.com',
							},
						],
					},
				],
			},
		],
	},
];

/** Recipients as typed (`;`, commas or lines between them) as Whispir's: phone numbers lose spaces and a leading +. */
export function typedRecipients(typed: unknown): string[] {
	return (Array.isArray(typed) ? typed.map(String) : [String(typed ?? '')])
		.flatMap((entry) => entry.split(/[;,\n]/))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '')
		.map((entry) => phoneDigits(entry) ?? entry);
}

/** Whispir's `to`: every recipient once, `;`-separated. */
export function readRecipients(context: IExecuteFunctions, itemIndex: number): string {
	const fromText = typedRecipients(context.getNodeParameter('to', itemIndex, '') as unknown);
	const picked = context.getNodeParameter('pickedRecipients', itemIndex, {}) as IDataObject;
	const fromPicks = ['contacts', 'lists'].flatMap((group) =>
		((picked[group] as IDataObject[] | undefined) ?? []).flatMap(
			(entry) => locatorValue(entry.mri) ?? [],
		),
	);
	const recipients = [...new Set([...fromText, ...fromPicks])];
	if (recipients.length === 0) {
		throw new NodeOperationError(context.getNode(), `"To" has no recipients in item ${itemIndex}`, {
			description:
				'Enter phone numbers, email addresses or MRIs in "To", or pick contacts or distribution lists.',
			itemIndex,
		});
	}
	return recipients.join(';');
}
