import type {
	IExecuteFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RESOURCES } from './actions/resources';
import { webhooks as sendAndWaitWebhooks } from './actions/message/sendAndWait.operation';
import { waitReplyWebhook } from './actions/message/waitReply';
import { itemOrderProperty, router } from './actions/router';
import { listSearch } from './methods';

export class Whispir implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Whispir',
		name: 'whispir',
		icon: { light: 'file:whispir.svg', dark: 'file:whispir.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Work with Whispir, the platform for SMS, email, voice and push messages',
		defaults: { name: 'Whispir' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'whispirApi', required: true }],
		// Message → Send and Wait for Reply: n8n resumes the waiting execution through these.
		webhooks: sendAndWaitWebhooks,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map((resource) => resource.option),
				default: 'message',
			},
			...RESOURCES.flatMap((resource) => resource.description),
			itemOrderProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await waitReplyWebhook.call(this);
	}
}
