import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IConnections, IDataObject, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { WHISPIR, WHISPIR_TOOL, startTestBed, type WhispirTestBed } from './support';

let bed: WhispirTestBed;
let workspaceId: string;

beforeAll(async () => {
	bed = await startTestBed();
});
afterAll(async () => await bed.close());
beforeEach(async () => {
	bed.sandbox.reset();
	workspaceId = (await bed.sandbox.state('workspaces'))[0].id as string;
});

const sendCode = (parameters: IDataObject = {}) => ({
	resource: 'verify',
	operation: 'sendCode',
	workspace: { mode: 'id', value: workspaceId },
	to: '+61 423 456 789',
	...parameters,
});

const checkCode = (parameters: IDataObject) => ({
	resource: 'verify',
	operation: 'checkCode',
	...parameters,
});

const posts = () => bed.sandbox.log.filter((request) => request.method === 'POST');

/** Sends a code to +61423456789 and returns Send Code's output. */
async function sentCode(): Promise<IDataObject> {
	const { items, error } = await bed.run(WHISPIR, sendCode());
	expect(error).toBeUndefined();
	return items[0].json;
}

describe('Verify → Send Code', () => {
	it("posts Whispir's documented body as plain JSON and outputs the code's ID", async () => {
		const otp = await sentCode();
		expect(posts()).toHaveLength(1);
		expect(posts()[0]).toMatchObject({
			path: '/otp/send-code',
			contentType: 'application/json',
			accept: 'application/json',
			body: { workspaceId, channel: 'sms', to: '+61423456789', codeLength: 6, expiresIn: 300 },
			status: 201,
		});
		const sent = bed.sandbox.otp.lastSentTo('+61423456789');
		expect(sent?.code).toMatch(/^\d{6}$/);
		expect(otp).toMatchObject({
			id: sent?.id,
			to: '+61423456789',
			channel: 'sms',
			codeLength: 6,
			status: 'pending',
		});
		expect(typeof otp.expiresAt).toBe('string');
	});

	it('sends the chosen code length and expiry', async () => {
		const { error } = await bed.run(
			WHISPIR,
			sendCode({ options: { codeLength: 10, expiresIn: 86400 } }),
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toMatchObject({ codeLength: 10, expiresIn: 86400 });
		expect(bed.sandbox.otp.lastSentTo('+61423456789')?.code).toMatch(/^\d{10}$/);
	});

	it.each([
		[{ to: '0423 abc' }, '"Phone Number" in item 0 is not valid: "0423 abc"'],
		[{ to: '0423 456 789' }, '"Phone Number" in item 0 is not valid: "0423 456 789"'],
		[{ to: '+0423456789' }, '"Phone Number" in item 0 is not valid: "+0423456789"'],
		[{ to: '={{ $json.missing }}' }, '"Phone Number" is empty in item 0'],
		[
			{ options: { codeLength: 16 } },
			'"Code Length" in item 0 is not a whole number from 6 to 15: "16"',
		],
		[
			{ options: { expiresIn: 86401 } },
			'"Expires In (Seconds)" in item 0 is not a whole number from 1 to 86400: "86401"',
		],
		[
			{ workspace: { mode: 'id', value: '={{ $json.missing }}' } },
			'"Workspace" is empty in item 0',
		],
	])('refuses bad input before sending anything: %j', async (parameters, message) => {
		const { error } = await bed.run(WHISPIR, sendCode(parameters));
		expect(error?.message).toBe(message);
		expect(posts()).toHaveLength(0);
	});

	it('says where to set up the otp alias when the company has none', async () => {
		bed.sandbox.otp.hasOtpAlias = false;
		const { error } = await bed.run(WHISPIR, sendCode());
		expect(error?.message).toContain('No alias named "otp"');
		expect(error?.description).toContain('alias named "otp" in the Alias Manager');
		expect(bed.sandbox.otp.codes).toHaveLength(0);
	});

	it('never sends a code twice when the answer is lost after Whispir sent it', async () => {
		bed.sandbox.injectFault({ path: '/otp/send-code', type: 'reset-after-processing' });
		const { error } = await bed.run(WHISPIR, sendCode());
		expect(error?.message).toContain('may have been');
		expect(posts()).toHaveLength(1);
		expect(bed.sandbox.otp.codes).toHaveLength(1);
	});

	it('runs as an AI agent tool', async () => {
		const { items, error } = await bed.run(WHISPIR_TOOL, sendCode());
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(bed.sandbox.otp.lastSentTo('+61423456789')?.id);
	});
});

describe('Verify → Check Code', () => {
	const check = (otp: IDataObject, code: string, to = '+61 423 456 789') =>
		checkCode({ otpId: otp.id, to, code });

	it('answers verified: true for the code the person received, with the expressions Send Code output', async () => {
		const otp = await sentCode();
		const code = bed.sandbox.otp.lastSentTo('+61423456789')!.code;
		const { items, error } = await bed.run(
			WHISPIR,
			checkCode({ otpId: '={{ $json.id }}', to: '={{ $json.to }}', code }),
			{ items: [{ json: otp }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({
			verified: true,
			id: otp.id,
			to: '+61423456789',
			status: 'verified',
		});
		expect(posts().at(-1)).toMatchObject({
			path: `/otp/${String(otp.id)}/verify-code`,
			contentType: 'application/json',
			body: { to: '+61423456789', code },
			status: 200,
		});
	});

	it('answers verified: false, reason wrongCode, for a wrong code without failing the item', async () => {
		const otp = await sentCode();
		const right = bed.sandbox.otp.lastSentTo('+61423456789')!.code;
		const wrong = right === '000000' ? '111111' : '000000';
		const { items, error } = await bed.run(WHISPIR, check(otp, wrong));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			verified: false,
			reason: 'wrongCode',
			status: 'pending',
		});
	});

	it('answers reason expired for a code past its expiry', async () => {
		const otp = await sentCode();
		bed.sandbox.otp.expire(otp.id as string);
		const right = bed.sandbox.otp.lastSentTo('+61423456789')!.code;
		const { items, error } = await bed.run(WHISPIR, check(otp, right));
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			verified: false,
			reason: 'expired',
			detail: 'The code has expired',
		});
	});

	it('answers reason tooManyAttempts once the attempts are used up, even for the right code', async () => {
		const otp = await sentCode();
		const right = bed.sandbox.otp.lastSentTo('+61423456789')!.code;
		const wrong = right === '000000' ? '111111' : '000000';
		// One item after the other: the attempts count in order.
		const { items } = await bed.run(
			WHISPIR,
			{ ...check(otp, '={{ $json.code }}'), itemOrder: 'sequential' },
			{ items: [...Array(5).fill({ json: { code: wrong } }), { json: { code: right } }] },
		);
		expect(items.map((item) => item.json.reason)).toEqual([
			...Array(5).fill('wrongCode'),
			'tooManyAttempts',
		]);
	});

	it('answers reason notFound for a code already used, or a number it was not sent to', async () => {
		const otp = await sentCode();
		const right = bed.sandbox.otp.lastSentTo('+61423456789')!.code;
		await bed.run(WHISPIR, check(otp, right));
		const again = await bed.run(WHISPIR, check(otp, right));
		expect(again.items[0].json).toMatchObject({ verified: false, reason: 'notFound' });
		const otherPhone = await bed.run(WHISPIR, check(otp, right, '+61400000000'));
		expect(otherPhone.items[0].json).toMatchObject({ verified: false, reason: 'notFound' });
	});

	it('fails the item on a real fault: a server error is not an answer, and is not repeated', async () => {
		const otp = await sentCode();
		bed.sandbox.injectFault({ path: '/otp/', type: 'status', status: 500 });
		const { error } = await bed.run(WHISPIR, check(otp, '123456'));
		expect(error?.message).toContain('Whispir had a server error (500)');
		expect(posts().filter((request) => request.path.endsWith('/verify-code'))).toHaveLength(1);
	});

	it('fails the item when Whispir refuses the request itself (a 400 not about the code)', async () => {
		const otp = await sentCode();
		bed.sandbox.injectFault({
			path: '/otp/',
			type: 'status',
			status: 400,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				status: 400,
				message: 'Client specified an invalid argument, request body or query param',
				detail: 'Error in parameter "code", must be a string.',
			}),
		});
		const { error } = await bed.run(WHISPIR, check(otp, '123456'));
		expect(error?.message).toContain('Error in parameter "code"');
	});

	it.each([
		[{ otpId: '../users' }, '"Code ID" in item 0 is not an ID: "../users"'],
		[{ to: '+61 4x' }, '"Phone Number" in item 0 is not valid: "+61 4x"'],
		[{ code: ' ' }, '"Code" is empty in item 0'],
	])('refuses bad input before sending anything: %j', async (parameters, message) => {
		const { error } = await bed.run(
			WHISPIR,
			checkCode({ otpId: 'ABC', to: '+61423456789', code: '123456', ...parameters }),
		);
		expect(error?.message).toBe(message);
		expect(posts()).toHaveLength(0);
	});
});

describe('examples/verify-a-phone-number-by-one-time-code.json', () => {
	const example = JSON.parse(
		readFileSync(
			join(__dirname, '../../examples/verify-a-phone-number-by-one-time-code.json'),
			'utf8',
		),
	) as { nodes: INode[]; connections: IConnections };
	const node = (name: string) => example.nodes.find((candidate) => candidate.name === name)!;

	it("sends the code, then checks the typed code with the expressions that read Send code's output", async () => {
		const send = node('Send code');
		const check = node('Check code');
		expect([send.type, check.type]).toEqual([WHISPIR, WHISPIR]);
		expect(example.connections['Wait for the code'].main[0]?.[0].node).toBe('Check code');
		bed.sandbox.otp.nextCode = '482915';
		// In n8n the form page sits between the two; here Check code gets the typed code as its input.
		const run = await bed.harness.runWorkflow({
			nodes: [
				// The user picks the workspace after importing.
				{
					...send,
					parameters: { ...send.parameters, workspace: { mode: 'id', value: workspaceId } },
				},
				{ ...check, parameters: { ...check.parameters, code: '482915' } },
			],
			connections: { 'Send code': { main: [[{ node: 'Check code', type: 'main', index: 0 }]] } },
			startNode: 'Send code',
			items: [{ json: { 'Mobile number': '+61 423 456 789' } }],
			credentials: { whispirApi: bed.credentials.whispirApi },
		});
		expect(run.error).toBeUndefined();
		const [sent] = bed.sandbox.otp.codes;
		expect(run.output('Check code')[0].json).toMatchObject({
			verified: true,
			id: sent.id,
			to: '+61423456789',
		});
		expect(check.parameters.code).toBe('={{ $json.Code }}');
	});
});
