import { describe, expect, it } from 'vitest';
import { NodeOperationError } from 'n8n-workflow';

import { auditText, findSecrets } from '../secrets/audit';

const KEY = 'sandbox-api-key';

describe('findSecrets', () => {
	it('finds a secret written plainly, URL-encoded, JSON-escaped or inside base64 at any offset', () => {
		expect(findSecrets(`GET /x?apikey=${KEY}`, [KEY]).map((f) => f.form)).toEqual(['plain']);
		expect(
			findSecrets(`u=${encodeURIComponent('p@ss word!')}`, ['p@ss word!']).map((f) => f.form),
		).toEqual(['url-encoded']);
		expect(
			findSecrets(JSON.stringify({ m: 'a"quoted"secret' }), ['a"quoted"secret']).map((f) => f.form),
		).toEqual(['json-escaped']);
		for (const prefix of ['', 'a', 'ab', 'Basic user:']) {
			const encoded = Buffer.from(`${prefix}${KEY}!`).toString('base64');
			expect(findSecrets(`Authorization: Basic ${encoded}`, [KEY]), prefix).toHaveLength(1);
		}
	});

	it('finds nothing in text without the secret, and ignores secrets too short to be told from ordinary text', () => {
		expect(findSecrets('apikey=sandbox-api-ke, sandbox api key', [KEY])).toEqual([]);
		expect(findSecrets('the word abc is everywhere', ['abc'])).toEqual([]);
	});

	it('masks the secret in what it reports', () => {
		const [finding] = findSecrets(`before ${KEY} after`, [KEY]);
		expect(finding.secret).toBe('sa*************');
		expect(finding.excerpt).toBe('before sa************* after');
		expect(JSON.stringify(finding)).not.toContain(KEY);
	});
});

describe('auditText', () => {
	it('keeps what an error shows: message, description, stack and context', () => {
		const error = new NodeOperationError(
			{ name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' },
			'm1',
			{
				description: 'd1',
			},
		);
		error.context.data = { echoed: 'c1' };
		const text = auditText({ error, cycle: undefined as unknown });
		for (const part of ['m1', 'd1', 'c1', 'NodeOperationError']) expect(text).toContain(part);
		// The node (the workflow's own definition, parameters included) is not something the run produced.
		expect(text).not.toContain('typeVersion');
		expect(auditText({ message: 'copy', node: { parameters: { password: 'typed-in' } } })).toBe(
			'{"message":"copy"}',
		);
	});

	it('survives cycles and bigints', () => {
		const value: Record<string, unknown> = { n: 10n };
		value.self = value;
		expect(auditText(value)).toBe('{"n":"10","self":"[cycle]"}');
	});
});
