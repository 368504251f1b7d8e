import type {
	IDataObject,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';
import { isOn } from '../parameters';
import { byDisplayName } from '../common.descriptions';

/**
 * Messaging options say which contact field each channel uses first, second and third
 * (https://developers.whispir.com/c2NoOjM0ODAzNDA5-contact, "Messaging options"). Whispir's examples write the field names in PascalCase
 * (`WorkMobilePhone1`) while its prose writes camelCase; we send what the examples send and
 * what Whispir itself answers with.
 */
const CHANNELS = [
	{ value: 'sms', displayName: 'SMS', defaultPrimary: 'WorkMobilePhone1' },
	{ value: 'email', displayName: 'Email', defaultPrimary: 'WorkEmailAddress1' },
	{ value: 'voice', displayName: 'Voice', defaultPrimary: 'WorkMobilePhone1' },
] as const;

const REACHABLE_FIELDS: INodePropertyOptions[] = [
	{ name: 'Other Mobile', value: 'OtherMobile' },
	{ name: 'Other Phone', value: 'OtherPhone1' },
	{ name: 'Personal Email', value: 'PersonalEmailAddress1' },
	{ name: 'Personal Email 2', value: 'PersonalEmailAddress2' },
	{ name: 'Personal Mobile', value: 'PersonalMobilePhone1' },
	{ name: 'Personal Mobile 2', value: 'PersonalMobilePhone2' },
	{ name: 'Personal Phone', value: 'PersonalPhone1' },
	{ name: 'Personal Phone 2', value: 'PersonalPhone2' },
	{ name: 'Work Email', value: 'WorkEmailAddress1' },
	{ name: 'Work Email 2', value: 'WorkEmailAddress2' },
	{ name: 'Work Mobile', value: 'WorkMobilePhone1' },
	{ name: 'Work Mobile 2', value: 'WorkMobilePhone2' },
	{ name: 'Work Phone', value: 'WorkPhone1' },
	{ name: 'Work Phone 2', value: 'WorkPhone2' },
];

const NOT_SET: INodePropertyOptions = { name: '(None)', value: '' };

function fieldChoice(
	name: string,
	displayName: string,
	defaultValue: string,
	optional: boolean,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		options: optional ? [NOT_SET, ...REACHABLE_FIELDS] : REACHABLE_FIELDS,
		default: defaultValue,
		description: `The contact field this channel uses ${name === 'primary' ? 'first' : `as the ${name} choice`}`,
	};
}

/** One group per channel; a channel given replaces that channel's settings as a whole. */
export const messagingOptionsProperty: INodeProperties = {
	displayName: 'Messaging Options',
	name: 'messagingOptions',
	type: 'fixedCollection',
	placeholder: 'Add Channel',
	default: {},
	description:
		'Which channels Whispir may use to reach the contact, and which of its fields each channel tries first, second and third. Channels you leave out keep their current settings on update.',
	options: CHANNELS.map(
		(channel): INodePropertyCollection => ({
			displayName: channel.displayName,
			name: channel.value,
			values: [
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean' as const,
					default: true,
					description: `Whether Whispir may reach the contact by ${channel.displayName}`,
				},
				fieldChoice('primary', 'Primary Field', channel.defaultPrimary, false),
				fieldChoice('secondary', 'Secondary Field', '', true),
				fieldChoice('tertiary', 'Tertiary Field', '', true),
			],
		}),
	).sort(byDisplayName),
};

/** The node's `{ sms: {…}, email: {…} }` as Whispir's `messagingoptions` array. */
export function messagingOptionsFromParameter(parameter: IDataObject): IDataObject[] {
	const options: IDataObject[] = [];
	for (const channel of CHANNELS) {
		const given = parameter[channel.value] as IDataObject | undefined;
		if (!given) continue;
		options.push({
			channel: channel.value,
			// Whispir documents the flag as the strings "true" / "false".
			enabled: isOn(given.enabled ?? true) ? 'true' : 'false',
			primary: given.primary ?? channel.defaultPrimary,
			// Left out when not chosen, as in the docs' examples: contactCreate allows no empty value.
			...(given.secondary ? { secondary: given.secondary } : {}),
			...(given.tertiary ? { tertiary: given.tertiary } : {}),
		});
	}
	return options;
}

/** Channels given replace the same channel in `current`; the other channels stay as they were. */
export function mergeMessagingOptions(current: unknown, changes: IDataObject[]): IDataObject[] {
	const existing = Array.isArray(current) ? (current as IDataObject[]) : [];
	const channelOf = (option: IDataObject) => String(option.channel ?? '').toLowerCase();
	const changed = new Map(changes.map((option) => [channelOf(option), option]));
	const merged = existing.map((option) => changed.get(channelOf(option)) ?? option);
	for (const option of changes) {
		if (!existing.some((candidate) => channelOf(candidate) === channelOf(option)))
			merged.push(option);
	}
	return merged;
}
