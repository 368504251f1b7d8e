// Destructive operations that act on more than one record and cannot be undone need a typed phrase.
// Whatever else the confirmation field holds (typed, or from an expression), nothing is sent and the
// error names the item and the field.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { INodeParameters } from 'n8n-workflow';

import { WHISPIR, WHISPIR_TOOL, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

interface Destructive {
	operation: string;
	phrase: string;
	/** The node's parameters with this confirmation; seeds what the operation would delete. */
	parameters(confirmation: string): INodeParameters;
	/** The refusal for item `itemIndex`. */
	refusal(itemIndex: number): string;
	/** Whether the operation sends one request for all input items (checking every item first). */
	oneRequestForAllItems: boolean;
	/** Whispir's answer to the delete (a contact is removed from every workspace in the background). */
	acceptedStatus: number;
	/** What is left at Whispir (must not change on a refusal). */
	remaining(): Promise<number>;
}

let workspaceId = '';
let contactId = '';

const DESTRUCTIVE: Destructive[] = [
	{
		operation: 'User → Delete All',
		phrase: 'DELETE ALL USERS',
		parameters: (confirmation) => ({ resource: 'user', operation: 'deleteAll', confirmation }),
		refusal: (itemIndex) => `"Confirmation" in item ${itemIndex} is not "DELETE ALL USERS"`,
		oneRequestForAllItems: true,
		acceptedStatus: 204,
		remaining: async () => (await bed.sandbox.state('users')).length,
	},
	{
		operation: 'Contact → Delete from All Workspaces',
		phrase: 'DELETE FROM ALL WORKSPACES',
		parameters: (confirmation) => ({
			resource: 'contact',
			operation: 'delete',
			workspace: byId(workspaceId),
			contactId: byId(contactId),
			deleteFrom: 'allWorkspaces',
			confirmation,
		}),
		refusal: (itemIndex) =>
			`"Confirmation" does not say DELETE FROM ALL WORKSPACES in item ${itemIndex}`,
		oneRequestForAllItems: false,
		acceptedStatus: 202,
		remaining: async () => (await bed.sandbox.state('contacts')).length,
	},
];

function seed(): void {
	bed.sandbox.seed('users', [
		{
			userName: 'a.b',
			firstName: 'A',
			lastName: 'B',
			workEmailAddress1: 'a@b.co',
			workMobilePhone1: '61423456789',
			workCountry: 'Australia',
			timezone: 'Australia/Melbourne',
		},
	]);
	[workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'HQ' }]);
	[contactId] = bed.sandbox.seed(
		'contacts',
		[
			{
				firstName: 'Jane',
				lastName: 'Citizen',
				workEmailAddress1: 'jane@example.com',
				workMobilePhone1: '61423456789',
				workCountry: 'Australia',
				timezone: 'Australia/Melbourne',
			},
		],
		workspaceId,
	);
}

/** Almost the phrase, and not at all the phrase. */
const nearMisses = (phrase: string, other: string) => [
	['lowercase', phrase.toLowerCase()],
	['a trailing space', `${phrase} `],
	['a leading space', ` ${phrase}`],
	['a doubled inner space', phrase.replace(' ', '  ')],
	['a line break', `${phrase}\n`],
	["another operation's phrase", other],
	['yes', 'yes'],
	['empty', ''],
];

describe('Typed confirmations of destructive operations', () => {
	for (const [index, op] of DESTRUCTIVE.entries()) {
		const other = DESTRUCTIVE[(index + 1) % DESTRUCTIVE.length].phrase;
		describe(op.operation, () => {
			it.each(nearMisses(op.phrase, other))(
				'sends nothing when an expression resolves to %s',
				async (_what, resolved) => {
					seed();
					const before = await op.remaining();
					const { error } = await bed.run(WHISPIR, op.parameters('={{ $json.answer }}'), {
						items: [{ json: { answer: resolved } }],
					});
					expect(error?.constructor.name).toBe('NodeOperationError');
					expect(error?.message).toBe(op.refusal(0));
					expect(bed.sandbox.log).toEqual([]);
					expect(await op.remaining()).toBe(before);
				},
			);

			it('sends nothing when typed in lowercase, and names the item that failed (Continue On Fail)', async () => {
				seed();
				const { items, error } = await bed.run(WHISPIR, op.parameters(op.phrase.toLowerCase()), {
					continueOnFail: true,
				});
				expect(error).toBeUndefined();
				expect(items[0].json.error).toBe(op.refusal(0));
				expect(bed.sandbox.log).toEqual([]);
			});

			it('sends nothing when one item of several does not confirm: that item is named', async () => {
				seed();
				const { error } = await bed.run(WHISPIR, op.parameters('={{ $json.answer }}'), {
					items: [{ json: { answer: op.phrase } }, { json: { answer: `${op.phrase}.` } }],
				});
				expect(error?.message).toBe(op.refusal(1));
				// Delete All is one request for the whole input, checked first; Contact Delete is per item,
				// so item 0 (confirmed) went out and item 1 did not.
				expect(bed.sandbox.log.map((request) => request.method)).toEqual(
					op.oneRequestForAllItems ? [] : ['DELETE'],
				);
			});

			it('with the exact phrase from an expression, deletes', async () => {
				seed();
				const { error } = await bed.run(WHISPIR, op.parameters('={{ $json.answer }}'), {
					items: [{ json: { answer: op.phrase } }],
				});
				expect(error).toBeUndefined();
				expect(bed.sandbox.log).toEqual([
					expect.objectContaining({ method: 'DELETE', status: op.acceptedStatus }),
				]);
			});
		});
	}
});

// When an AI agent runs the node as a tool, n8n runs the same node under its type name with "Tool"
// added (n8n-nodes-whispir.whispirTool). The operations above refuse to run there, whatever the model
// typed as confirmation.
const deleteAllUsers = {
	resource: 'user',
	operation: 'deleteAll',
	confirmation: 'DELETE ALL USERS',
};

describe('destructive operations as an AI agent tool', () => {
	it('Delete All Users sends nothing, even with the phrase typed', async () => {
		bed.sandbox.seed('users', [{ userName: 'one', firstName: 'One', lastName: 'User' }]);
		const { error } = await bed.run(WHISPIR_TOOL, deleteAllUsers);
		expect(error?.message).toBe("Delete All Users cannot run as an AI agent's tool (item 0)");
		expect(bed.sandbox.log).toHaveLength(0);
		expect(await bed.sandbox.state('users')).toHaveLength(1);
	});

	it('Contact → Delete from all workspaces sends nothing; from one workspace it still works', async () => {
		const [home] = bed.sandbox.seed('workspaces', [{ projectName: 'HQ' }]);
		const [id] = bed.sandbox.seed('contacts', [{ firstName: 'Jane', lastName: 'Citizen' }], home);
		const everywhere = {
			resource: 'contact',
			operation: 'delete',
			workspace: byId(home),
			contactId: byId(id),
			deleteFrom: 'allWorkspaces',
			confirmation: 'DELETE FROM ALL WORKSPACES',
		};
		const refused = await bed.run(WHISPIR_TOOL, everywhere);
		expect(refused.error?.message).toBe(
			"Deleting a contact from every workspace cannot run as an AI agent's tool (item 0)",
		);
		expect(bed.sandbox.log).toHaveLength(0);

		const single = await bed.run(WHISPIR_TOOL, { ...everywhere, deleteFrom: 'workspace' });
		expect(single.error).toBeUndefined();
		expect(single.items[0].json).toEqual({ id, deleted: true, from: 'workspace' });
	});

	it('the same node in a workflow still runs Delete All Users', async () => {
		bed.sandbox.seed('users', [{ userName: 'one', firstName: 'One', lastName: 'User' }]);
		const { error } = await bed.run(WHISPIR, deleteAllUsers);
		expect(error).toBeUndefined();
		expect(await bed.sandbox.state('users')).toHaveLength(0);
	});
});
