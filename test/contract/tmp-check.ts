import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WhispirContract } from './spec';
const dir = '/tmp/i17-rec';
const exchanges = readdirSync(dir).flatMap((n) => readFileSync(join(dir, n), 'utf8').split('\n').filter(Boolean)).map((l) => JSON.parse(l));
const c = WhispirContract.load();
const v = new Map<string, number>();
const ex = new Set<string>();
for (const e of exchanges) {
	const op = c.operation(e.method, e.path);
	if (op) ex.add(op.operationId);
	const name = op?.operationId ?? `${e.method} ${e.path}`;
	for (const p of [...c.checkRequest(e).map((x) => `${name} request: ${x}`), ...c.checkAnswer(e).map((x) => `${name} answer ${e.status}: ${x}`)]) v.set(p, (v.get(p) ?? 0) + 1);
}
console.log(exchanges.length, 'exchanges', ex.size, 'ops');
for (const [k, n] of [...v].sort()) console.log(k.slice(0, 400), n);
console.log('not exercised:', c.operations().map((o) => o.operationId).filter((o) => !ex.has(o)).join(' '));
