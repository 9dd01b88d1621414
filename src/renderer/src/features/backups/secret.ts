import { wordlist } from '@scure/bip39/wordlists/english.js';
import { RECOVERY_KEY_WORD_COUNT, type BackupSecret } from '../../../../shared/backups/backup-contract';

const RECOVERY_WORDS = new Set(wordlist);
/**
 * Twelve words mostly from the list are a recovery key even with a typo or two, so that main can say
 * which word is wrong instead of "this passphrase does not open the backup".
 */
const MIN_LISTED_WORDS = RECOVERY_KEY_WORD_COUNT - 3;

/** What the one "Recovery key or backup passphrase" field holds, decided by its content. */
export function secretFromField(text: string): BackupSecret {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/\b\d+[.)]?\s*/g, ' ') // "1. apple 2. brick", as copied from the numbered list
    .split(/[\s,]+/)
    .filter(Boolean);
  const listed = words.filter((word) => RECOVERY_WORDS.has(word)).length;
  if (words.length === RECOVERY_KEY_WORD_COUNT && words.every((w) => /^[a-z]+$/.test(w)) && listed >= MIN_LISTED_WORDS)
    return { kind: 'recovery-key', words: words.join(' ') };
  return { kind: 'passphrase', passphrase: text };
}

/** Whether this host has native dialogs (Electron's preload bridge) or is the browser host. */
export function hasNativeDialogs(): boolean {
  return typeof window !== 'undefined' && window.tpd !== undefined;
}
