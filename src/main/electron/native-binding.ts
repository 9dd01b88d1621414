import path from 'node:path';

/**
 * The SQLite addon must match the runtime's ABI. `npm install` builds it for Node (tests, browser
 * host); `npm start` builds a second copy for Electron into build/native-electron and the app
 * loads that one. A packaged app needs neither: electron-builder rebuilds node_modules for Electron.
 */
export const ELECTRON_NATIVE_DIR = path.join('build', 'native-electron');
export const ELECTRON_NATIVE_FILE = 'better_sqlite3.node';

export function electronNativeBinding(appPath: string, isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : path.join(appPath, ELECTRON_NATIVE_DIR, ELECTRON_NATIVE_FILE);
}
