import { entropyToMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/result';
import { RECOVERY_KEY_WORD_COUNT } from '../../../shared/backups/backup-contract';

/**
 * The recovery key: 128 random bits written as 12 words of the BIP39 English list. The last word
 * carries a 4-bit checksum, so most mistyped words are caught before any decryption is tried.
 */
export interface RecoveryKey {
  words: string;
  entropy: Buffer;
}

const WORDS = new Set(wordlist);

export function generateRecoveryKey(): RecoveryKey {
  const entropy = randomBytes(16);
  return { words: entropyToMnemonic(entropy, wordlist), entropy };
}

/** Spaces, commas, hyphens, line breaks and case do not matter; a 4-letter prefix names its word (BIP39 guarantees it is unique). */
function normaliseWords(typed: string): string[] {
  return typed
    .toLowerCase()
    .split(/[\s,.;:\-–]+/u)
    .filter(Boolean)
    .map((word) => {
      if (WORDS.has(word) || word.length !== 4) return word;
      return wordlist.find((candidate) => candidate.startsWith(word)) ?? word;
    });
}

/**
 * The typed words as entropy, or an AppError naming what is wrong with them (field `secret`).
 * A valid key that does not fit this data is a different error, reported by whoever tries it.
 */
export function parseRecoveryKey(typed: string): RecoveryKey {
  const words = normaliseWords(typed);
  if (words.length !== RECOVERY_KEY_WORD_COUNT) {
    const message = `A recovery key has ${RECOVERY_KEY_WORD_COUNT} words; you typed ${words.length}.`;
    throw new AppError('invalid_input', message, { secret: message });
  }
  const unknown = words.findIndex((word) => !WORDS.has(word));
  if (unknown >= 0) {
    const message = `Word ${unknown + 1} (“${words[unknown]}”) is not one of the recovery key words. Check its spelling on your printed recovery key.`;
    throw new AppError('invalid_input', message, { secret: message });
  }
  const phrase = words.join(' ');
  if (!validateMnemonic(phrase, wordlist)) {
    throw new AppError('invalid_input', MISTYPED_RECOVERY_KEY, { secret: MISTYPED_RECOVERY_KEY });
  }
  return { words: phrase, entropy: Buffer.from(mnemonicToEntropy(phrase, wordlist)) };
}

export const MISTYPED_RECOVERY_KEY =
  'These words do not make a valid recovery key: one of them is probably mistyped or in the wrong place. Check each word against your printed recovery key. Nothing was changed.';
