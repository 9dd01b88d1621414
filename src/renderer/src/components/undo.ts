import { ApiError } from '../api';
import { useToast } from './Toasts';

const DID_NOT_WORK = 'That did not work; nothing changed.';

/**
 * Runs a change that can be taken back (delete, archive, mark done), then offers Undo in a
 * toast. A failure in either direction is said in a toast and changes nothing.
 */
export function useUndoable() {
  const { notify } = useToast();
  const say = (e: unknown) => notify(e instanceof ApiError ? e.message : DID_NOT_WORK);
  return async ({ run, done, undo }: { run(): Promise<unknown>; done: string; undo(): Promise<unknown> }) => {
    try {
      await run();
      notify(done, { label: 'Undo', run: () => void undo().catch(say) });
    } catch (e) {
      say(e);
    }
  };
}
