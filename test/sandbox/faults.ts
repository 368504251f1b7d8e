import { HttpError } from './reply';
import { FAULT_TYPES, type FaultSpec, type FaultType } from './types';

/** Checks a fault coming from outside (control API or tests) and fills its defaults. */
function checkFault(input: unknown): FaultSpec {
	const f = (input ?? {}) as Record<string, unknown>;
	if (typeof f !== 'object' || !FAULT_TYPES.includes(f.type as FaultType)) {
		throw new HttpError(400, `fault type must be one of ${FAULT_TYPES.join(', ')}`);
	}
	const times = f.times === undefined ? 1 : Number(f.times);
	if (!Number.isInteger(times) || times < 1)
		throw new HttpError(400, 'fault times must be a positive integer');
	if (f.type === 'status') {
		const s = Number(f.status);
		if (!Number.isInteger(s) || s < 100 || s > 599)
			throw new HttpError(400, 'a status fault needs a status 100-599');
	}
	if (f.type === 'delay' && !(Number(f.delayMs) >= 0))
		throw new HttpError(400, 'a delay fault needs delayMs >= 0');
	if (f.type === 'drip-body' && f.dripMs !== undefined && !(Number(f.dripMs) > 0))
		throw new HttpError(400, 'a drip-body fault needs dripMs > 0');
	if (f.method !== undefined && typeof f.method !== 'string')
		throw new HttpError(400, 'fault method must be a string');
	if (f.path !== undefined && typeof f.path !== 'string')
		throw new HttpError(400, 'fault path must be a string');
	if (f.body !== undefined && typeof f.body !== 'string')
		throw new HttpError(400, 'fault body must be a string');
	for (const field of ['headers', 'query'] as const) {
		const h = f[field] as Record<string, unknown> | null | undefined;
		if (h === undefined) continue;
		if (
			typeof h !== 'object' ||
			h === null ||
			Object.values(h).some((v) => typeof v !== 'string')
		) {
			throw new HttpError(400, `fault ${field} must be an object of strings`);
		}
	}
	return { ...(f as unknown as FaultSpec), times };
}

/** A FIFO of rules; the first rule that matches a request is used (and used up after `times`). */
export class FaultQueue {
	private rules: Array<FaultSpec & { left: number }> = [];

	add(spec: FaultSpec): void {
		const f = checkFault(spec);
		this.rules.push({ ...f, left: f.times ?? 1 });
	}

	take(
		method: string,
		path: string,
		query: URLSearchParams = new URLSearchParams(),
	): FaultSpec | undefined {
		const i = this.rules.findIndex(
			(r) =>
				(!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
				(!r.path || path.startsWith(r.path)) &&
				Object.entries(r.query ?? {}).every(([key, value]) => query.get(key) === value),
		);
		if (i < 0) return undefined;
		const rule = this.rules[i];
		if (--rule.left <= 0) this.rules.splice(i, 1);
		const { left: _left, ...spec } = rule;
		return spec;
	}

	clear(): void {
		this.rules = [];
	}
}
