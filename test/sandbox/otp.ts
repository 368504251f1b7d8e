// Whispir Verify (one-time codes), from Whispir's OpenAPI: sendCodeCreate (POST /otp/send-code) and
// verifyCodeCreate (POST /otp/{otpId}/verify-code). A newer service than the rest of the API: plain
// application/json in and out, and errors as ApiErrorNextGen {status, message, detail}.
//
// The spec documents a 200 Otp (status "pending" in its example), 400, 404 "OTP Record … associated
// with … does not exist" and 500, but no wording for a wrong, expired or used-up code, nor the error
// for a missing `otp` alias. The sandbox chooses: a right code answers status "verified", a wrong one
// the spec's 200 "pending" (up to MAX_ATTEMPTS), then 400 "Maximum verification attempts reached";
// an expired code 400 "The code has expired"; a used-up code the documented 404.
import { randomBytes, randomInt } from 'node:crypto';

import type { Wire } from './media';
import { HttpError } from './reply';
import type { SandboxState } from './state';

/**
 * OTP IDs look like nanoids in Whispir's examples (`azkP8DJEEsujuhwzO-O_N`): 21 URL-safe
 * characters. `-` and `_` are always in, so that tests send them in the path.
 */
function newOtpId(): string {
	return randomBytes(16).toString('base64url').slice(0, 19) + '-_';
}

export const OTP_PREFIX = '/otp/';
const MAX_ATTEMPTS = 5;

/** One code sent, with what a test needs to type it. */
export interface SentCode {
	id: string;
	workspaceId: string;
	channel: string;
	to: string;
	code: string;
	codeLength: number;
	expiresAt: string;
	status: 'pending' | 'verified';
	attempts: number;
}

/** The company's Verify: its codes and whether the `otp` alias is set up in Alias Manager. */
export class OtpDesk {
	codes: SentCode[] = [];
	hasOtpAlias = true;
	/** Test-only: the code the next send uses, instead of a random one. */
	nextCode: string | undefined;

	clear(): void {
		this.codes = [];
		this.hasOtpAlias = true;
		this.nextCode = undefined;
	}

	/** The code last sent to a number: what the person would read in the SMS. */
	lastSentTo(to: string): SentCode | undefined {
		return [...this.codes].reverse().find((otp) => otp.to === to);
	}

	/** Ends a code's life now, as if its `expiresIn` had passed. */
	expire(id: string): void {
		const otp = this.codes.find((candidate) => candidate.id === id);
		if (!otp) throw new HttpError(404, `No code ${id}`);
		otp.expiresAt = new Date(Date.now() - 1000).toISOString();
	}
}

const INVALID = 'Client specified an invalid argument, request body or query param';

function nextGen(status: number, message: string, detail: string): Wire {
	return json(status, { status, message, detail });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Wire {
	return {
		status,
		headers: { ...headers, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	};
}

const badParameter = (name: string, problem: string) =>
	nextGen(400, INVALID, `Error in parameter "${name}", ${problem}.`);

function otpView(st: SandboxState, otp: SentCode, withVerifyLink: boolean) {
	const { id, channel, codeLength, to, expiresAt, status } = otp;
	const links = withVerifyLink ? { verify: `${st.url}/otp/${id}/verify-code` } : {};
	return { id, channel, codeLength, to, expiresAt, status, links };
}

const E164 = /^\+[1-9]\d{5,14}$/;

function sendCode(st: SandboxState, body: Record<string, unknown>): Wire {
	const { workspaceId, channel, to, codeLength, expiresIn } = body;
	for (const name of ['workspaceId', 'channel', 'to', 'codeLength', 'expiresIn'])
		if (body[name] === undefined) return badParameter(name, 'is required');
	if (typeof workspaceId !== 'string' || !st.store.get('workspaces', workspaceId))
		return nextGen(
			404,
			'A specified resource is not found',
			`Workspace ${String(workspaceId)} does not exist`,
		);
	if (channel !== 'sms') return badParameter('channel', 'only "sms" is supported');
	if (typeof to !== 'string' || !E164.test(to))
		return badParameter('to', 'must be a phone number in E.164 format');
	if (!Number.isInteger(codeLength) || (codeLength as number) < 6)
		return badParameter('codeLength', 'number must be greater than or equal to 6');
	if ((codeLength as number) > 15)
		return badParameter('codeLength', 'number must be lesser than or equal to 15');
	if (!Number.isInteger(expiresIn) || (expiresIn as number) < 1 || (expiresIn as number) > 86_400)
		return badParameter('expiresIn', 'number must be between 1 and 86400');
	if (!st.otp.hasOtpAlias)
		return nextGen(
			400,
			INVALID,
			'No alias named "otp" is set up in Alias Manager for this company',
		);
	const length = codeLength as number;
	const otp: SentCode = {
		id: newOtpId(),
		workspaceId,
		channel,
		to,
		code: st.otp.nextCode ?? Array.from({ length }, () => String(randomInt(10))).join(''),
		codeLength: length,
		expiresAt: new Date(Date.now() + (expiresIn as number) * 1000).toISOString(),
		status: 'pending',
		attempts: 0,
	};
	st.otp.nextCode = undefined;
	st.otp.codes.push(otp);
	// The spec's Location example names the send-code address itself.
	return json(201, otpView(st, otp, true), { Location: `${st.url}/otp/send-code` });
}

function verifyCode(st: SandboxState, otpId: string, body: Record<string, unknown>): Wire {
	const { to, code } = body;
	if (typeof to !== 'string' || to === '') return badParameter('to', 'is required');
	if (typeof code !== 'string' || code === '') return badParameter('code', 'is required');
	const otp = st.otp.codes.find((candidate) => candidate.id === otpId && candidate.to === to);
	// A used-up code is gone, as an unknown one (the spec's 404 example).
	if (!otp || otp.status === 'verified')
		return nextGen(
			404,
			'A specified resource is not found',
			`OTP Record ${otpId} associated with ${to} does not exist`,
		);
	if (Date.parse(otp.expiresAt) <= Date.now()) return nextGen(400, INVALID, 'The code has expired');
	if (otp.attempts >= MAX_ATTEMPTS)
		return nextGen(400, INVALID, 'Maximum verification attempts reached for this code');
	otp.attempts++;
	if (code === otp.code) otp.status = 'verified';
	return json(200, otpView(st, otp, false));
}

/** Answers a request under /otp/: Verify's two operations, or a 404 in Verify's error shape. */
export function serveOtp(
	st: SandboxState,
	method: string,
	pathname: string,
	raw: string,
	contentType: string | undefined,
): Wire {
	const send = pathname === '/otp/send-code';
	const verify = /^\/otp\/([^/]+)\/verify-code$/.exec(pathname);
	if (!send && !verify)
		return nextGen(404, 'A specified resource is not found', `Not found: ${pathname}`);
	if (method !== 'POST') return nextGen(405, 'Method not allowed', `Use POST on ${pathname}`);
	if (!/^application\/json\s*(;|$)/i.test(contentType ?? ''))
		return nextGen(415, 'Unsupported media type', 'Send the body as application/json');
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch {
		return nextGen(400, INVALID, 'The request body is not JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return nextGen(400, INVALID, 'The request body must be a JSON object');
	const fields = body as Record<string, unknown>;
	return send ? sendCode(st, fields) : verifyCode(st, verify![1], fields);
}
