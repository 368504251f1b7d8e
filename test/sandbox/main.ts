// `npm run sandbox`: a sandbox to try the nodes with in a real n8n.
import { startSandbox } from './server';

function envInt(name: string): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	return n;
}

async function main(): Promise<void> {
	const rps = envInt('WHISPIR_SANDBOX_RPS');
	const sandbox = await startSandbox({
		port: envInt('WHISPIR_SANDBOX_PORT') ?? 4010,
		latencyMs: envInt('WHISPIR_SANDBOX_LATENCY_MS'),
		rateLimit: rps ? { perSecond: rps } : undefined,
	});
	const { username, password, apiKey } = sandbox.credentials;
	console.log(
		[
			`Whispir sandbox listening on ${sandbox.url}`,
			'',
			'In n8n, create a "Whispir API" credential with:',
			'  Region:    Custom URL',
			`  Base URL:  ${sandbox.url}`,
			`  Username:  ${username}`,
			`  Password:  ${password}`,
			`  API Key:   ${apiKey}`,
			'',
			`Control API: ${sandbox.url}/__sandbox/ (POST reset | configure | seed | faults, GET/DELETE log, GET state/<resource>)`,
			rps ? `Rate limit: ${rps} requests per second` : 'Rate limit: none',
			'Press Ctrl+C to stop.',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the sandbox`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
