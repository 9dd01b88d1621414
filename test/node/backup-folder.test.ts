/**
 * Where backups go is chosen by the user, not sent by the page. `backups:set-folder` once took any full
 * path from the renderer; now it passes the ARCP batch folder's check: under Electron only a folder picked
 * in the native dialog, in the browser host a typed full path to a folder that exists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
afterEach(() => backend.close());

const errorOf = async (input: unknown) => {
  const result = await backend.dispatch('backups:set-folder', input);
  return result.ok ? null : result.error;
};

describe('under Electron (a folder dialog)', () => {
  it('refuses a typed folder, takes the one picked in the dialog, and the default', async () => {
    const defaultFolder = tempDir('tpd-folder-default-');
    const picked = tempDir('tpd-folder-picked-');
    const elsewhere = tempDir('tpd-folder-elsewhere-');
    backend = await createTempBackend({
      backupFolder: defaultFolder,
      backupDialogs: { chooseFolder: async () => picked },
    });
    expect(await errorOf({ folder: elsewhere })).toEqual({
      code: 'forbidden',
      message: 'Choose the folder with “Change folder…” first.',
      fields: { folder: 'Choose the folder with “Change folder…”' },
    });
    expect((await call(backend, 'backups:status')).folder).toBe(defaultFolder);

    expect(await call(backend, 'backups:choose-folder')).toMatchObject({ folder: picked, folderIsDefault: false });
    // Once picked, the same folder may be set again; any other still may not.
    expect((await call(backend, 'backups:set-folder', { folder: picked })).folder).toBe(picked);
    expect((await errorOf({ folder: elsewhere }))?.code).toBe('forbidden');
    expect(await call(backend, 'backups:set-folder', { folder: null })).toMatchObject({
      folder: defaultFolder,
      folderIsDefault: true,
    });
  });
});

describe('in the browser host (no folder dialog)', () => {
  it('takes a typed full path to a folder that exists, as the ARCP batch does', async () => {
    backend = await createTempBackend({ backupFolder: tempDir('tpd-folder-default-') });
    const typed = tempDir('tpd-folder-typed-');
    const file = path.join(typed, 'not-a-folder.txt');
    fs.writeFileSync(file, 'x');
    expect(await errorOf({ folder: 'relative/backups' })).toMatchObject({
      code: 'invalid_input',
      fields: { folder: 'Give the full path of the folder' },
    });
    expect(await errorOf({ folder: path.join(typed, 'missing') })).toMatchObject({
      fields: { folder: 'That folder does not exist' },
    });
    expect(await errorOf({ folder: file })).toMatchObject({ fields: { folder: 'That folder does not exist' } });
    expect((await call(backend, 'backups:set-folder', { folder: typed })).folder).toBe(typed);
    expect((await call(backend, 'backups:run-now')).file.startsWith(typed)).toBe(true);
  });
});
