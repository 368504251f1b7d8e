/**
 * How Send and Wait for Reply reads an answer in Approval mode. A reply is split into words at
 * every character that is neither a letter nor a digit (any alphabet), and compared without case.
 * It approves when the approve word (or phrase) appears as whole words and the decline word does
 * not, and declines the other way round. A reply with both, or neither, is no answer.
 * "Yes!", "yes please", "OK, YES." approve; "Yesterday" and "yes and no" do not.
 */

const words = (text: string): string[] =>
	text
		.toLocaleLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);

function containsPhrase(replyWords: string[], phrase: string[]): boolean {
	if (phrase.length === 0) return false;
	for (let start = 0; start + phrase.length <= replyWords.length; start++) {
		if (phrase.every((word, offset) => replyWords[start + offset] === word)) return true;
	}
	return false;
}

/** true (approved), false (declined) or undefined (no answer: keep waiting). */
export function approvalOf(
	reply: string,
	approveWord: string,
	declineWord: string,
): boolean | undefined {
	const replyWords = words(reply);
	const approves = containsPhrase(replyWords, words(approveWord));
	const declines = containsPhrase(replyWords, words(declineWord));
	if (approves === declines) return undefined;
	return approves;
}

/** A word the matcher can find: at least one letter or digit. */
export const isMatchableWord = (word: string) => words(word).length > 0;
