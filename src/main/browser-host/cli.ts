/**
 * `npm run host -- [--data DIR] [--demo | --demo=large] [--port N] [--exports DIR]`
 * Runs the whole app in a browser, against a real encrypted database, without Electron.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend } from '../backend';
import { DataFolderInUseError } from '../data-folder-lock';
import { describeErrorForLog } from '../log-safe';
import { StoreOpenError } from '../store/open-store';
import { loadOrCreateKey } from './host-key';
import { DEMO_SIZES } from '../services/demo/demo-service';
import { defaultRendererDir, startBrowserHost } from './browser-host';

/** A reason the host will not start that this file words itself: printed as it is. */
class HostStartError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    // `--demo` alone means the standard set.
    args: process.argv.slice(2).map((a) => (a === '--demo' ? '--demo=standard' : a)),
    options: {
      data: { type: 'string', default: path.join(os.homedir(), '.tpd-companion', 'browser-host') },
      demo: { type: 'string' },
      port: { type: 'string', default: '0' },
      renderer: { type: 'string', default: defaultRendererDir(process.cwd()) },
      /** Offered as the folder for ARCP batches (the browser has no folder dialog). */
      exports: { type: 'string' },
    },
    allowPositionals: false,
  });
  const demo = values.demo === '' ? 'standard' : values.demo;
  if (demo !== undefined && !(demo in DEMO_SIZES))
    throw new HostStartError(`--demo takes "standard" or "large", not "${demo}".`);

  const dataDir = path.resolve(values.data);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(path.join(values.renderer, 'index.html'))) {
    throw new HostStartError(
      `No built renderer in ${values.renderer}; run "npm run build" first (npm run host does this for you).`,
    );
  }
  const exportsDir = values.exports ? path.resolve(values.exports) : null;
  if (exportsDir && !(fs.existsSync(exportsDir) && fs.statSync(exportsDir).isDirectory()))
    throw new HostStartError(`--exports ${exportsDir} is not a folder.`);
  const backend = await createBackend({
    dataDir,
    holder: 'browser host',
    key: loadOrCreateKey(dataDir),
    version: process.env.npm_package_version ?? 'dev',
    // Development data backs up inside its own folder, never into the user's Documents.
    backupFolder: path.join(dataDir, 'backups'),
    ...(exportsDir ? { exportFolders: { defaultFolder: exportsDir } } : {}),
  });

  if (demo) {
    // Straight to the handler: a data folder left locked still tells the host how many trainees it has.
    const count = (await backend.handlers['app:info']({})).traineeCount;
    if (count === 0) {
      const started = Date.now();
      const loaded = await backend.dispatch('demo:load', { size: demo });
      if (!loaded.ok) throw new HostStartError(loaded.error.message);
      console.log(`Loaded ${demo} demo data (synthetic) in ${Date.now() - started} ms.`);
    } else {
      console.log(`The register already has ${count} trainees, so no demo data was added.`);
    }
  }

  const host = await startBrowserHost({ backend, rendererDir: values.renderer, port: Number(values.port) });
  console.log('TPD Companion browser host — for development and testing only.');
  console.log(`Data folder: ${dataDir}`);
  console.log(`Open: ${host.url}`);
  console.log('Press Ctrl+C to stop.');

  const stop = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The app's own reasons are printed as they are; anything else without what it quotes (see log-safe).
  const known =
    error instanceof HostStartError || error instanceof StoreOpenError || error instanceof DataFolderInUseError;
  console.error(`Browser host could not start: ${known ? error.message : describeErrorForLog(error)}`);
  process.exit(1);
});
