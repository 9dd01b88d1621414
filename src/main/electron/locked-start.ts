import { contract } from '../../shared/contract';
import { AppError, type Result } from '../../shared/result';
import type { Backend } from '../backend';
import { EventBus } from '../event-bus';
import { invalidInput } from '../handler-registry';
import { logError } from '../log-safe';

export const LOCKED_MESSAGE =
  'TPD Companion is locked: this computer’s secure storage no longer has the database key. Unlock it with your recovery key.';

/**
 * What the window talks to while the keychain copy of the database key is missing or unreadable:
 * only `recovery:unlock` answers; every other channel says the app is locked. `unlock` opens the
 * database with the recovery key (and puts the key back in the keychain); its AppErrors (a mistyped
 * word, a wrong key) reach the window as they are, and nothing is changed by them.
 */
export function lockedBackend(unlock: (words: string) => Promise<void>): Pick<Backend, 'dispatch' | 'events'> {
  return {
    events: new EventBus(),
    async dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
      if (channel !== 'recovery:unlock') return { ok: false, error: { code: 'locked', message: LOCKED_MESSAGE } };
      const parsed = contract['recovery:unlock'].input.safeParse(input);
      if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
      try {
        await unlock(parsed.data.words);
        return { ok: true, data: { unlocked: true } };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toPayload() };
        logError('[recovery:unlock] failed:', error);
        return {
          ok: false,
          error: { code: 'internal', message: 'The recovery key could not be checked. Nothing was changed.' },
        };
      }
    },
  };
}
