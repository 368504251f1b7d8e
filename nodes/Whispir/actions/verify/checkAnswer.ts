import type { IDataObject } from 'n8n-workflow';

/** Why a code was not verified: what a workflow branches on. */
export type NotVerifiedReason =
	| 'wrongCode'
	| 'expired'
	| 'tooManyAttempts'
	| 'notFound'
	| 'unrecognisedStatus';

export type CheckResult = { verified: true } | { verified: false; reason: NotVerifiedReason };

/**
 * What Whispir's answer to verifyCodeCreate says about the code. Its OpenAPI documents a 200 with
 * the Otp (whose `status` example stays "pending"), a 400 ApiErrorNextGen and a 404 "OTP Record …
 * associated with … does not exist"; it lists no `status` values and no wording for wrong, expired
 * or used-up codes. So only an explicit "verified" (or "approved") counts as verified, never a
 * guess; "pending" (the transaction still waits for the right code) is a wrong code; a status we
 * cannot read is `unrecognisedStatus`, so that a workflow can tell it from a wrong code and the user
 * can report it. A 400 counts as an answer only when its detail is about the code, otherwise (a
 * missing field, a bad argument, an expired token) it stays a failure with Whispir's words.
 */
export function readCheckAnswer(statusCode: number, body: IDataObject): CheckResult | undefined {
	if (statusCode >= 200 && statusCode < 300) {
		const status = typeof body.status === 'string' ? body.status : '';
		if (/^(verified|approved)$/i.test(status)) return { verified: true };
		if (status === '' || /^pending$/i.test(status)) return { verified: false, reason: 'wrongCode' };
		return { verified: false, reason: reasonIn(status) ?? 'unrecognisedStatus' };
	}
	const detail = typeof body.detail === 'string' ? body.detail : '';
	if (statusCode === 404 && /\bOTP Record\b/i.test(detail))
		return { verified: false, reason: 'notFound' };
	// "The access token has expired" is not about the code: only a detail naming it is an answer.
	if (
		statusCode === 400 &&
		!/^Error in parameter/i.test(detail) &&
		/\b(code|otp|verification|attempt)s?\b/i.test(detail)
	) {
		const reason = reasonIn(detail);
		if (reason) return { verified: false, reason };
	}
	return undefined;
}

function reasonIn(text: string): NotVerifiedReason | undefined {
	if (/expired/i.test(text)) return 'expired';
	if (/attempt/i.test(text)) return 'tooManyAttempts';
	if (/\b(code|otp)\b/i.test(text) && /\b(invalid|incorrect|wrong|mismatch|not match)/i.test(text))
		return 'wrongCode';
	return undefined;
}
