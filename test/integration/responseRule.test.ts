import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MEDIA = 'application/vnd.whispir.responserule-v1+json';
const rule = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'responseRule',
	operation,
	...parameters,
});
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const requests = (method: string) => bed.sandbox.log.filter((request) => request.method === method);

const yes = {
	name: 'Yes',
	pattern: 'startsWith',
	textPrompt: 'YES',
	voicePrompt: '1',
	spokenVoicePrompt: 'to confirm',
	colour: '#00947d',
};
const no = {
	name: 'No',
	pattern: 'exactmatch',
	textPrompt: 'NO',
	voicePrompt: '2',
	spokenVoicePrompt: 'to decline',
	colour: '#ff0000',
};

function seedRule() {
	return bed.sandbox.seed('responserules', [
		{
			name: 'Yes or No',
			description: 'Confirm',
			responseTemplatePatterns: { responseTemplatePattern: [yes, no] },
		},
	])[0];
}

describe('Response Rule → Create', () => {
	it('posts the categories and returns the id from the Location header', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			rule('create', {
				name: 'Yes or No',
				description: 'Confirm',
				patterns: { pattern: [yes, no] },
			}),
		);
		expect(error).toBeUndefined();
		expect(requests('POST')[0]).toMatchObject({
			path: '/responserules',
			contentType: MEDIA,
			status: 201,
			body: {
				name: 'Yes or No',
				description: 'Confirm',
				responseTemplatePatterns: { responseTemplatePattern: [yes, no] },
			},
		});
		const [stored] = await bed.sandbox.state('responserules');
		expect(items[0].json).toMatchObject({ id: stored.id, name: 'Yes or No' });
		expect(items[0].json.url).toBe(`${bed.sandbox.url}/responserules/${stored.id}`);
	});

	it('refuses a voice prompt that is not one key, before sending', async () => {
		const { error } = await bed.run(
			WHISPIR,
			rule('create', { name: 'R', patterns: { pattern: [yes, { ...no, voicePrompt: '12' }] } }),
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error?.message).toBe('"Voice Prompt" of category 2 in item 0 is not one key: "12"');
		expect(requests('POST')).toHaveLength(0);
	});
});

describe('Response Rule → Update', () => {
	it('renames the rule and keeps its categories', async () => {
		const id = seedRule();
		const { items, error } = await bed.run(
			WHISPIR,
			rule('update', { responseRuleId: byId(id), updateFields: { name: 'Confirm?' } }),
		);
		expect(error).toBeUndefined();
		expect(requests('PUT')[0]).toMatchObject({
			path: `/responserules/${id}`,
			contentType: MEDIA,
			status: 204,
		});
		const [stored] = await bed.sandbox.state('responserules');
		expect(stored).toMatchObject({
			name: 'Confirm?',
			description: 'Confirm',
			responseTemplatePatterns: { responseTemplatePattern: [yes, no] },
		});
		expect(items[0].json).toMatchObject({ id, name: 'Confirm?' });
	});

	it('replaces the categories when new ones are given', async () => {
		const id = seedRule();
		const { error } = await bed.run(
			WHISPIR,
			rule('update', {
				responseRuleId: byId(id),
				patterns: { pattern: [{ ...yes, name: 'Sure' }] },
			}),
		);
		expect(error).toBeUndefined();
		const [stored] = await bed.sandbox.state('responserules');
		expect(stored.name).toBe('Yes or No');
		expect(stored.responseTemplatePatterns).toEqual({
			responseTemplatePattern: [{ ...yes, name: 'Sure' }],
		});
	});
});

describe('Response Rule → Update: bad input', () => {
	it('refuses an update with nothing to change, or an empty new name, before any request', async () => {
		const id = seedRule();
		bed.sandbox.clearLog();
		const nothing = await bed.run(WHISPIR, rule('update', { responseRuleId: byId(id) }));
		expect(nothing.error?.message).toBe('Nothing to update in item 0');
		const blank = await bed.run(
			WHISPIR,
			rule('update', { responseRuleId: byId(id), updateFields: { name: '={{ "" }}' } }),
		);
		expect(blank.error?.message).toBe('"Name" is empty in item 0');
		expect(bed.sandbox.log).toHaveLength(0);
		const [stored] = await bed.sandbox.state('responserules');
		expect(stored.name).toBe('Yes or No');
	});
});

describe('Response Rule → Get, Get Many, Delete', () => {
	it('gets, lists and deletes', async () => {
		const id = seedRule();
		const got = await bed.run(WHISPIR, rule('get', { responseRuleId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: `/responserules/${id}`,
			accept: MEDIA,
		});
		expect(got.items[0].json).toMatchObject({ id, name: 'Yes or No' });

		const listed = await bed.run(WHISPIR, rule('getAll', { returnAll: false, limit: 5 }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'GET',
			path: '/responserules',
			query: { limit: '5' },
		});
		expect(listed.items.map((item) => item.json.id)).toEqual([id]);

		const deleted = await bed.run(WHISPIR, rule('delete', { responseRuleId: byId(id) }));
		expect(bed.sandbox.log.at(-1)).toMatchObject({
			method: 'DELETE',
			path: `/responserules/${id}`,
			status: 204,
		});
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(await bed.sandbox.state('responserules')).toHaveLength(0);
	});
});
