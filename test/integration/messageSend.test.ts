import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(() => bed.sandbox.reset());

const MESSAGE_TYPE = 'application/vnd.whispir.message-v1+json';

const send = (parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	to: '61423456789',
	subject: 'Reminder',
	body: 'Your appointment is tomorrow at 10:00',
	...parameters,
});

const posts = () => bed.sandbox.log.filter((request) => request.method === 'POST');

describe('Message → Send (SMS)', () => {
	it('posts to, subject and body as message-v1 and returns the id and URL from Location', async () => {
		const { items, error } = await bed.run(
			WHISPIR,
			send({ to: '={{ $json.phone }}', body: '=Hi {{ $json.name }}, see you tomorrow' }),
			{
				items: [
					{ json: { phone: '+61 423 456 789', name: 'Jo' } },
					{ json: { phone: '61400000001; 61400000002', name: 'Al' } },
				],
			},
		);
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(2);
		expect(posts()[0]).toMatchObject({
			path: '/messages',
			contentType: MESSAGE_TYPE,
			accept: MESSAGE_TYPE,
			body: { to: '61423456789', subject: 'Reminder', body: 'Hi Jo, see you tomorrow' },
			status: 202,
		});
		expect(posts()[1].body).toMatchObject({ to: '61400000001;61400000002' });

		const stored = await bed.sandbox.state('messages');
		expect(stored).toHaveLength(2);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json).toEqual({
			id: stored[0].id,
			url: `${bed.sandbox.url}/messages/${stored[0].id}`,
		});
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
		// Two recipients split on ";", each pending on SMS.
		expect((stored[1]._recipients as Array<{ mobile: string }>).map((r) => r.mobile)).toEqual([
			'61400000001',
			'61400000002',
		]);
	});

	it('sends to picked contacts and distribution lists by their MRIs, in a workspace', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Ops', status: 'A' }]);
		bed.sandbox.seed(
			'contacts',
			[
				{
					firstName: 'Jane',
					lastName: 'Doe',
					mri: 'Jane_Doe.1@Contact.whispir.com',
					workMobilePhone1: '61411111111',
				},
			],
			workspaceId,
		);
		bed.sandbox.seed(
			'distributionlists',
			[{ name: 'Oncall', mri: 'Oncall.2@List.whispir.com' }],
			workspaceId,
		);
		const { items, error } = await bed.run(
			WHISPIR,
			send({
				workspace: { __rl: true, mode: 'id', value: workspaceId },
				to: '',
				pickedRecipients: {
					contacts: [
						{ mri: { __rl: true, mode: 'list', value: 'Jane_Doe.1@Contact.whispir.com' } },
					],
					lists: [{ mri: { __rl: true, mode: 'mri', value: 'Oncall.2@List.whispir.com' } }],
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(posts()[0]).toMatchObject({
			path: `/workspaces/${workspaceId}/messages`,
			body: { to: 'Jane_Doe.1@Contact.whispir.com;Oncall.2@List.whispir.com' },
		});
		expect(items[0].json.url).toBe(
			`${bed.sandbox.url}/workspaces/${workspaceId}/messages/${String(items[0].json.id)}`,
		);
	});

	it('returns the message as Whispir stores it with "Return Stored Message"', async () => {
		const { items } = await bed.run(WHISPIR, send({ options: { returnStoredMessage: true } }));
		expect(bed.sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /messages',
			`GET /messages/${String(items[0].json.id)}`,
		]);
		expect(items[0].json.message).toMatchObject({
			to: '61423456789',
			subject: 'Reminder',
			direction: 'OUTGOING',
		});
		expect(JSON.stringify(items)).not.toContain(bed.sandbox.credentials.apiKey);
	});
});

describe('Message → Send: a failed read-back', () => {
	it('keeps the item successful with the new id, so that a re-run does not send the message twice', async () => {
		// 403 is not retried by the transport: the GET fails for good.
		bed.sandbox.injectFault({ type: 'status', status: 403, method: 'GET', path: '/messages' });
		const { items, error } = await bed.run(
			WHISPIR,
			send({ options: { returnStoredMessage: true } }),
		);
		expect(error).toBeUndefined();
		expect(bed.sandbox.log.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: expect.any(String), message: null });
		expect(String(items[0].json.readBackError)).toMatch(
			/^The message was sent, but reading it back failed: /,
		);
	});
});

describe('Message → Send: accepted without a Location', () => {
	it('succeeds with a warning instead of failing, so neither a re-run nor Retry On Fail sends it again', async () => {
		bed.sandbox.injectFault({
			type: 'status',
			status: 202,
			method: 'POST',
			path: '/messages',
			body: 'Your request has been accepted for processing.',
		});
		const { items, error } = await bed.run(WHISPIR, send());
		expect(error).toBeUndefined();
		expect(posts()).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: null, url: null });
		expect(String(items[0].json.warning)).toMatch(
			/^Whispir accepted the send, but its answer named no message ID/,
		);
	});
});

describe('Message → Send (other channels)', () => {
	it('emails a file from a binary property, as HTML with a footer', async () => {
		const pdf = Buffer.from('%PDF-1.4 invoice 42');
		const binary = await bed.harness.prepareBinaryData(pdf, 'invoice.pdf', 'application/pdf');
		const { items, error } = await bed.run(
			WHISPIR,
			send({
				to: 'jane@example.com',
				body: '',
				channels: ['email'],
				emailBody: '<p>Your invoice</p>',
				emailType: 'text/html',
				emailFooter: 'Accounts',
				emailAttachments: 'invoice',
			}),
			{ items: [{ json: {}, binary: { invoice: binary } }] },
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			to: 'jane@example.com',
			subject: 'Reminder',
			email: {
				body: '<p>Your invoice</p>',
				type: 'text/html',
				footer: 'Accounts',
				resources: {
					attachment: [
						{
							attachmentName: 'invoice.pdf',
							attachmentDesc: 'invoice.pdf',
							derefUri: pdf.toString('base64'),
						},
					],
				},
			},
		});
		const [stored] = await bed.sandbox.state('messages');
		expect(items[0].json).toEqual({
			id: stored.id,
			url: `${bed.sandbox.url}/messages/${stored.id}`,
		});
	});

	it('builds the voice type string with teleconference fields and no line breaks', async () => {
		const { error } = await bed.run(
			WHISPIR,
			send({
				channels: ['voice'],
				voiceHeader: 'Urgent call',
				voiceBody: 'Join the bridge',
				voiceOptions: {
					confCall: '1800500536',
					confAccountNo: '12345678',
					confPinNo: '1234',
					confModPinNo: '9999',
					footer: 'Bye',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			voice: {
				header: 'Urgent call',
				body: 'Join the bridge',
				footer: 'Bye',
				type: 'ConfCall:1800500536,ConfAccountNo:12345678,ConfPinNo:1234,ConfModPinNo:9999,Pin:',
			},
		});
	});

	it('attaches WAV recordings marked as the introduction and the message, and refuses other files before sending', async () => {
		const wav = (text: string) => Buffer.from(`RIFF....WAVEfmt ${text}`);
		const intro = await bed.harness.prepareBinaryData(wav('intro'), 'greeting.wav', 'audio/wav');
		const body = await bed.harness.prepareBinaryData(wav('body'), 'news.wav', 'audio/x-wav');
		const voice = {
			channels: ['voice'],
			voiceHeader: 'Introduction',
			voiceBody: 'Message',
			voiceIntroductionRecording: 'intro',
			voiceMessageRecording: 'news',
		};
		const { error } = await bed.run(WHISPIR, send(voice), {
			items: [{ json: {}, binary: { intro, news: body } }],
		});
		expect(error).toBeUndefined();
		// Whispir tells the parts apart by attachmentDesc (Whispir's Messages docs: https://developers.whispir.com/c2NoOjE0NDgyNjQ-message).
		expect((posts()[0].body as { voice: { resources: object } }).voice.resources).toEqual({
			attachment: [
				{
					attachmentName: 'greeting.wav',
					attachmentDesc: 'voiceintro.wav',
					derefUri: wav('intro').toString('base64'),
				},
				{
					attachmentName: 'news.wav',
					attachmentDesc: 'voicebody.wav',
					derefUri: wav('body').toString('base64'),
				},
			],
		});

		const mp3 = await bed.harness.prepareBinaryData(Buffer.from('ID3'), 'news.mp3', 'audio/mpeg');
		const refused = await bed.run(WHISPIR, send(voice), {
			items: [{ json: {}, binary: { intro, news: mp3 } }],
		});
		expect(refused.error?.message).toBe(
			'"Voice Message Recording" in item 0 is not a WAV file: "news.mp3"',
		);
		expect(posts()).toHaveLength(1);
	});

	it('sends rich, push and social content in the documented shapes', async () => {
		const [workspaceId] = bed.sandbox.seed('workspaces', [{ projectName: 'Apps', status: 'A' }]);
		bed.sandbox.seed(
			'contacts',
			[
				{
					firstName: 'Jo',
					lastName: 'Push',
					mri: 'Jo_Push.3@Contact.whispir.com',
					workMobilePhone1: '61422222222',
				},
			],
			workspaceId,
		);
		const { error } = await bed.run(
			WHISPIR,
			send({
				workspace: { __rl: true, mode: 'id', value: workspaceId },
				to: 'Jo_Push.3@Contact.whispir.com',
				body: 'Details: @@web_link@@',
				channels: ['web', 'push', 'social'],
				webBody: '<p>Report</p>',
				pushApp: { __rl: true, mode: 'id', value: 'APP1' },
				pushEscalationMins: 3,
				twitterText: 'Outage resolved',
				facebookText: 'All systems are back',
			}),
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			web: { body: '<p>Report</p>', type: 'text/html' },
			features: { pushOptions: { notifications: 'enabled', appId: 'APP1', escalationMins: '3' } },
			social: {
				social: [
					{ id: 'social', body: 'Outage resolved' },
					{ id: 'social_long', body: 'All systems are back', type: 'text/plain' },
				],
			},
		});
		const [stored] = await bed.sandbox.state('messages');
		expect(String(stored.body)).toMatch(new RegExp(`^Details: ${bed.sandbox.url}/r/${stored.id}$`));
	});
});

describe('Message → Send (options)', () => {
	it('uses a template by name with attributes, a callback with parameters, no-reply, no receipts and an event', async () => {
		bed.sandbox.seed('templates', [
			{
				messageTemplateName: 'Event Reminder',
				subject: 'Reminder:',
				body: '@@summary@@ expires on @@event_expiry@@.',
			},
		]);
		bed.sandbox.seed('callbacks', [{ name: 'Replies to n8n', url: 'https://example.com/hook' }]);
		const [eventId] = bed.sandbox.seed('events', [
			{
				eventLabel: '657126 Outage',
				status: 'Open',
				eventFormList: [
					{
						formName: 'General',
						eventFieldList: [
							{ name: 'startDate', value: '11/09/2015 17:21:00' },
							{ name: 'summary', value: 'Sydney outage' },
						],
					},
				],
			},
		]);
		const { items, error } = await bed.run(
			WHISPIR,
			send({
				subject: '',
				body: '',
				options: {
					template: { __rl: true, mode: 'name', value: 'Event Reminder' },
					messageAttributes: { attribute: [{ name: 'event_expiry', value: '13/06/2026' }] },
					callback: { __rl: true, mode: 'name', value: 'Replies to n8n' },
					callbackParameters: { parameter: [{ key: 'orderId', value: '={{ $json.order }}' }] },
					noReply: true,
					deliveryReceipts: false,
					event: { __rl: true, mode: 'id', value: eventId },
				},
			}),
			{ items: [{ json: { order: 'A-1' } }, { json: { order: 'A-2' } }] },
		);
		expect(error).toBeUndefined();
		// One list read for the template and one for the callback, shared by both items.
		expect(bed.sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /templates',
			'GET /callbacks',
			'POST /messages',
			'POST /messages',
		]);
		expect(posts()[1].body).toEqual({
			to: '61423456789',
			messageTemplateName: 'Event Reminder',
			messageattributes: { attribute: [{ name: 'event_expiry', value: '13/06/2026' }] },
			callbackId: 'Replies to n8n',
			callbackParameters: { orderId: 'A-2' },
			eventId,
			type: 'defaultNoReply',
			dlr: { type: 'NoDlr' },
		});
		const stored = await bed.sandbox.state('messages');
		expect(stored[0]).toMatchObject({
			body: 'Sydney outage expires on 13/06/2026.',
			label: '657126 Outage',
			callbackId: 'Replies to n8n',
		});
		expect(items).toHaveLength(2);
	});

	it('converts "Send At" to dd/MM/yyyy HH:mm in the workflow timezone, with a repetition', async () => {
		const { error } = await bed.run(
			WHISPIR,
			send({
				options: {
					sendAt: '2099-02-14T15:55:00',
					repeat: { repetition: { count: 10, days: 0, hours: 1, minutes: 0 } },
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			messageType: 'SCHEDULED',
			scheduleType: 'REPEAT',
			scheduleDate: '14/02/2099 15:55',
			repetitionCount: '10',
			repeatDays: '0',
			repeatHrs: '1',
			repeatMin: '0',
		});
	});

	it('writes an instant with an offset as the wall-clock time of the workflow timezone', async () => {
		// The harness's workflows have n8n's default timezone, America/New_York (UTC-5 in January).
		const { error } = await bed.run(WHISPIR, send({ options: { sendAt: '2099-01-10T15:30:00Z' } }));
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			messageType: 'SCHEDULED',
			scheduleType: 'ONCE',
			scheduleDate: '10/01/2099 10:30',
		});
	});
});

describe('Message → Send (bad input, nothing sent)', () => {
	const refused = async (
		parameters: Record<string, unknown>,
		message: string | RegExp,
		items?: Array<{ json: object; binary?: object }>,
	) => {
		const { error } = await bed.run(
			WHISPIR,
			send(parameters),
			items ? { items: items as never } : {},
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(message);
		expect(posts()).toHaveLength(0);
		return error!;
	};

	it('no recipients', async () => {
		const error = await refused({ to: ' ; ' }, '"To" has no recipients in item 0');
		expect(error.description).toContain('pick contacts');
	});

	it('no content for the channel', async () => {
		await refused({ body: '' }, '"SMS Text" is empty in item 0');
		// Required fields are checked by the editor; an expression can still give nothing.
		await refused(
			{ channels: ['email'], emailBody: '={{ "" }}' },
			'"Email Body" is empty in item 0',
		);
		await refused(
			{ channels: ['voice'], voiceHeader: 'Hi', voiceBody: '={{ "" }}' },
			'"Voice Message" is empty in item 0',
		);
		await refused({ subject: '' }, '"Subject" is empty in item 0');
	});

	it('a repetition or push escalation that is no whole number, or a repetition without interval', async () => {
		const sendAt = '2099-02-14T15:55:00';
		const repeat = (repetition: Record<string, unknown>) => ({
			options: {
				sendAt,
				repeat: { repetition: { count: 3, days: 0, hours: 1, minutes: 0, ...repetition } },
			},
		});
		// An expression gives text: Whispir would get "NaN" or a fraction.
		await refused(
			repeat({ count: '={{ "three" }}' }),
			'"Repeat: Times" in item 0 is not a whole number of at least 1: "three"',
		);
		await refused(
			repeat({ minutes: '={{ 7.5 }}' }),
			'"Repeat: Every (Minutes)" in item 0 is not a whole number of at least 0: "7.5"',
		);
		// Every repetition at the same moment: the same message three times.
		await refused(repeat({ hours: 0 }), '"Repeat" in item 0 has no interval');
		const push = { channels: ['push'], pushApp: { __rl: true, mode: 'id', value: 'APP1' } };
		await refused(
			{ ...push, pushEscalationMins: '={{ "ten" }}' },
			'"Push Escalation (Minutes)" in item 0 is not a whole number of at least 0: "ten"',
		);
	});

	it('a schedule in the past or unreadable', async () => {
		await refused(
			{ options: { sendAt: '2001-01-01T10:00:00' } },
			/^"Send At" in item 0 is in the past: 01\/01\/2001 10:00$/,
		);
		await refused(
			{ options: { sendAt: 'next tuesday' } },
			'"Send At" in item 0 is not a date and time: "next tuesday"',
		);
	});

	it('takes a repetition count given as text by an expression', async () => {
		const { error } = await bed.run(
			WHISPIR,
			send({
				options: {
					sendAt: '2099-02-14T15:55:00',
					repeat: { repetition: { count: '={{ "4" }}', days: 1, hours: 0, minutes: 0 } },
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			scheduleType: 'REPEAT',
			repetitionCount: '4',
			repeatDays: '1',
			repeatHrs: '0',
			repeatMin: '0',
		});
	});

	it('attachments above 10 MB, or a binary property that does not exist', async () => {
		const big = await bed.harness.prepareBinaryData(Buffer.alloc(6 * 1024 * 1024, 1), 'a.bin');
		const big2 = await bed.harness.prepareBinaryData(Buffer.alloc(5 * 1024 * 1024, 2), 'b.bin');
		const email = { channels: ['email'], emailBody: 'Files', emailAttachments: 'a, b' };
		await refused(
			email,
			/^The attachments of item 0 are 11\.0 MB; Whispir accepts at most 10 MB per message$/,
			[{ json: {}, binary: { a: big, b: big2 } }],
		);
		const error = await refused(
			email,
			'"Email Attachments" names the binary property "b", which item 0 does not have',
			[{ json: {}, binary: { a: big2 } }],
		);
		expect(error.description).toBe('The item has these binary properties: a.');
		// Checked before the template name is looked up: nothing at all reaches Whispir.
		const withTemplate = {
			...email,
			options: { template: { __rl: true, mode: 'name', value: 'Welcome' } },
		};
		await refused(
			withTemplate,
			'"Email Attachments" names the binary property "b", which item 0 does not have',
			[{ json: {}, binary: { a: big2 } }],
		);
		expect(bed.sandbox.log).toHaveLength(0);
	});

	it('an unknown template or callback name, naming those that exist', async () => {
		bed.sandbox.seed('templates', [
			{ messageTemplateName: 'Welcome', subject: 'Hi', body: 'Hello' },
		]);
		bed.sandbox.seed('callbacks', [{ name: 'Main', url: 'https://example.com/hook' }]);
		const template = await refused(
			{ options: { template: { __rl: true, mode: 'name', value: 'Welcom' } } },
			'"Template" in item 0: there is no template named "Welcom"',
		);
		expect(template.description).toContain('Names that exist: Welcome.');
		const callback = await refused(
			{ options: { callback: { __rl: true, mode: 'name', value: 'main' } } },
			'"Callback" in item 0: there is no callback named "main"',
		);
		expect(callback.description).toContain('Names that exist: Main.');
	});

	it('with Continue On Fail, the bad item becomes an error item and the others are sent exactly once', async () => {
		const { items, error } = await bed.run(WHISPIR, send({ to: '={{ $json.to }}' }), {
			items: [
				{ json: { to: '61400000001' } },
				{ json: { to: '' } },
				{ json: { to: '61400000003' } },
			],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[1]).toMatchObject({
			json: { error: '"To" has no recipients in item 1' },
			pairedItem: { item: 1 },
		});
		expect(posts().map((request) => (request.body as { to: string }).to)).toEqual([
			'61400000001',
			'61400000003',
		]);
		expect(await bed.sandbox.state('messages')).toHaveLength(2);
	});
});

describe('Message examples', () => {
	const whispirParameters = (file: string) => {
		const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as {
			nodes: Array<{ type: string; parameters: INodeParameters }>;
		};
		return workflow.nodes.find((node) => node.type === WHISPIR)!.parameters;
	};

	it('send-sms.json sends its SMS', async () => {
		const { items, error } = await bed.run(WHISPIR, whispirParameters('send-sms.json'));
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ to: '61423456789', subject: 'Reminder' });
		const [stored] = await bed.sandbox.state('messages');
		expect(items[0].json.id).toBe(stored.id);
	});

	it('email-file-from-previous-node.json attaches the binary "data" of the item', async () => {
		const file = await bed.harness.prepareBinaryData(
			Buffer.from('%PDF-1.4'),
			'dummy.pdf',
			'application/pdf',
		);
		const { error } = await bed.run(
			WHISPIR,
			whispirParameters('email-file-from-previous-node.json'),
			{
				items: [{ json: {}, binary: { data: file } }],
			},
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({
			to: 'jane@example.com',
			email: { type: 'text/html', resources: { attachment: [{ attachmentName: 'dummy.pdf' }] } },
		});
	});
});
