import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { keyIn, useApi } from '../../api';
import { FormError } from '../../components/FormError';
import { RecoveryKeySetup } from './RecoveryKeySetup';
import { RestoreDialog, restoredSummary } from './RestoreDialog';

/**
 * Shown before the app until this database has a recovery key whose words were typed back: makes one,
 * shows it once and has three words typed back. On an empty data folder it also offers to restore a
 * backup (the new-computer path). `resumed`: the app was reloaded or closed after a key was made but
 * before its words were checked; they are never kept, so a new key replaces it, and the page says so.
 */
export function FirstStartPage({
  onDone,
  alternative,
  resumed = false,
}: {
  onDone(): void;
  alternative?: ReactNode;
  resumed?: boolean;
}) {
  const api = useApi();
  const info = useQuery({ queryKey: keyIn('app', 'info'), queryFn: () => api.app.info() });
  const createKey = useMutation({ mutationFn: () => api.recovery['create-key']() });
  const started = useRef(false);
  const [restoring, setRestoring] = useState(false);
  const [restored, setRestored] = useState<string | null>(null);

  useEffect(() => {
    // Once per screen, even when React runs effects twice: a second key would replace the words shown.
    if (started.current) return;
    started.current = true;
    createKey.mutate();
  }, [createKey]);

  const emptyDataFolder = info.data?.traineeCount === 0;
  return (
    <main id="main" className="first-start">
      <div className="first-start-body stack">
        <h1>Welcome to TPD Companion</h1>
        {restored ? (
          <div className="alert alert-success" role="status">
            {restored}
          </div>
        ) : null}
        <section className="card" aria-labelledby="recovery-key-heading">
          <h2 id="recovery-key-heading">Your recovery key</h2>
          {resumed ? (
            <p className="alert" role="note">
              TPD Companion closed before the words of your recovery key were checked. They are shown only once, so this
              is a new recovery key: write these words down instead. The words shown before no longer open anything.
            </p>
          ) : null}
          {createKey.data ? (
            <RecoveryKeySetup words={createKey.data.words} onDone={onDone} />
          ) : createKey.isError ? (
            <FormError message={createKey.error.message} />
          ) : (
            <p role="status">Making your recovery key…</p>
          )}
        </section>
        {emptyDataFolder && !restored ? (
          <section className="card" aria-labelledby="restore-heading">
            <h2 id="restore-heading">New computer?</h2>
            <p>If you used TPD Companion before, bring your data back from a backup file.</p>
            <div className="button-row">
              <button type="button" className="button" onClick={() => setRestoring(true)}>
                Restore from a backup
              </button>
            </div>
          </section>
        ) : null}
        {emptyDataFolder ? alternative : null}
      </div>
      <RestoreDialog
        open={restoring}
        onOpenChange={setRestoring}
        onRestored={(outcome) => {
          setRestoring(false);
          setRestored(
            `${restoredSummary(outcome)} Note the recovery key above: it is the one for backups made on this computer.`,
          );
        }}
      />
    </main>
  );
}
