// IDs in request paths: an ID or Workspace that is not one (".", "..", "a/b", "%2e", blank) is refused
// before anything is sent, whatever the parameter's shape (resource locator, plain string, expression,
// number), for every operation that puts an ID in a path. The operations come from the node's own
// operation table, so a new operation cannot be left out.
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { RESOURCES } from '../../nodes/Whispir/actions/resources';
import { PROBE, WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

describe('User → Delete with the ID "."', () => {
	// Found by an attack on the packed package: a plain-string "." sent `DELETE /users/`, Whispir's
	// "delete every user of the company", and the output said {"id":".","deleted":true}.
	it.each([
		['a plain string', '.'],
		['a plain string with spaces', ' . '],
		['an expression', "={{ '.' }}"],
		['an expression reading the item', '={{ $json.id }}'],
		['a resource locator', { __rl: true, mode: 'id', value: '.' }],
	])('as %s is refused and nothing is sent', async (_shape, userId) => {
		bed.sandbox.seed('users', [{ userName: 'keep.me', password: 'Keep_me_1', firstName: 'Keep', lastName: 'Me', workEmailAddress1: 'keep@example.com', workMobilePhone1: '61400000009', workCountry: 'Australia', timezone: 'Australia/Melbourne' }]);
		const { items, error } = await bed.run(WHISPIR, { resource: 'user', operation: 'delete', userId } as INodeParameters, {
			items: [{ json: { id: '.' } }],
		});
		expect(items).toEqual([]);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"User" in item 0 is not an ID: "."');
		expect(bed.sandbox.log).toEqual([]);
		expect(await bed.sandbox.state('users')).toHaveLength(1);
	});
});
