import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { catchUp } from './catchUp';
import {
	eventOf,
	keyMatches,
	keyOf,
	normaliseDelivery,
	readDeliveryBody,
	type NormaliseOptions,
} from './delivery';
import { checkExists, create, remove } from './registration';
import { firstDelivery } from './processMemory';
import { triggerSettings } from './settings';
import { triggerState } from './triggerState';

export class WhispirTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Whispir Trigger',
		name: 'whispirTrigger',
		icon: { light: 'file:whispir.svg', dark: 'file:whispir.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when a Whispir message gets a reply or is undeliverable',
		defaults: { name: 'Whispir Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whispirApi', required: true }],
		// Whispir GETs the URL while it creates the callback and refuses it unless that answers 200,
		// so the GET webhook must be registered before the POST one's callback is created.
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			// Without responseData n8n answers with its default keyword, the text "firstEntryJson"; empty, it
			// answers {"message":"Workflow was started"}, or the webhookResponse given below.
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Whispir reports replies and undeliverables only for messages sent with this trigger\'s callback name. In the Whispir node (Message → Send → Options → Callback) pick "n8n &lt;workflow name&gt; - &lt;this node\'s name&gt; (&lt;workflow ID&gt;)", or the name you set under Options → Callback Name. The name also comes with every item as callbackName.',
				name: 'callbackNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Reply',
						value: 'reply',
						description: 'A recipient answered the message (SMS, email or voice)',
					},
					{
						name: 'Undeliverable',
						value: 'undeliverable',
						description: 'The message could not be delivered to a recipient',
					},
				],
				default: ['reply'],
				description: 'Which events start the workflow',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Callback Name',
						name: 'callbackName',
						type: 'string',
						default: '',
						placeholder: 'e.g. Helpdesk replies',
						description:
							'Name of the callback the trigger registers at Whispir; send messages with this name. Default: "n8n &lt;workflow name&gt; - &lt;node name&gt; (&lt;workflow ID&gt;)", which changes when either is renamed.',
					},
					{
						displayName: 'Catch Up on Missed Deliveries',
						name: 'catchUp',
						type: 'boolean',
						default: true,
						description:
							'Whether the replies and undeliverables Whispir could not deliver (e.g. while n8n was down) are output with the next delivery, marked replayed. The trigger looks after n8n starts and at most every 15 minutes. They carry no custom parameters: Whispir does not keep them.',
					},
					{
						displayName: 'Failure Email',
						name: 'email',
						type: 'string',
						placeholder: 'e.g. ops@example.com',
						default: '',
						description: 'Where Whispir sends a notice when it cannot reach n8n',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRaw',
						type: 'boolean',
						default: false,
						description: 'Whether to add what Whispir sent, unchanged, as the raw field',
					},
					{
						displayName: 'Retry Failed Deliveries',
						name: 'retriesEnabled',
						type: 'boolean',
						default: true,
						description:
							'Whether Whispir retries deliveries n8n did not accept (after about 5 minutes, for 24 hours)',
					},
					{
						displayName: 'Strip HTML From Replies',
						name: 'removeHtml',
						type: 'boolean',
						default: false,
						description:
							'Whether Whispir removes HTML tags from reply content (useful for email replies)',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		// Whispir's check while it creates the callback: a 200, and no execution.
		if (this.getWebhookName() === 'setup') {
			response.status(200).send('OK');
			return { noWebhookResponse: true };
		}

		const state = triggerState(this);
		const headers = this.getHeaderData() as IDataObject;
		if (!keyMatches(state.callbackKey, keyOf(headers, this.getQueryData() as IDataObject))) {
			response.status(401).json({ message: 'Missing or wrong X-Whispir-Callback-Key' });
			return { noWebhookResponse: true };
		}
		const contentType = String(headers['content-type'] ?? '');
		const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
		const body = readDeliveryBody(contentType, this.getBodyData(), rawBody);
		if ('refusal' in body) {
			response.status(body.refusal.status).json({ message: body.refusal.message });
			return { noWebhookResponse: true };
		}

		const settings = triggerSettings(this);
		const options: NormaliseOptions = {
			timeZone: this.getTimezone(),
			// The name the callback was created with; the setting may have changed since.
			callbackName: state.callbackName ?? settings.callbackName,
			includeRaw: settings.includeRaw,
		};
		// The key matched, so the callback's ID was stored with it.
		const callbackId = state.callbackId ?? '';
		const selected = settings.events.includes(eventOf(body.payload));
		const delivery = selected ? normaliseDelivery(body.payload, options) : undefined;
		// Claimed before catch-up runs, so a failed call that is this very delivery is not replayed too.
		const isNew = delivery !== undefined && firstDelivery(callbackId, delivery);
		const items = settings.catchUp ? await catchUp(this, callbackId, settings.events, options) : [];
		if (delivery && isNew) items.push(delivery);
		// Acknowledged with 200, so Whispir does not retry, and nothing starts.
		if (items.length === 0) {
			const message = selected
				? 'Received; this delivery was already handled'
				: 'Received; this event is not selected';
			return { webhookResponse: { message } };
		}
		return { workflowData: [this.helpers.returnJsonArray(items)] };
	}
}
