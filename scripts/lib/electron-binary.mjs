// Finding the Electron binary. From v45 the `electron` package downloads its binary on the first
// `require('electron')` (not at npm install) and throws when that fails, e.g. offline.
import path from 'node:path';

export const NO_ELECTRON_MESSAGE =
  'The Electron binary is not installed (it is downloaded from GitHub on first start and could not be fetched here); run `npm run host -- --demo` to use the app in your browser instead.';

/**
 * Asks the electron package for its binary, which may download it. Never throws: a failed
 * download or a path that does not exist both come back as `{ ok: false }`.
 * @param {{ require: (id: string) => unknown, exists: (file: string) => boolean }} deps
 */
export function probeElectronBinary({ require, exists }) {
  let binary;
  try {
    binary = require('electron');
  } catch {
    return { ok: false, reason: 'not-installed' };
  }
  if (typeof binary !== 'string' || binary === '') return { ok: false, reason: 'not-installed' };
  if (!exists(binary)) return { ok: false, reason: 'missing', path: binary };
  return { ok: true, path: binary };
}

/**
 * The binary the electron package has already unpacked, without downloading anything; null when
 * there is none. Mirrors `isInstalled()` in electron's install.js and `getElectronPath()` in its index.js.
 * @param {{ electronDir: string, env: Record<string, string | undefined>, exists: (file: string) => boolean, readFile: (file: string) => string }} deps
 */
export function installedElectronBinary({ electronDir, env, exists, readFile }) {
  let executable = '';
  try {
    executable = readFile(path.join(electronDir, 'path.txt')).trim();
  } catch {
    executable = '';
  }
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = path.join(override, executable || 'electron');
    return exists(binary) ? binary : null;
  }
  if (!executable) return null;
  const binary = path.join(electronDir, 'dist', executable);
  return exists(binary) ? binary : null;
}
