// The faults of the fault-injection suite: one row of the table each. Every fault hits one request
// of an operation (the "target", see operationColumns.ts) through the sandbox's fault queue.
import type { FaultSpec } from '../../sandbox/server';

/**
 * - transient: a server or network fault. Whispir may or may not have acted on the request.
 * - rateLimit: Whispir's gateway refused the request before doing anything with it.
 * - quota: the key's daily quota is used up; nothing will work before tomorrow.
 */
export type FaultKind = 'transient' | 'rateLimit' | 'quota';

export interface FaultRow {
	name: string;
	kind: FaultKind;
	/** What the sandbox does to the target request (method, path and query are added per operation). */
	spec: Omit<FaultSpec, 'method' | 'path' | 'query'>;
	/** Whether the sandbox carried the request out before the fault (the answer was lost, not the request). */
	processes: boolean;
	/** A fault that answers only after a while: a concurrent edit cannot be slotted in between attempts. */
	slow?: boolean;
}

/** Past the 1-second Request Timeout the suite's credential sets. */
export const HANG_MS = 1200;

const QPS_REFUSAL = {
	type: 'status',
	status: 403,
	headers: {
		'X-Error-Code': 'ERR_403_DEVELOPER_OVER_QPS',
		'X-Error-Detail': 'Account Over Queries Per Second Limit',
	},
	body: '<h1>Account Over Queries Per Second Limit</h1>',
} as const;

export const FAULT_ROWS: FaultRow[] = [
	{
		name: '500 Internal Server Error',
		kind: 'transient',
		spec: { type: 'status', status: 500 },
		processes: false,
	},
	{
		name: '502 Bad Gateway',
		kind: 'transient',
		spec: { type: 'status', status: 502 },
		processes: false,
	},
	{
		name: '503 Service Unavailable',
		kind: 'transient',
		spec: { type: 'status', status: 503 },
		processes: false,
	},
	{
		name: `hang past the timeout (${HANG_MS} ms > 1 s)`,
		kind: 'transient',
		spec: { type: 'delay', delayMs: HANG_MS },
		processes: true,
		slow: true,
	},
	{
		name: 'connection reset before the body is read',
		kind: 'transient',
		spec: { type: 'reset-before-body' },
		processes: false,
	},
	{
		name: 'connection reset after the body is read',
		kind: 'transient',
		spec: { type: 'reset-after-body' },
		processes: false,
	},
	{
		name: 'connection reset after processing',
		kind: 'transient',
		spec: { type: 'reset-after-processing' },
		processes: true,
	},
	{
		name: 'connection closed after the head and half the body',
		kind: 'transient',
		spec: { type: 'cut-mid-body' },
		processes: true,
	},
	// Never silent for a whole second, so only a bound on the whole attempt ends it.
	{
		name: 'answer dripping at 2 bytes/s (past the 1 s timeout)',
		kind: 'transient',
		spec: { type: 'drip-body', dripMs: 500 },
		processes: true,
		slow: true,
	},
	{
		name: '429 with Retry-After: 1',
		kind: 'rateLimit',
		spec: { type: 'status', status: 429, headers: { 'Retry-After': '1' } },
		processes: false,
	},
	{
		name: '429 without Retry-After',
		kind: 'rateLimit',
		spec: { type: 'status', status: 429 },
		processes: false,
	},
	{
		name: '403 over QPS, twice in a row',
		kind: 'rateLimit',
		spec: { ...QPS_REFUSAL, times: 2 },
		processes: false,
	},
	// A gateway or proxy that drops Whispir's X-Error-Code header: the refusal is still in the body.
	{
		name: '403 "Developer Over Qps" without X-Error-Code',
		kind: 'rateLimit',
		spec: { type: 'status', status: 403, body: '<h1>Developer Over Qps</h1>' },
		processes: false,
	},
	{
		name: '403 over QPD (daily quota used up)',
		kind: 'quota',
		spec: {
			type: 'status',
			status: 403,
			headers: {
				'X-Error-Code': 'ERR_403_DEVELOPER_OVER_QPD',
				'X-Error-Detail': 'Account Over Queries Per Day Limit',
			},
			body: '<h1>Account Over Queries Per Day Limit</h1>',
		},
		processes: false,
	},
	{
		name: 'malformed JSON in a 200',
		kind: 'transient',
		spec: { type: 'malformed-json' },
		processes: false,
	},
	{
		name: 'HTML error page in a 200',
		kind: 'transient',
		spec: { type: 'html-200' },
		processes: false,
	},
];

/** How many times the fault answers the target (rate-limit bursts answer more than once). */
export const hitsOf = (row: FaultRow) => row.spec.times ?? 1;
