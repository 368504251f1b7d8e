import { describe, expect, it } from 'vitest';

import { secretScrubbers } from '../../nodes/Whispir/transport/connection';
import { secretsIn, withoutAuthorization } from '../../nodes/Whispir/transport/scrub';
import { findSecrets } from '../secrets/audit';

const credentials = {
	apiKey: 'the-api-key-123',
	username: 'secret.user',
	password: 'pa$$ word/42',
};
const { scrubError, scrubAnswer } = secretScrubbers(credentials);
const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
const ALL = [credentials.apiKey, credentials.password, basic];

describe('error texts lose every form of the credentials the secrets audit knows', () => {
	it.each([
		['a Basic header line', `authorization: Basic ${basic}\nhost: x`],
		['a Basic header in JSON', `{"Authorization":"Basic ${basic}"}`],
		['a Basic value without its header', `got basic ${basic} from you`],
		['the password URL-encoded', `password=${encodeURIComponent(credentials.password)}`],
		['the password JSON-escaped', JSON.stringify({ p: credentials.password })],
		[
			'the password in base64 at every offset',
			['', 'a', 'ab']
				.map((prefix) => Buffer.from(`${prefix}${credentials.password}`).toString('base64'))
				.join(' '),
		],
		['the key in base64', Buffer.from(`k=${credentials.apiKey}`).toString('base64')],
	])('%s', (_name, text) => {
		expect(findSecrets(scrubError(text), ALL)).toEqual([]);
	});

	it('masks a Bearer token and any Authorization value, in any case, and keeps the rest', () => {
		expect(withoutAuthorization('AUTHORIZATION: bearer abc.def.ghi; next')).toBe(
			'AUTHORIZATION: bearer ***; next',
		);
		expect(withoutAuthorization("authorization='Token xyz'")).toBe("authorization='Token ***'");
		expect(withoutAuthorization('authorization=abc123&x=1')).toBe('authorization=***&x=1');
		expect(withoutAuthorization('Bearer eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.sig')).toBe('Bearer ***');
		expect(withoutAuthorization('Basic information about the account')).toBe(
			'Basic information about the account',
		);
	});

	it('answers lose the key, not ordinary text', () => {
		expect(
			scrubAnswer(`{"link":"https://x/y?apikey=${credentials.apiKey}","note":"Basic plan"}`),
		).toBe('{"link":"https://x/y","note":"Basic plan"}');
	});
});

describe('secretsIn', () => {
	it('finds keys, passwords, secrets and tokens at any depth of a request body', () => {
		expect(
			secretsIn({
				name: 'cb',
				auth: { type: 'httpheader', key: 'k1' },
				users: [{ password: 'p1' }],
				apnsPrivateKey: 'pk',
				pushToken: 't1',
				keyword: 'YES',
			}),
		).toEqual(['k1', 'p1', 'pk', 't1']);
	});
});
