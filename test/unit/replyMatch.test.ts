import { describe, expect, it } from 'vitest';

import { approvalOf, isMatchableWord } from '../../nodes/Whispir/actions/message/replyMatch';

describe('approvalOf (Send and Wait for Reply, Approval)', () => {
	it.each([
		['YES', true],
		['yes', true],
		['Yes!', true],
		['  yes please, go ahead.', true],
		['OK -- YES.', true],
		['"yes"', true],
		['NO', false],
		['no thanks.', false],
		['No!!!', false],
		['Sorry, no', false],
	])('%j → %s', (reply, expected) => {
		expect(approvalOf(reply, 'YES', 'NO')).toBe(expected);
	});

	it.each(['maybe', 'Yesterday', 'nobody', 'yes and no', 'YESNO', '', '!!!'])(
		'%j is no answer',
		(reply) => {
			expect(approvalOf(reply, 'YES', 'NO')).toBeUndefined();
		},
	);

	it('takes other words and phrases, in any alphabet, without case', () => {
		expect(approvalOf('Ja, bitte', 'ja', 'nein')).toBe(true);
		expect(approvalOf('Да', 'да', 'нет')).toBe(true);
		expect(approvalOf('I approve it', 'approve it', 'reject')).toBe(true);
		expect(approvalOf('approve', 'approve it', 'reject')).toBeUndefined();
		expect(approvalOf('Y', 'Y', 'N')).toBe(true);
	});

	it('a word needs a letter or digit', () => {
		expect(isMatchableWord(' YES ')).toBe(true);
		expect(isMatchableWord(' !? ')).toBe(false);
	});
});
