// Message events (a reply, an undeliverable) reach every resource that reacts to them,
// e.g. the callbacks resource, which POSTs them to the message's callback URL.
import type { Env, MessageEvent } from './types';

export async function emitMessageEvent(env: Env, event: MessageEvent): Promise<void> {
	for (const def of env.registry.all) {
		if (def.onMessageEvent) await def.onMessageEvent(event, env);
	}
}
