/**
 * Whispir accepted a send (2xx) but its answer named no message (no Location header). That is reported
 * in the output, never as a failure: a failed item invites a re-run, and n8n's Retry On Fail would send
 * the message again by itself.
 */
export const ACCEPTED_WITHOUT_ID =
	'Whispir accepted the send, but its answer named no message ID (no Location header). The message is being sent: do not run this again. Find it with Message → Get Many.';
