import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';

/**
 * How the user picks a folder the app writes to (ARCP packs, backups). Under Electron `choose` opens a
 * native folder dialog and only folders chosen there (or the default) are accepted, so a renderer that
 * was taken over cannot send the app's files anywhere it likes; without it (the browser host, tests) a
 * typed folder is accepted once it is a full path to a folder that exists.
 */
export interface FolderAccess {
  choose?: () => Promise<string | null>;
  defaultFolder?: string | null;
}

/** The one check for a folder from the renderer, shared by every feature that writes to one. */
export function createFolderGate(access: FolderAccess, chooseButton: string) {
  const chosen = new Set<string>(access.defaultFolder ? [path.resolve(access.defaultFolder)] : []);
  return {
    canBrowse: Boolean(access.choose),

    /** The native dialog; the folder picked there is accepted from then on. `null` when cancelled or there is none. */
    async choose(): Promise<string | null> {
      if (!access.choose) return null;
      const folder = await access.choose();
      if (folder) chosen.add(path.resolve(folder));
      return folder;
    },

    /** The folder, resolved, or an AppError on `folder` saying what to do instead. */
    check(folder: string): string {
      const resolved = path.resolve(folder);
      if (access.choose && !chosen.has(resolved)) {
        throw new AppError('forbidden', `Choose the folder with “${chooseButton}” first.`, {
          folder: `Choose the folder with “${chooseButton}”`,
        });
      }
      if (!path.isAbsolute(folder))
        throw new AppError('invalid_input', 'Give the full path of the folder, e.g. /home/you/ARCP.', {
          folder: 'Give the full path of the folder',
        });
      if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) {
        throw new AppError('invalid_input', 'That folder does not exist.', { folder: 'That folder does not exist' });
      }
      return resolved;
    },
  };
}
