// Scenario 5: the trigger's handling of one delivery, in-process: the key check, reading the body
// and normalising the payload, for 50,000 deliveries (replies and undeliverables, with parameters).
import {
	keyMatches,
	keyOf,
	normaliseDelivery,
	readDeliveryBody,
} from '../../nodes/WhispirTrigger/delivery';
import { round } from './bed';

const DELIVERIES = 50_000;
const KEY = 'k3y-0f-the-callback-under-test';

function delivery(index: number): string {
	const reply = index % 4 !== 0;
	return JSON.stringify({
		messageid: `MSG${index}`,
		messagelocation: `https://api.au.whispir.com/messages/MSG${index}`,
		from: {
			name: `Person ${index}`,
			mri: `person${index}@Contact.whispir.com`,
			mobile: `6140${String(index).padStart(7, '0')}`,
			email: '',
			voice: '',
		},
		responseMessage: reply
			? { channel: 'SMS', acknowledged: '22/11/26 10:15', content: `Yes ${index}` }
			: { channel: 'SMS', undeliverable: '22/11/26 10:15', content: 'Number unreachable' },
		customParameters: { ticket: `T-${index}`, priority: 'high' },
	});
}

export async function triggerScenario() {
	const bodies = Array.from({ length: 1000 }, (_, index) => delivery(index));
	const options = { timeZone: 'Australia/Sydney', callbackName: 'n8n-bench', includeRaw: false };
	const headers = { 'x-whispir-callback-key': KEY, 'content-type': 'application/json' };
	let accepted = 0;
	const started = performance.now();
	for (let index = 0; index < DELIVERIES; index++) {
		// n8n parses the JSON body before the trigger sees it: counted here too.
		const raw = bodies[index % bodies.length];
		if (!keyMatches(KEY, keyOf(headers, {}))) continue;
		const body = readDeliveryBody('application/json', JSON.parse(raw), undefined);
		if ('payload' in body && normaliseDelivery(body.payload, options).messageId) accepted++;
	}
	const seconds = (performance.now() - started) / 1000;
	if (accepted !== DELIVERIES)
		throw new Error(`Only ${accepted} of ${DELIVERIES} deliveries were accepted`);
	const perSecond = DELIVERIES / seconds;
	return {
		rows: [
			[
				'5 Trigger deliveries',
				`${DELIVERIES.toLocaleString('en')} in-process`,
				seconds,
				`${Math.round(perSecond).toLocaleString('en')} per second`,
			],
		],
		json: { deliveriesPerSecond: Math.round(perSecond), seconds: round(seconds) },
	};
}
