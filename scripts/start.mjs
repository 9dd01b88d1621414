// `npm start [-- <electron args>]`: runs the desktop app from source.
//  1. finds the Electron binary (Electron 45 downloads it on first use; offline that fails, and we
//     say so in one sentence rather than a stack trace — set TPD_DEBUG=1 to see the details);
//  2. makes sure build/native-electron holds the SQLite addon built for Electron's ABI;
//  3. builds main, preload and renderer with electron-vite and starts the app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureElectronNative } from './build-electron-native.mjs';
import { installedElectronBinary, NO_ELECTRON_MESSAGE } from './lib/electron-binary.mjs';
import { localBin, PROJECT_ROOT, projectRequire, run } from './lib/project.mjs';

/** Long enough for a slow download of the ~100 MB binary; a hung network gives up eventually. */
const PROBE_TIMEOUT_MS = Number(process.env.TPD_ELECTRON_PROBE_TIMEOUT_MS) || 15 * 60_000;
const SLOW_NOTICE_MS = 3000;

/**
 * `require('electron')` in a child process: that is where Electron 45 downloads its binary, and
 * a child lets us keep the download's own messages and stack traces off the terminal and stop it
 * if the network hangs.
 */
function probeInChild() {
  const libUrl = pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'lib', 'electron-binary.mjs')).href;
  const code = [
    "import fs from 'node:fs';",
    "import { createRequire } from 'node:module';",
    `import { probeElectronBinary } from ${JSON.stringify(libUrl)};`,
    `const result = probeElectronBinary({ require: createRequire(${JSON.stringify(path.join(PROJECT_ROOT, 'package.json'))}), exists: fs.existsSync });`,
    'process.send(result, () => process.disconnect());',
  ].join('\n');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Its own process group, so a timeout also stops the downloader it starts.
      detached: process.platform !== 'win32',
    });
    let output = '';
    let result = { ok: false, reason: 'not-installed' };
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('message', (message) => (result = message));
    const notice = setTimeout(() => console.log('Downloading the Electron binary (first start only)…'), SLOW_NOTICE_MS);
    const timeout = setTimeout(() => {
      result = { ok: false, reason: 'timeout' };
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, PROBE_TIMEOUT_MS);
    child.on('close', () => {
      clearTimeout(notice);
      clearTimeout(timeout);
      if (process.env.TPD_DEBUG && output) process.stderr.write(output);
      resolve(result);
    });
    child.on('error', () => {
      clearTimeout(notice);
      clearTimeout(timeout);
      resolve({ ok: false, reason: 'not-installed' });
    });
  });
}

async function locateElectron() {
  const electronDir = path.dirname(projectRequire.resolve('electron/package.json'));
  const present = installedElectronBinary({
    electronDir,
    env: process.env,
    exists: fs.existsSync,
    readFile: (f) => fs.readFileSync(f, 'utf8'),
  });
  return present ? { ok: true, path: present } : probeInChild();
}

async function main() {
  const electron = await locateElectron();
  if (!electron.ok) {
    console.error(NO_ELECTRON_MESSAGE);
    return 1;
  }
  try {
    await ensureElectronNative();
  } catch (error) {
    console.error(
      `The SQLite addon could not be built for Electron, so the app cannot open its database: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const electronVite = localBin('electron-vite');
  const built = await run(process.execPath, [electronVite, 'build']);
  if (built !== 0) return built;
  const env = { ...process.env, ELECTRON_EXEC_PATH: electron.path };
  delete env.ELECTRON_RUN_AS_NODE;
  const extra = process.argv.slice(2);
  return run(
    process.execPath,
    [electronVite, 'preview', '--skipBuild', ...(extra.length > 0 ? ['--', ...extra] : [])],
    { env },
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
