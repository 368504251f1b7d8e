// The secrets audit: where a password, API key or callback key shows up in n8n's logs or in the
// executions it stored. Used by the e2e tier (scenario 8) and the queue tier (every process's log).
import type { Execution } from './n8n';

/** Where in `value` a string containing `secret` sits, as paths like `data.resultData.runData.Send[0]`. */
export function pathsHolding(value: unknown, secret: string, path = ''): string[] {
	if (typeof value === 'string') return value.includes(secret) ? [path || '(root)'] : [];
	if (value === null || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, child]) =>
		pathsHolding(child, secret, path ? `${path}.${key}` : key),
	);
}

/**
 * The execution without the workflow's static data: n8n 2.8.4 copies the workflow, static data
 * included, into each execution it stores. A trigger keeps its webhook secret there, as n8n's own
 * triggers do (e.g. Stripe's webhookSecret); it is the workflow's storage, not data the run produced.
 */
export function withoutStaticData(execution: Execution): unknown {
	const { workflowData, ...rest } = execution as Execution & {
		workflowData?: Record<string, unknown>;
	};
	if (!workflowData) return rest;
	const { staticData: _staticData, ...workflow } = workflowData;
	return { ...rest, workflowData: workflow };
}

/** Each place a secret was found, e.g. "API key in the output of worker 1", "password in execution 7 at …". */
export function secretsFound(
	secrets: Record<string, string>,
	outputs: Record<string, string>,
	executions: Execution[],
): string[] {
	return Object.entries(secrets).flatMap(([what, secret]) => [
		...Object.entries(outputs)
			.filter(([, output]) => output.includes(secret))
			.map(([process]) => `${what} in the output of ${process}`),
		...executions.flatMap((execution) =>
			pathsHolding(withoutStaticData(execution), secret).map(
				(path) => `${what} in execution ${execution.id} at ${path}`,
			),
		),
	]);
}
