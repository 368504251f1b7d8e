// When an AI agent runs the node as a tool, n8n runs the same node under its type name with "Tool"
// added (n8n-nodes-whispir.whispirTool). The operations that cannot be undone refuse to run there,
// whatever the model typed as confirmation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, WHISPIR_TOOL, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;
beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const deleteAllUsers = { resource: 'user', operation: 'deleteAll', confirmation: 'DELETE ALL USERS' };

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
		expect(refused.error?.message).toBe("Deleting a contact from every workspace cannot run as an AI agent's tool (item 0)");
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
