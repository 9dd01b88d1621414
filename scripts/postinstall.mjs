// npm's postinstall. Electron 45 downloads its binary on first start, not at install, so usually
// there is nothing to do here and this prints nothing. When the binary is already present (a
// reinstall), the Electron build of the SQLite addon is brought up to date now rather than at `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { installedElectronBinary } from './lib/electron-binary.mjs';
import { projectRequire } from './lib/project.mjs';

let electronDir;
try {
  electronDir = path.dirname(projectRequire.resolve('electron/package.json'));
} catch {
  process.exit(0); // installed without dev dependencies
}
const binary = installedElectronBinary({
  electronDir,
  env: process.env,
  exists: fs.existsSync,
  readFile: (f) => fs.readFileSync(f, 'utf8'),
});
if (!binary) process.exit(0);

try {
  const { ensureElectronNative } = await import('./build-electron-native.mjs');
  await ensureElectronNative();
} catch (error) {
  // Never fail the install over this: `npm start` tries again.
  console.warn(
    `Skipped the Electron build of the SQLite addon (npm start will retry): ${error instanceof Error ? error.message : String(error)}`,
  );
}
