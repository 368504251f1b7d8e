import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

/** The example's Whispir nodes, run with the rows its sample node produces (Code nodes are not in the harness). */
const example = JSON.parse(
	readFileSync(join(__dirname, '../../examples/sync-contacts-then-build-list.json'), 'utf8'),
) as {
	nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
};
const node = (name: string) => example.nodes.find((candidate) => candidate.name === name)!;
const ROWS = [
	{
		first_name: 'Ann',
		last_name: 'Lee',
		email: 'ann.lee@example.com',
		mobile: '+61 400 000 001',
		country: 'Australia',
		timezone: 'Australia/Sydney',
		staff_id: 'S-1001',
		team: 'Night Shift',
	},
	{
		first_name: 'Bob',
		last_name: 'Ray',
		email: 'bob.ray@example.com',
		mobile: '+61 400 000 002',
		country: 'Australia',
		timezone: 'Australia/Melbourne',
		staff_id: 'S-1002',
		team: 'Night Shift',
	},
];

let bed: WhispirTestBed;
beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());

describe('examples/sync-contacts-then-build-list.json', () => {
	it('syncs the rows into contacts (twice without duplicates), then builds the list from their IDs', async () => {
		expect(node('Create or update contact').type).toBe(WHISPIR);
		const [ann] = bed.sandbox.seed('contacts', [
			{
				firstName: 'Ann',
				lastName: 'Old',
				workEmailAddress1: 'ANN.LEE@example.com',
				workMobilePhone1: '61400000001',
				workCountry: 'Australia',
				timezone: '+10',
				jobTitle: 'Nurse',
			},
		]);
		const items = ROWS.map((json) => ({ json }));
		const first = await bed.run(WHISPIR, node('Create or update contact').parameters, { items });
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json.operation)).toEqual(['updated', 'created']);
		const again = await bed.run(WHISPIR, node('Create or update contact').parameters, { items });
		expect(again.items.map((item) => item.json.operation)).toEqual(['updated', 'updated']);

		const contacts = await bed.sandbox.state('contacts');
		expect(contacts).toHaveLength(2);
		expect(contacts.find((contact) => contact.id === ann)).toMatchObject({
			lastName: 'Lee',
			jobTitle: 'Nurse',
			custom_StaffId: 'S-1001',
		});

		const contactIds = again.items.map((item) => item.json.id).join(',');
		const list = await bed.run(WHISPIR, node('Create distribution list').parameters, {
			items: [{ json: { contactIds } }],
		});
		expect(list.error).toBeUndefined();
		const post = bed.sandbox.log.find(
			(request) => request.method === 'POST' && request.path === '/distributionlists',
		);
		expect(post?.body).toMatchObject({ name: 'Night Shift', contactIds });
	});
});
