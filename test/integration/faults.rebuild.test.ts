// Read-merge-write under faults, for every writer that reads before it writes: a write that failed is
// retried with a fresh read and a fresh merge, so a change somebody made between the attempts
// survives. (Contact Update, through updateByMerge, is in the table of faults.test.ts.)
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { colleagueEdits, whenLogged } from './faults/colleague';
import { requestsTo } from './faults/operationColumns';
import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

interface Case {
	name: string;
	/** Seeds the record; returns its path (as the node reaches it), media type and node parameters. */
	arrange(bed: WhispirTestBed): { path: string; mediaType: string; parameters: INodeParameters };
	/** What a colleague changes between the failed write and its retry. */
	colleague: Record<string, unknown>;
	/** What the record must hold in the end: the node's change and the colleague's. */
	expected: Record<string, unknown>;
	/** Requests of the node to the record, in order: a 500 on the first PUT, then a fresh read. */
	order: string[];
	resource: string;
}

const CASES: Case[] = [
	{
		name: 'User → Activate (Pending → Inactive → Active)',
		resource: 'users',
		arrange: (bed) => {
			const [id] = bed.sandbox.seed('users', [
				{
					userName: 'fred.smith',
					password: 'Secret_123',
					firstName: 'Fred',
					lastName: 'Smith',
					nickname: 'Freddie',
					workEmailAddress1: 'fred@example.com',
					status: 'PENDING',
				},
			]);
			return {
				path: `/users/${id}`,
				mediaType: 'user-v1',
				parameters: { resource: 'user', operation: 'activate', userId: byId(id) },
			};
		},
		// The password reads back blank: a colleague's form leaves it out, as the node does.
		colleague: { nickname: 'Fred', password: undefined },
		expected: { nickname: 'Fred', status: 'ACTIVE' },
		order: ['GET 200', 'PUT 500', 'GET 200', 'PUT 204', 'PUT 204'],
	},
	{
		name: 'Distribution List → Update',
		resource: 'distributionlists',
		arrange: (bed) => {
			const [id] = bed.sandbox.seed('distributionlists', [
				{ name: 'Wardens', description: 'Fire', contactIds: 'C1' },
			]);
			return {
				path: `/distributionlists/${id}`,
				mediaType: 'distributionlist-v1',
				parameters: {
					resource: 'distributionList',
					operation: 'update',
					distributionListId: byId(id),
					updateFields: { description: 'Fire and first aid' },
				},
			};
		},
		colleague: { contactIds: 'C1,C9' },
		expected: { description: 'Fire and first aid', contactIds: 'C1,C9' },
		order: ['GET 200', 'PUT 500', 'GET 200', 'PUT 204'],
	},
	{
		name: 'Distribution List → Add Members',
		resource: 'distributionlists',
		arrange: (bed) => {
			const [id] = bed.sandbox.seed('distributionlists', [
				{ name: 'Wardens', description: 'Fire', contactIds: 'C1' },
			]);
			return {
				path: `/distributionlists/${id}`,
				mediaType: 'distributionlist-v1',
				parameters: {
					resource: 'distributionList',
					operation: 'addMembers',
					distributionListId: byId(id),
					members: { contacts: [{ id: byId('C2') }] },
				},
			};
		},
		colleague: { contactIds: 'C1,C3' },
		expected: { contactIds: 'C1,C3,C2' },
		order: ['GET 200', 'PUT 500', 'GET 200', 'PUT 204'],
	},
	{
		name: 'Resource → Update',
		resource: 'resources',
		arrange: (bed) => {
			const [id] = bed.sandbox.seed('resources', [
				{
					name: 'team.csv',
					scope: 'private',
					mimeType: 'text/csv',
					derefUri: Buffer.from('a,b\n').toString('base64'),
				},
			]);
			return {
				path: `/resources/${id}`,
				mediaType: 'resource-v1',
				parameters: {
					resource: 'resource',
					operation: 'update',
					resourceId: byId(id),
					source: 'text',
					content: 'a,b\n1,2\n',
				},
			};
		},
		// Whispir's PUT of a resource needs its content too: the colleague renames it and keeps the file.
		colleague: {
			name: 'renamed.csv',
			scope: 'private',
			mimeType: 'text/csv',
			derefUri: Buffer.from('a,b\n').toString('base64'),
		},
		expected: { name: 'renamed.csv', derefUri: Buffer.from('a,b\n1,2\n').toString('base64') },
		order: ['GET 200', 'PUT 500', 'GET 200', 'PUT 204'],
	},
];

describe.concurrent(
	'read-merge-write: a retried write re-reads, and a change made meanwhile survives',
	() => {
		for (const testCase of CASES) {
			it(testCase.name, async () => {
				const bed = await startTestBed();
				try {
					const { path, mediaType, parameters } = testCase.arrange(bed);
					bed.sandbox.injectFault({ type: 'status', status: 500, method: 'PUT', path });
					let finished = false;
					const edit = whenLogged(
						bed,
						(log) =>
							log.some(
								(request) =>
									request.method === 'PUT' && request.path === path && request.status === 500,
							),
						async () => await colleagueEdits(bed, { path, mediaType, change: testCase.colleague }),
						() => finished,
					);
					const { items, error } = await bed.run(WHISPIR, parameters);
					finished = true;
					expect(await edit).toBeUndefined();
					expect(error).toBeUndefined();
					expect(items).toHaveLength(1);
					const own = [
						...requestsTo(bed, { method: 'GET', path }),
						...requestsTo(bed, { method: 'PUT', path }),
					].sort((a, b) => a.seq - b.seq);
					expect(own.map((request) => `${request.method} ${request.status}`)).toEqual(
						testCase.order,
					);
					const [stored] = await bed.sandbox.state(testCase.resource);
					expect(stored).toMatchObject(testCase.expected);
				} finally {
					await bed.close();
				}
			});
		}

		it('Template → Update (same name: saved under a temporary name, then renamed back) re-reads before the retried write', async () => {
			const bed = await startTestBed();
			try {
				const [id] = bed.sandbox.seed('templates', [
					{ messageTemplateName: 'Reminder', subject: 'Tomorrow', body: 'See you at 10' },
				]);
				const path = `/templates/${id}`;
				bed.sandbox.injectFault({ type: 'status', status: 500, method: 'PUT', path });
				const { error } = await bed.run(WHISPIR, {
					resource: 'template',
					operation: 'update',
					templateId: byId(id),
					updateFields: { body: 'See you at 11' },
				});
				expect(error).toBeUndefined();
				const own = [
					...requestsTo(bed, { method: 'GET', path }),
					...requestsTo(bed, { method: 'PUT', path }),
				].sort((a, b) => a.seq - b.seq);
				expect(own.map((request) => `${request.method} ${request.status}`)).toEqual([
					'GET 200',
					'PUT 500',
					'GET 200',
					'PUT 204',
					'PUT 204',
				]);
				expect((await bed.sandbox.state('templates'))[0]).toMatchObject({
					messageTemplateName: 'Reminder',
					subject: 'Tomorrow',
					body: 'See you at 11',
				});
			} finally {
				await bed.close();
			}
		});
	},
);
