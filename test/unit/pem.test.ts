import { describe, expect, it } from 'vitest';

import { isPemBlock, normalizePem } from '../../nodes/Whispir/actions/app/pem';

const lines = [
	'-----BEGIN CERTIFICATE-----',
	'MIIGSjCCBTKgAwIBAgIICdjQ9d41eiYw',
	'DQYJKoZIhvcNAQELBQAwgZYx',
	'-----END CERTIFICATE-----',
];
const expected = lines.join('\n');

describe('normalizePem', () => {
	it('keeps a block pasted with real line breaks as newlines', () => {
		expect(normalizePem(`${lines.join('\n')}\n`)).toBe(expected);
		// JSON then writes each newline as \n, the "single line" Whispir asks for.
		expect(JSON.stringify({ certificate: normalizePem(lines.join('\n')) })).toBe(
			`{"certificate":"${lines.join('\\n')}"}`,
		);
	});

	it('reads Windows line ends, indentation and blank lines the same way', () => {
		expect(normalizePem(`\r\n  ${lines.join('\r\n  ')}\r\n\r\n`)).toBe(expected);
	});

	it("turns the doc's flattened form (a literal backslash-n) into newlines", () => {
		expect(normalizePem(lines.join('\\n'))).toBe(expected);
	});
});

describe('isPemBlock', () => {
	it('recognises certificates and private keys by their label', () => {
		expect(isPemBlock(expected, 'CERTIFICATE')).toBe(true);
		expect(isPemBlock(expected, 'PRIVATE KEY')).toBe(false);
		const key = ['-----BEGIN RSA PRIVATE KEY-----', 'abc', '-----END RSA PRIVATE KEY-----'].join(
			'\n',
		);
		expect(isPemBlock(key, 'PRIVATE KEY')).toBe(true);
	});

	it('refuses text that is not one complete block', () => {
		expect(isPemBlock('MIIGSjCCBTKgAwIBAgIICdjQ9d41eiYw', 'CERTIFICATE')).toBe(false);
		expect(isPemBlock(lines.slice(0, 3).join('\n'), 'CERTIFICATE')).toBe(false);
		expect(isPemBlock(lines.join(' '), 'CERTIFICATE')).toBe(false);
	});
});
