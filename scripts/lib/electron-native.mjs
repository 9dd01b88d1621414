// The plan for building the SQLite addon against Electron's ABI: pure functions, so that the
// arguments, environment and paths can be checked by unit tests without compiling anything.
import path from 'node:path';

/** Must match src/main/electron/native-binding.ts (checked by test/node/scripts.test.ts). */
export const ELECTRON_NATIVE_DIR = path.join('build', 'native-electron');
export const ELECTRON_NATIVE_FILE = 'better_sqlite3.node';
export const VERSION_FILE = 'VERSION';
export const SQLITE_PACKAGE = 'better-sqlite3-multiple-ciphers';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * npm settings that would make node-gyp build against something other than Electron's headers.
 * ~/.npmrc here sets nodedir=/usr, which npm passes on as npm_config_nodedir.
 */
const FOREIGN_SETTINGS = ['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'arch', 'devdir'];

/** A copy of `env` without the npm settings above, whatever their case or `-`/`_` spelling. */
export function electronBuildEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^npm_config_(.+)$/i.exec(key);
    if (match && FOREIGN_SETTINGS.includes(match[1].toLowerCase().replace(/-/g, '_'))) continue;
    if (value !== undefined) clean[key] = value;
  }
  return clean;
}

/**
 * What the VERSION file records. Electron's version comes first (it is what decides the ABI);
 * the addon's version and the platform follow, so an upgrade of either also forces a rebuild.
 */
export function nativeStamp({ electronVersion, packageVersion, platform, arch }) {
  return `${electronVersion}\n${SQLITE_PACKAGE}@${packageVersion} ${platform}-${arch}\n`;
}

/** True when the Electron build on disk was made for exactly this stamp. */
export function isNativeBuildCurrent({ stampOnDisk, expectedStamp, outputExists }) {
  return outputExists && typeof stampOnDisk === 'string' && stampOnDisk === expectedStamp;
}

/** Files copied to the scratch folder: everything but the Node build (and any nested node_modules). */
export function shouldCopy(relativePath) {
  const first = relativePath.split(/[\\/]/)[0];
  return first !== 'build' && first !== 'node_modules';
}

/**
 * Where node-gyp may be found, best first: the one npm tells scripts about, the project's own
 * copy, then the one bundled with npm beside this Node.
 */
export function nodeGypCandidates({ env, projectRoot, execPath, platform }) {
  const candidates = [];
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  candidates.push(path.join(projectRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  if (env.npm_execpath) {
    // npm_execpath is …/npm/bin/npm-cli.js
    candidates.push(
      path.join(path.dirname(path.dirname(env.npm_execpath)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    );
  }
  const prefix = path.dirname(execPath);
  candidates.push(
    platform === 'win32'
      ? path.join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
      : path.join(path.dirname(prefix), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return [...new Set(candidates)];
}

/**
 * Everything needed to build the addon for Electron, computed from the inputs alone.
 * The package is copied to `workDir` and built there, so node_modules keeps its Node build.
 */
export function planElectronNativeBuild({
  projectRoot,
  workDir,
  electronVersion,
  packageVersion,
  env,
  platform,
  arch,
  execPath,
  nodeGyp,
  homeDir,
}) {
  const sourceDir = path.join(projectRoot, 'node_modules', SQLITE_PACKAGE);
  const workPackageDir = path.join(workDir, SQLITE_PACKAGE);
  const outputDir = path.join(projectRoot, ELECTRON_NATIVE_DIR);
  return {
    sourceDir,
    workPackageDir,
    command: execPath,
    args: [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
      `--arch=${arch}`,
      // Electron's headers apart from Node's, as Electron's own docs suggest.
      `--devdir=${path.join(homeDir, '.electron-gyp')}`,
      '--jobs=max',
    ],
    env: electronBuildEnv(env),
    builtFile: path.join(workPackageDir, 'build', 'Release', ELECTRON_NATIVE_FILE),
    outputDir,
    outputFile: path.join(outputDir, ELECTRON_NATIVE_FILE),
    versionFile: path.join(outputDir, VERSION_FILE),
    stamp: nativeStamp({ electronVersion, packageVersion, platform, arch }),
  };
}
