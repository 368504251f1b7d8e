import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
	keyMatches,
	keyOf,
	normaliseDelivery,
	readDeliveryBody,
} from '../../../WhispirTrigger/delivery';
import { withoutFields } from '../../helpers/records';
import { whispirApiRequest } from '../../transport';
import { ENDPOINTS } from '../endpoints';
import { approvalOf } from './replyMatch';
import { SEND_FAILURE_KEY } from './sendAndWait.operation';
import { callbackNameOf, removeWaitCallback, WAITING_ANSWER, waitKey } from './waitCallbacks';

/**
 * The resume URL of a waiting Send and Wait for Reply (n8n calls this only while the execution
 * waits). A GET is Whispir's check of the callback URL. A POST is a delivery: checked by its key,
 * and an answer resumes the execution with it. Anything that does not resume leaves the
 * execution waiting: n8n resumes it only when `workflowData` is returned.
 */
export async function waitReplyWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	if (this.getRequestObject().method === 'GET') {
		response.status(200).json(WAITING_ANSWER);
		return { noWebhookResponse: true };
	}

	const query = this.getQueryData() as IDataObject;
	const headers = this.getHeaderData() as IDataObject;
	const waitId = typeof query.wait === 'string' ? query.wait : '';
	if (waitId === '' || !keyMatches(await waitKey(this, waitId), keyOf(headers, query))) {
		response.status(401).json({ message: 'Missing or wrong X-Whispir-Callback-Key' });
		return { noWebhookResponse: true };
	}
	const rawBody = (this.getRequestObject() as { rawBody?: Buffer }).rawBody;
	const body = readDeliveryBody(String(headers['content-type'] ?? ''), this.getBodyData(), rawBody);
	if ('refusal' in body) {
		response.status(body.refusal.status).json({ message: body.refusal.message });
		return { noWebhookResponse: true };
	}

	const failure = body.payload[SEND_FAILURE_KEY];
	if (typeof failure === 'string')
		return await resume(this, waitId, {
			sent: false,
			error: `The message was not sent: ${failure}`,
		});

	// A wait has no trigger callback name and no replays: those fields are left out.
	const delivery = normaliseDelivery(body.payload, {
		timeZone: this.getTimezone(),
		callbackName: '',
		includeRaw: false,
	});
	const { event, content, ...reply } = withoutFields(delivery, ['callbackName', 'replayed']);
	// The wait's callback reports replies only; anything else is acknowledged so Whispir does not retry it.
	if (event !== 'reply') return { webhookResponse: { message: 'Received; not a reply' } };

	if (this.getNodeParameter('responseType', 'approval') !== 'approval') {
		return await resume(this, waitId, { reply: content, ...reply });
	}
	const approved = approvalOf(
		String(content),
		String(this.getNodeParameter('approveWord', 'YES')),
		String(this.getNodeParameter('declineWord', 'NO')),
	);
	if (approved === undefined) {
		await sendHint(this, waitId, reply);
		return { webhookResponse: { message: 'Received; not an answer, still waiting' } };
	}
	return await resume(this, waitId, { approved, reply: content, ...reply });
}

/** The output item; the wait's callback is removed first, since no later reply may resume anything. */
async function resume(
	context: IWebhookFunctions,
	waitId: string,
	output: IDataObject,
): Promise<IWebhookResponseData> {
	try {
		await removeWaitCallback(context, waitId);
		output.callbackRemoved = true;
	} catch (error) {
		// The answer counts anyway; the next Send and Wait removes the callback (its wait is over).
		output.callbackRemoved = false;
		output.callbackRemovalError = (error as Error).message;
	}
	return { webhookResponse: { message: 'Received' }, workflowData: [[{ json: output }]] };
}

/** Answers a non-answer with the hint, on the channel it came by (SMS or email), as part of the same wait. */
async function sendHint(
	context: IWebhookFunctions,
	waitId: string,
	reply: IDataObject,
): Promise<void> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const hint = String(options.nonAnswerHint ?? '').trim();
	const from = reply.from as IDataObject;
	const channel = String(reply.channel).toUpperCase();
	const to = channel === 'EMAIL' ? from.email : from.mobile;
	if (hint === '' || (channel !== 'SMS' && channel !== 'EMAIL') || !to) return;
	try {
		const callbackId = await callbackNameOf(context, waitId);
		const message: IDataObject = { to, subject: hint, body: hint, callbackId };
		if (channel === 'EMAIL') message.email = { body: hint, type: 'text/plain' };
		await whispirApiRequest.call(context, {
			method: 'POST',
			path: ENDPOINTS.message.path,
			mediaType: ENDPOINTS.message.mediaType,
			body: message,
		});
	} catch (error) {
		// The reply was received; a hint that did not go out must not make Whispir deliver it again.
		context.logger.warn(
			`Whispir Send and Wait: the hint to ${String(to)} was not sent: ${(error as Error).message}`,
		);
	}
}
