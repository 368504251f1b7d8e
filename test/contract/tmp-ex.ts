import { WhispirContract } from './spec';
const c = WhispirContract.load();
for (const op of c.operations()) {
	for (const [status, r] of Object.entries((op.definition.responses ?? {}) as Record<string, unknown>)) {
		if (!status.startsWith('2')) continue;
		const res = c.resolve<Record<string, any>>(r);
		for (const [type, content] of Object.entries((res?.content ?? {}) as Record<string, any>)) {
			const examples = [...(content.example !== undefined ? [content.example] : []), ...Object.values(content.examples ?? {}).map((e: any) => c.resolve<any>(e).value)];
			for (const ex of examples) {
				const keys = typeof ex === 'object' && ex ? Object.keys(ex).slice(0, 6).join(',') : typeof ex;
				const listKey = typeof ex === 'object' && ex ? Object.keys(ex).find((k) => Array.isArray(ex[k]) && k !== 'link') : undefined;
				console.log(op.operationId, status, type.replace('application/vnd.whispir.', ''), ex?.status ?? '', listKey ? `${listKey}[${ex[listKey].length}]` : '', typeof ex === 'object' && ex && 'id' in ex ? 'id' : '', keys);
			}
		}
	}
}
