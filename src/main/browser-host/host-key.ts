import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from '../store/open-store';

const HOST_KEY_FILE = 'browser-host.key';

/**
 * The database key in a file beside the database: fine for development data (the browser host, the
 * team server's interim records in --dev), never for real data.
 */
export function loadOrCreateKey(dataDir: string): Buffer {
  const file = path.join(dataDir, HOST_KEY_FILE);
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key.`);
    return key;
  }
  const key = randomBytes(KEY_BYTES);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
