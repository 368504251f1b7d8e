// Contacts and users share one list of profile fields (personFields.ts); users add their own.
import { describe, expect, it } from 'vitest';

import {
	ALL_CONTACT_FIELDS,
	contactFieldProperty,
} from '../../nodes/Whispir/actions/contact/contactFields';
import {
	profileFields,
	requiredFields,
	updatableFields,
} from '../../nodes/Whispir/actions/user/fields';

const names = (properties: Array<{ name: string }>) => properties.map((property) => property.name);

describe('person fields', () => {
	it('gives users every shared field except the contact-only mobiles, plus their own', () => {
		const contactNames = names([...ALL_CONTACT_FIELDS]);
		const userNames = names(updatableFields);
		expect(userNames.filter((name) => !contactNames.includes(name)).sort()).toEqual([
			'middleName',
			'nickname',
			'password',
			'userName',
		]);
		expect(contactNames.filter((name) => !userNames.includes(name)).sort()).toEqual([
			'personalMobilePhone1',
			'personalMobilePhone2',
		]);
		// Whispir's schema spelling, for users as for contacts.
		expect(userNames).toEqual(expect.arrayContaining(['workSatellitePhone', 'workOtherPhone']));
	});

	it('asks a new user for username, password, names, work email and work mobile, in that order', () => {
		expect(names(requiredFields)).toEqual([
			'userName',
			'password',
			'firstName',
			'lastName',
			'workEmailAddress1',
			'workMobilePhone1',
		]);
		expect(requiredFields.every((property) => property.required === true)).toBe(true);
		expect(names(profileFields)).not.toContain('firstName');
		expect(profileFields.map((property) => property.displayName)).toEqual(
			[...profileFields.map((property) => property.displayName)].sort((a, b) => a.localeCompare(b)),
		);
	});

	it('describes a field for the resource it belongs to', () => {
		const email = ALL_CONTACT_FIELDS.find((field) => field.name === 'workEmailAddress2')!;
		expect(contactFieldProperty(email)).toMatchObject({
			description: "The contact's work email 2 address",
			placeholder: 'name@email.com',
		});
		expect(updatableFields.find((property) => property.name === 'workEmailAddress2')).toMatchObject(
			{
				description: "The user's work email 2 address",
			},
		);
	});
});
