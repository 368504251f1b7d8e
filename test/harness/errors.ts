// The harness fails loudly, naming what is missing, rather than letting n8n-core trip over `undefined`.
import { ApplicationError } from 'n8n-workflow';

/** `record[name]`, or an error listing the names the test did give. */
export function lookUp<T>(record: Record<string, T>, name: string, what: string): T {
	const value = record[name];
	if (value === undefined) {
		const given = Object.keys(record).join(', ') || 'none';
		throw new ApplicationError(`The harness has no ${what} "${name}" (it has: ${given})`);
	}
	return value;
}

export function notSupported(what: string): never {
	throw new ApplicationError(`${what} is not supported by the test harness`);
}
