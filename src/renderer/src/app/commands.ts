import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/contract';
import { useClient } from '../api';
import { newMeetingPath } from '../features/meetings';
import { broadcastCommand } from '../lib/command-events';

/** Shortcuts mirror the Electron menu; under Electron the menu takes the keys first, in a browser these do. */
export const SHORTCUTS: Array<{ command: MenuCommand; key: string; shift?: boolean; label: string }> = [
  { command: 'new-trainee', key: 'N', shift: true, label: 'Ctrl+Shift+N' },
  { command: 'new-meeting', key: 'N', label: 'Ctrl+N' },
  { command: 'import-trainees', key: 'I', label: 'Ctrl+I' },
  { command: 'export-view', key: 'E', label: 'Ctrl+E' },
  { command: 'find', key: 'K', label: 'Ctrl+K' },
  { command: 'go-today', key: '1', label: 'Ctrl+1' },
  { command: 'go-trainees', key: '2', label: 'Ctrl+2' },
  { command: 'go-resits', key: '3', label: 'Ctrl+3' },
  { command: 'go-arcp', key: '4', label: 'Ctrl+4' },
  { command: 'go-insights', key: '5', label: 'Ctrl+5' },
  { command: 'go-settings', key: ',', label: 'Ctrl+,' },
  { command: 'lock-now', key: 'L', label: 'Ctrl+L' },
  { command: 'toggle-presenting', key: 'P', shift: true, label: 'Ctrl+Shift+P' },
];

export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const match = SHORTCUTS.find(
    (s) => s.key.toLowerCase() === event.key.toLowerCase() && Boolean(s.shift) === event.shiftKey,
  );
  return match?.command ?? null;
}

/**
 * Routes menu commands and shortcuts: navigation and the app-wide ones (lock, presenting) here,
 * everything else to the page that owns it.
 */
export function useAppCommands(
  navigate: (to: string) => void,
  { togglePresenting }: { togglePresenting(): void },
): void {
  const client = useClient();
  useEffect(() => {
    const run = (command: MenuCommand) => {
      switch (command) {
        case 'lock-now':
          // Main locks and says so; the lock screen follows the event. Nothing to add if it cannot lock yet.
          return void client.api.lock.now().catch(() => undefined);
        case 'toggle-presenting':
          return togglePresenting();
        case 'go-today':
          return navigate('/');
        case 'go-trainees':
          return navigate('/trainees');
        case 'go-settings':
          return navigate('/settings');
        case 'go-arcp':
          return navigate('/arcp');
        case 'go-resits':
          return navigate('/resits');
        case 'go-insights':
          return navigate('/what-works');
        case 'new-meeting':
          return navigate(newMeetingPath(window.location.hash));
        case 'new-trainee':
          return navigate('/trainees/new');
        case 'import-trainees':
          return navigate('/trainees/import');
        default:
          return broadcastCommand(command);
      }
    };
    const onKey = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = client.on('menu-command', run);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [client, navigate, togglePresenting]);
}
