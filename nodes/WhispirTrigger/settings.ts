import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CallbackEvent } from '../Whispir/actions/callback/callbackBody';
import { isOn } from '../Whispir/actions/parameters';
import { isEmail } from '../Whispir/actions/validation';

/**
 * The trigger's parameters, read once, with the defaults that apply when an option is not added. A
 * switch set by an expression may give the text "true" or "false".
 */
export interface TriggerSettings {
	events: CallbackEvent[];
	callbackName: string;
	email?: string;
	removeHtml: boolean;
	retriesEnabled: boolean;
	catchUp: boolean;
	includeRaw: boolean;
}

/** "n8n Orders - Whispir Trigger (wf1)": readable, and unique per workflow and node. */
/** callbackCreate takes names of up to 50 characters. */
const MAX_CALLBACK_NAME = 50;

/** A longer name is cut before the workflow ID, which keeps it unique. */
function defaultCallbackName(context: IHookFunctions | IWebhookFunctions): string {
	const workflow = context.getWorkflow();
	const name = `n8n ${workflow.name ?? 'workflow'} - ${context.getNode().name}`;
	const suffix = workflow.id ? ` (${workflow.id})` : '';
	return `${name.slice(0, MAX_CALLBACK_NAME - suffix.length).trimEnd()}${suffix}`;
}

export function triggerSettings(context: IHookFunctions | IWebhookFunctions): TriggerSettings {
	const events = context.getNodeParameter('events', []) as CallbackEvent[];
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), '"Events" is empty', {
			description:
				'Choose Reply, Undeliverable or both: the trigger starts the workflow only for those.',
		});
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const callbackName = typeof options.callbackName === 'string' ? options.callbackName.trim() : '';
	const email = typeof options.email === 'string' ? options.email.trim() : '';
	return {
		events,
		callbackName: callbackName || defaultCallbackName(context),
		email: email || undefined,
		removeHtml: isOn(options.removeHtml),
		retriesEnabled: options.retriesEnabled === undefined || isOn(options.retriesEnabled),
		catchUp: options.catchUp === undefined || isOn(options.catchUp),
		includeRaw: isOn(options.includeRaw),
	};
}

/**
 * Checks what activation would send to Whispir, before any request: a mistyped Failure Email would
 * otherwise be stored and the notices Whispir sends when it cannot reach n8n would go nowhere.
 */
export function assertRegistrable(context: IHookFunctions, settings: TriggerSettings): void {
	if (settings.email === undefined || isEmail(settings.email)) return;
	throw new NodeOperationError(
		context.getNode(),
		`"Options → Failure Email" is not valid: "${settings.email}"`,
		{
			description: 'Enter an email address such as ops@example.com, or remove the option.',
		},
	);
}
