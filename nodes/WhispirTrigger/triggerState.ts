import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/**
 * What the trigger keeps in the node's static data between activation, deliveries and
 * deactivation: the callback it created at Whispir and the secret key Whispir sends back. Written
 * only by the lifecycle methods, after which n8n saves static data; deliveries only read it.
 * Test runs ("Listen for test event") get a slot of their own, so that they can never
 * overwrite or delete what the active workflow registered.
 */
export interface TriggerState {
	callbackId?: string;
	callbackKey?: string;
	callbackName?: string;
}

export function triggerState(context: IHookFunctions | IWebhookFunctions): TriggerState {
	const staticData = context.getWorkflowStaticData('node');
	const slot = context.getMode() === 'manual' ? 'test' : 'production';
	if (typeof staticData[slot] !== 'object' || staticData[slot] === null) staticData[slot] = {};
	return staticData[slot] as TriggerState & IDataObject;
}

export function clearTriggerState(state: TriggerState): void {
	for (const key of Object.keys(state) as Array<keyof TriggerState>) delete state[key];
}
