// `node scripts/build-electron-native.mjs [--force] [--print-plan]`
// Builds better_sqlite3.node for Electron's ABI into build/native-electron/, which the app loads
// through better-sqlite3's `nativeBinding` option when run from source (`npm start`). The Node
// build in node_modules stays as it is: the tests and the browser host use it.
// Needs a C++ toolchain and, the first time, network access to download Electron's headers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isNativeBuildCurrent,
  nodeGypCandidates,
  planElectronNativeBuild,
  shouldCopy,
  SQLITE_PACKAGE,
} from './lib/electron-native.mjs';
import { packageVersion, PROJECT_ROOT, run } from './lib/project.mjs';

function readOrNull(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function electronNativePlan(workDir = path.join(os.tmpdir(), 'tpd-native-electron-XXXXXX')) {
  const env = process.env;
  const nodeGyp = nodeGypCandidates({
    env,
    projectRoot: PROJECT_ROOT,
    execPath: process.execPath,
    platform: process.platform,
  }).find((f) => fs.existsSync(f));
  return planElectronNativeBuild({
    projectRoot: PROJECT_ROOT,
    workDir,
    electronVersion: packageVersion('electron'),
    packageVersion: packageVersion(SQLITE_PACKAGE),
    env,
    platform: process.platform,
    arch: process.arch,
    execPath: process.execPath,
    nodeGyp: nodeGyp ?? 'node-gyp',
    homeDir: os.homedir(),
  });
}

/** True when build/native-electron holds a build for the installed Electron and addon versions. */
export function electronNativeIsCurrent(plan = electronNativePlan()) {
  return isNativeBuildCurrent({
    stampOnDisk: readOrNull(plan.versionFile),
    expectedStamp: plan.stamp,
    outputExists: fs.existsSync(plan.outputFile),
  });
}

/** Builds the Electron copy of the addon unless an up-to-date one is already there. */
export async function ensureElectronNative({ force = false } = {}) {
  if (!force && electronNativeIsCurrent()) return { built: false };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-native-electron-'));
  try {
    const plan = electronNativePlan(workDir);
    if (!fs.existsSync(plan.args[0]))
      throw new Error('node-gyp was not found (it comes with npm); reinstall npm or run `npm install`.');
    const electronVersion = plan.stamp.split('\n')[0];
    console.log(
      `Building the SQLite addon for Electron ${electronVersion} (once per Electron version; takes a minute or two)…`,
    );
    fs.cpSync(plan.sourceDir, plan.workPackageDir, {
      recursive: true,
      filter: (source) => shouldCopy(path.relative(plan.sourceDir, source)),
    });
    const code = await run(plan.command, plan.args, { cwd: plan.workPackageDir, env: plan.env });
    if (code !== 0 || !fs.existsSync(plan.builtFile)) {
      throw new Error(
        `node-gyp could not build the SQLite addon for Electron ${electronVersion} (exit code ${code}); see its output above.`,
      );
    }
    fs.mkdirSync(plan.outputDir, { recursive: true });
    // Replace the file in one step, and write VERSION last: an interrupted build never looks current.
    fs.rmSync(plan.versionFile, { force: true });
    const partial = `${plan.outputFile}.partial`;
    fs.copyFileSync(plan.builtFile, partial);
    fs.renameSync(partial, plan.outputFile);
    fs.writeFileSync(plan.versionFile, plan.stamp);
    console.log(`Built ${path.relative(PROJECT_ROOT, plan.outputFile)} for Electron ${electronVersion}.`);
    return { built: true };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href &&
  process.argv.includes('--print-plan')
) {
  // What would run, without running it.
  const plan = electronNativePlan();
  console.log(JSON.stringify({ ...plan, env: undefined, current: electronNativeIsCurrent(plan) }, null, 2));
} else if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureElectronNative({ force: process.argv.includes('--force') }).then(
    ({ built }) => {
      if (!built) console.log('The Electron build of the SQLite addon is up to date.');
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
