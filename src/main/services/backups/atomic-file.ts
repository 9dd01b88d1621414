import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Marks our own temporary files, so a later run can recognise (and only then remove) leftovers of a crash. */
export const TEMP_SUFFIX = '.tpd-partial';

export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** fsync a folder so a rename into it survives power loss; Windows cannot open folders, and NTFS journals renames. */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Renames a finished, fsynced temporary file into place and makes the rename durable. */
export function commitTempFile(temp: string, target: string): void {
  fs.renameSync(temp, target);
  fsyncFolder(path.dirname(target));
}

/** Safe save: the old file stays whole until the new one is complete on disk. */
export function writeFileAtomic(target: string, data: Buffer | string, mode = 0o600): void {
  const temp = tempNameFor(target);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    commitTempFile(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
