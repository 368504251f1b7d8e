/**
 * Certificates and private keys as Whispir wants them (Whispir's API docs, Apps, `apns.certificate`: https://developers.whispir.com): one JSON
 * string whose line breaks are newlines — JSON writes them as `\n`, which is the "single line
 * with \n" the doc asks for. People paste PEM blocks with real line breaks (n8n keeps them),
 * with Windows line ends, or already flattened with a literal backslash-n as in the doc's sample;
 * all three become the same text.
 */
export function normalizePem(pasted: string): string {
	return pasted
		.replace(/\\r\\n|\\n/g, '\n')
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.join('\n');
}

const BLOCK = /^-----BEGIN ([A-Z0-9 ]+)-----\n[\s\S]+\n-----END \1-----$/;

/** Whether the text is one PEM block whose label contains `kind` (CERTIFICATE, PRIVATE KEY). */
export function isPemBlock(pem: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): boolean {
	const match = BLOCK.exec(pem);
	return match !== null && match[1].includes(kind);
}
