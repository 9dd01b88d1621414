import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BackupSettings } from '../../src/renderer/src/features/backups/BackupSettings';
import { RecoveryKeySetup } from '../../src/renderer/src/features/backups/RecoveryKeySetup';
import { RestoreDialog } from '../../src/renderer/src/features/backups/RestoreDialog';
import { BACKUP_MESSAGES, type BackupPreview } from '../../src/shared/backups/backup-contract';
import { AppError } from '../../src/shared/result';
import { renderWithApp } from './render-app';

const WORDS = [
  'abandon',
  'ability',
  'able',
  'about',
  'above',
  'absent',
  'absorb',
  'abstract',
  'absurd',
  'abuse',
  'access',
  'accident',
];

const preview: BackupPreview = {
  createdAt: '2026-11-30T09:15:00.000Z',
  appVersion: '0.1.0',
  formatVersion: '1.0',
  migrations: [],
  counts: { trainees: 60, meetings: 114, goals: 127, examAttempts: 58, arcpRecords: 42 },
  needsUpdate: false,
};

/** The positions the check asks for, read from the fields' labels ("Word 4" → 4). */
function askedFields() {
  return screen.getAllByLabelText(/^Word \d+$/).map((input) => ({
    input,
    position: Number(document.querySelector(`label[for="${input.id}"]`)!.textContent!.replace('Word ', '')),
  }));
}

describe('the recovery key check', () => {
  it('shows the 12 numbered words, then names a wrong word and does not go on', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithApp(<RecoveryKeySetup words={WORDS} onDone={onDone} />, {});
    const list = screen.getByRole('list', { name: 'Recovery key' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(WORDS);

    await user.click(screen.getByRole('button', { name: 'I have written it down' }));
    expect(screen.queryByRole('list', { name: 'Recovery key' })).toBeNull();
    const [first, second, third] = askedFields();
    expect(new Set([first!.position, second!.position, third!.position]).size).toBe(3);
    await user.type(first!.input, WORDS[first!.position - 1]!);
    await user.type(second!.input, 'zebra');
    await user.type(third!.input, WORDS[third!.position - 1]!.toUpperCase());
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(
      screen.getByText(`Word ${second!.position} does not match. Check your copy of the recovery key.`),
    ).toBeTruthy();
    expect(screen.getByText(`This is not word ${second!.position} of your recovery key.`)).toBeTruthy();
    expect(second!.input.getAttribute('aria-invalid')).toBe('true');
    expect(first!.input.getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(second!.input);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('goes on when all three words are right, once main has them all and keeps the key as confirmed', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const confirm = vi.fn(() => ({}) as never);
    renderWithApp(<RecoveryKeySetup words={WORDS} onDone={onDone} />, { 'recovery:confirm-key': confirm });
    await user.click(screen.getByRole('button', { name: 'I have written it down' }));
    for (const { input, position } of askedFields()) await user.type(input, ` ${WORDS[position - 1]} `);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(confirm).toHaveBeenCalledWith({ words: WORDS.join(' ') });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('stays, with main’s reason, when main does not take the words', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithApp(<RecoveryKeySetup words={WORDS} onDone={onDone} />, {
      'recovery:confirm-key': () => {
        throw new AppError('forbidden', BACKUP_MESSAGES.wrongRecoveryKey);
      },
    });
    await user.click(screen.getByRole('button', { name: 'I have written it down' }));
    for (const { input, position } of askedFields()) await user.type(input, WORDS[position - 1]!);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(BACKUP_MESSAGES.wrongRecoveryKey)).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });
});

function chooseBackup() {
  fireEvent.change(screen.getByLabelText('Backup file'), {
    target: { files: [new File([new Uint8Array([1, 2, 3])], 'tpd-companion-backup.tpdbackup')] },
  });
}

async function checkWith(secret: string) {
  const user = userEvent.setup();
  chooseBackup();
  const field = screen.getByLabelText('Recovery key or backup passphrase');
  await user.clear(field);
  await user.type(field, secret);
  await user.click(screen.getByRole('button', { name: 'Check backup' }));
}

describe('the restore dialog', () => {
  it.each([
    ['a wrong secret', new AppError('forbidden', BACKUP_MESSAGES.wrongSecret, { secret: BACKUP_MESSAGES.wrongSecret })],
    [
      'a mistyped recovery key',
      new AppError('invalid_input', 'Word 3 (“abble”) is not a recovery-key word.', {
        secret: 'Word 3 (“abble”) is not a recovery-key word.',
      }),
    ],
    ['a damaged file', new AppError('invalid_input', BACKUP_MESSAGES.damaged, { file: BACKUP_MESSAGES.damaged })],
    ['not a backup', new AppError('invalid_input', BACKUP_MESSAGES.notABackup, { file: BACKUP_MESSAGES.notABackup })],
    ['a newer version', new AppError('conflict', BACKUP_MESSAGES.newerVersion, { file: BACKUP_MESSAGES.newerVersion })],
  ])('shows its own message for %s and offers no Restore', async (_, error) => {
    const restore = vi.fn();
    renderWithApp(<RestoreDialog open onOpenChange={vi.fn()} onRestored={vi.fn()} />, {
      'backups:inspect-upload': () => {
        throw error;
      },
      'backups:restore-upload': restore,
    });
    await checkWith('correct horse battery staple');
    const shown = await screen.findByText(error.message);
    const field = error.fields!.secret
      ? screen.getByLabelText('Recovery key or backup passphrase')
      : screen.getByLabelText('Backup file');
    expect(field.getAttribute('aria-describedby')).toContain(shown.id);
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull();
    expect(restore).not.toHaveBeenCalled();
  });

  it('asks for a file and a secret before checking anything', async () => {
    const user = userEvent.setup();
    const inspect = vi.fn();
    renderWithApp(<RestoreDialog open onOpenChange={vi.fn()} onRestored={vi.fn()} />, {
      'backups:inspect-upload': inspect,
    });
    await user.click(screen.getByRole('button', { name: 'Check backup' }));
    expect(screen.getByText('Choose a backup file.')).toBeTruthy();
    expect(screen.getByText('Type your recovery key or backup passphrase.')).toBeTruthy();
    expect(inspect).not.toHaveBeenCalled();
  });

  it('sends 12 words as the recovery key, shows what the backup holds, then restores it', async () => {
    const user = userEvent.setup();
    const onRestored = vi.fn();
    const { calls } = renderWithApp(<RestoreDialog open onOpenChange={vi.fn()} onRestored={onRestored} />, {
      'backups:inspect-upload': () => preview,
      'backups:restore-upload': () => ({ ...preview, preRestoreCopy: '/data/pre-restore.db' }),
    });
    await checkWith(`  ${WORDS.join('  ').toUpperCase()} `);
    const checked = await screen.findByRole('region', { name: 'Backup checked' });
    for (const [label, value] of [
      ['Made', '30 Nov 2026, 09:15'],
      ['App version', '0.1.0'],
      ['Trainees', '60'],
      ['1:1s', '114'],
      ['Goals', '127'],
      ['Exam attempts', '58'],
      ['ARCP records', '42'],
    ])
      expect(within(checked).getByText(label!).nextElementSibling?.textContent).toBe(value);
    expect(calls.at(-1)).toMatchObject({
      channel: 'backups:inspect-upload',
      input: {
        fileName: 'tpd-companion-backup.tpdbackup',
        contentBase64: 'AQID',
        secret: { kind: 'recovery-key', words: WORDS.join(' ') },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
    expect(calls.at(-1)?.channel).toBe('backups:restore-upload');
  });

  it('sends anything else as the passphrase, and a changed field asks to check again', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<RestoreDialog open onOpenChange={vi.fn()} onRestored={vi.fn()} />, {
      'backups:inspect-upload': () => preview,
    });
    await checkWith('three unrelated words plus some more');
    await screen.findByRole('region', { name: 'Backup checked' });
    expect(calls.at(-1)?.input).toMatchObject({
      secret: { kind: 'passphrase', passphrase: 'three unrelated words plus some more' },
    });
    await user.type(screen.getByLabelText('Recovery key or backup passphrase'), '!');
    expect(screen.queryByRole('region', { name: 'Backup checked' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Check backup' })).toBeTruthy();
  });
});

describe('Settings → Backups', () => {
  const status = {
    folder: '/home/tpd/Documents/TPD Companion backups',
    folderIsDefault: true,
    lastSuccessAt: '2026-11-20T08:00:00.000Z',
    lastSuccessFile: '/home/tpd/Documents/TPD Companion backups/a.tpdbackup',
    lastFailure: null,
    overdue: true,
    passphraseSet: false,
    recoveryKeyCreatedAt: '2026-09-01T10:00:00.000Z',
    recoveryKeyConfirmed: true,
    backups: [],
  };

  it('warns when backups are overdue, and makes a new recovery key only after confirming', async () => {
    const user = userEvent.setup();
    const createKey = vi.fn(() => ({ words: WORDS, createdAt: '2026-12-01T10:00:00.000Z' }));
    renderWithApp(<BackupSettings />, { 'backups:status': () => status, 'recovery:create-key': createKey });
    await screen.findByText('No backup has succeeded for 7 days.');
    expect(screen.getByText('20 Nov 2026, 08:00')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Make a new recovery key…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Confirm new recovery key' });
    expect(confirm.textContent).toContain('The current recovery key will stop working');
    await user.click(within(confirm).getByRole('button', { name: 'Keep the current key' }));
    expect(createKey).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Make a new recovery key…' }));
    await user.click(screen.getByRole('button', { name: 'Make a new recovery key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your new recovery key' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(WORDS);
    expect(createKey).toHaveBeenCalledTimes(1);
  });

  it('in the browser host, takes a typed folder and shows main’s reason for refusing one', async () => {
    const user = userEvent.setup();
    const setFolder = vi.fn((input: { folder: string | null }) => {
      if (input.folder === 'backups')
        throw new AppError('invalid_input', 'Give the full path of the folder, e.g. /home/you/ARCP.', {
          folder: 'Give the full path of the folder',
        });
      return { ...status, folder: input.folder ?? status.folder, folderIsDefault: input.folder === null };
    });
    renderWithApp(<BackupSettings />, { 'backups:status': () => status, 'backups:set-folder': setFolder });
    const field = await screen.findByLabelText('Backup folder (full path)');
    expect(screen.queryByRole('button', { name: 'Change folder…' })).toBeNull();
    await user.type(field, 'backups');
    await user.click(screen.getByRole('button', { name: 'Save folder' }));
    expect(await screen.findByText('Give the full path of the folder')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await user.clear(field);
    await user.type(field, '/home/tpd/backups');
    await user.click(screen.getByRole('button', { name: 'Save folder' }));
    expect(await screen.findByText('Backups go to /home/tpd/backups')).toBeTruthy();
    expect(setFolder.mock.calls.map(([input]) => input)).toEqual([
      { folder: 'backups' },
      { folder: '/home/tpd/backups' },
    ]);
  });
});
