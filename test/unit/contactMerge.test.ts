import { describe, expect, it } from 'vitest';

import { mergedRecord } from '../../nodes/Whispir/helpers/records';
import {
	CONTACT_READ_ONLY_FIELDS,
	mergeContact,
} from '../../nodes/Whispir/actions/contact/contactBody';
import { customFieldKey } from '../../nodes/Whispir/actions/contact/contactFields';
import {
	mergeMessagingOptions,
	messagingOptionsFromParameter,
} from '../../nodes/Whispir/actions/contact/messagingOptions';

const SMS = {
	channel: 'sms',
	enabled: 'true',
	primary: 'WorkMobilePhone1',
	secondary: '',
	tertiary: '',
};
const EMAIL = {
	channel: 'email',
	enabled: 'true',
	primary: 'WorkEmailAddress1',
	secondary: '',
	tertiary: '',
};

describe('mergeContact', () => {
	const stored = {
		id: 'C1',
		mri: 'Jane_Citizen.123456@Contact.whispir.com',
		type: 'COMPANY',
		lastModifiedTime: '2015-06-04T17:37:01+10:00',
		link: { rel: 'self', uri: 'https://x/contacts/C1', method: 'GET' },
		devices: [{ id: 'D1' }],
		firstName: 'Jane',
		jobTitle: 'Engineer',
		custom_StaffId: 'S-1',
		locations: [{ latitude: '0.0', longitude: '0.0', type: 'CurrentLocation' }],
		messagingoptions: [SMS, EMAIL],
	};

	it('keeps every stored field, overrides the given ones, and drops what Whispir does not take back', () => {
		const merged = mergedRecord(
			stored,
			{ jobTitle: 'Lead', custom_CostCentre: 'CC' },
			{ merge: mergeContact, readOnly: CONTACT_READ_ONLY_FIELDS },
		);
		expect(merged).toEqual({
			firstName: 'Jane',
			jobTitle: 'Lead',
			custom_StaffId: 'S-1',
			custom_CostCentre: 'CC',
			locations: stored.locations,
			messagingoptions: [SMS, EMAIL],
		});
	});

	it('merges messaging options per channel', () => {
		const voice = { ...SMS, channel: 'voice' };
		const sms = { ...SMS, enabled: 'false' };
		expect(mergeContact(stored, { messagingoptions: [sms, voice] }).messagingoptions).toEqual([
			sms,
			EMAIL,
			voice,
		]);
	});
});

describe('messaging options', () => {
	it("turns the per-channel parameter into Whispir's array, with string flags", () => {
		expect(
			messagingOptionsFromParameter({
				email: { enabled: false, primary: 'PersonalEmailAddress1', secondary: '', tertiary: '' },
				sms: {
					enabled: true,
					primary: 'WorkMobilePhone1',
					secondary: 'PersonalMobilePhone1',
					tertiary: '',
				},
			}),
		).toEqual([
			// Fields not chosen are left out, as in Whispir's examples: contactCreate allows no empty value.
			{
				channel: 'sms',
				enabled: 'true',
				primary: 'WorkMobilePhone1',
				secondary: 'PersonalMobilePhone1',
			},
			{ channel: 'email', enabled: 'false', primary: 'PersonalEmailAddress1' },
		]);
	});

	it('matches channels without regard to case and copes with a missing array', () => {
		expect(
			mergeMessagingOptions([{ ...SMS, channel: 'SMS' }], [{ ...SMS, primary: 'OtherMobile' }]),
		).toEqual([{ ...SMS, primary: 'OtherMobile' }]);
		expect(mergeMessagingOptions(undefined, [EMAIL])).toEqual([EMAIL]);
	});
});

describe('customFieldKey', () => {
	it('adds the custom_ prefix once', () => {
		expect(customFieldKey(' StaffId ')).toBe('custom_StaffId');
		expect(customFieldKey('custom_StaffId')).toBe('custom_StaffId');
	});
});
