import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../services/backups/atomic-file';

/** The subset of Electron's safeStorage used here (tests pass a fake). */
export interface SessionKeychain {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const TEAM_CONNECTION_FILE = 'team-connection.json';

export interface TeamConnection {
  server: string;
  /** Null once signed out: the server is remembered so "Sign in again" knows where. */
  session: string | null;
}

const fileSchema = z.strictObject({
  server: z.string(),
  /** The session id encrypted by the OS keychain (safeStorage), base64; never in plain text. */
  sealedSession: z.string().nullable(),
});

/**
 * Where the desktop app keeps its team connection: the server's address, and the session id only
 * as a safeStorage blob, in userData (mode 600, written atomically). No file: personal mode.
 */
export function teamConnectionStore(userDataDir: string, keychain: SessionKeychain) {
  const file = path.join(userDataDir, TEAM_CONNECTION_FILE);
  return {
    file,
    read(): TeamConnection | null {
      if (!fs.existsSync(file)) return null;
      try {
        const saved = fileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
        let session: string | null = null;
        if (saved.sealedSession) {
          try {
            session = keychain.decryptString(Buffer.from(saved.sealedSession, 'base64'));
          } catch {
            // A new keyring or a copied profile: the server is still known, the person signs in again.
            session = null;
          }
        }
        return { server: saved.server, session };
      } catch {
        return null;
      }
    },
    write(connection: TeamConnection): void {
      if (connection.session && !keychain.isEncryptionAvailable())
        throw new Error('This computer offers no secure storage for the team server session.');
      const sealedSession = connection.session ? keychain.encryptString(connection.session).toString('base64') : null;
      writeFileAtomic(file, JSON.stringify({ server: connection.server, sealedSession }));
    },
    forget(): void {
      fs.rmSync(file, { force: true });
    },
  };
}
