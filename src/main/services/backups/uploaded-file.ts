import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A file the browser host uploaded (a backup to restore, a handover to import): written to a private
 * temporary file in `dataDir` for as long as `use` runs on it, and always removed afterwards.
 */
export async function withUploadedFile<T>(
  dataDir: string,
  contentBase64: string,
  use: (file: string) => Promise<T>,
): Promise<T> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, `.tpd-companion-upload.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(file, Buffer.from(contentBase64, 'base64'), { mode: 0o600, flag: 'wx' });
    return await use(file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}
