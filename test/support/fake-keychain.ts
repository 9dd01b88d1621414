import type { SafeStorageLike } from '../../src/main/electron/database-key';

/** A keychain that scrambles reversibly; `forget()` stands in for a new laptop or a reset keyring. */
export function fakeKeychain() {
  let machine = 'machine-1:';
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.from(machine + Buffer.from(plain).toString('base64')),
    decryptString: (blob: Buffer) => {
      const text = blob.toString('utf8');
      if (!text.startsWith(machine)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.');
      return Buffer.from(text.slice(machine.length), 'base64').toString('utf8');
    },
    forget() {
      machine = 'machine-2:';
    },
  } satisfies SafeStorageLike & { forget(): void };
}
