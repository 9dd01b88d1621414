import { useEffect } from 'react';
import type { MenuCommand } from '../../../shared/contract';

const COMMAND_EVENT = 'tpd:command';

/** Pages that own a command (export the current view, focus the search box) listen for it here. */
export function useCommandListener(command: MenuCommand, handler: () => void): void {
  useEffect(() => {
    const listener = (e: Event) => {
      if ((e as CustomEvent<MenuCommand>).detail === command) handler();
    };
    window.addEventListener(COMMAND_EVENT, listener);
    return () => window.removeEventListener(COMMAND_EVENT, listener);
  }, [command, handler]);
}

/** Hands a command to whichever page listens for it. */
export function broadcastCommand(command: MenuCommand): void {
  window.dispatchEvent(new CustomEvent(COMMAND_EVENT, { detail: command }));
}
