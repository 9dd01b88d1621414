/**
 * The npm scripts' logic (scripts/lib/*.mjs), plus `npm start`, postinstall and `npm run host`
 * run as a person would, in ways that need no Electron binary and no network.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ELECTRON_NATIVE_DIR as APP_NATIVE_DIR,
  ELECTRON_NATIVE_FILE as APP_NATIVE_FILE,
} from '../../src/main/electron/native-binding';
import {
  installedElectronBinary,
  NO_ELECTRON_MESSAGE,
  probeElectronBinary,
} from '../../scripts/lib/electron-binary.mjs';
import {
  ELECTRON_HEADERS_URL,
  ELECTRON_NATIVE_DIR,
  ELECTRON_NATIVE_FILE,
  electronBuildEnv,
  isNativeBuildCurrent,
  nativeStamp,
  nodeGypCandidates,
  planElectronNativeBuild,
  shouldCopy,
  SQLITE_PACKAGE,
  VERSION_FILE,
} from '../../scripts/lib/electron-native.mjs';

const PROJECT_ROOT = path.resolve(__dirname, '../..');

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-scripts-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('probeElectronBinary', () => {
  it('returns the path the electron package gives when the file is there', () => {
    const require = vi.fn(() => '/opt/electron/electron');
    expect(probeElectronBinary({ require, exists: (f) => f === '/opt/electron/electron' })).toEqual({
      ok: true,
      path: '/opt/electron/electron',
    });
    expect(require).toHaveBeenCalledWith('electron');
  });

  it('turns a failed download (require throws) into a plain result', () => {
    const require = () => {
      throw new Error('Electron failed to install correctly. Please delete `node_modules/electron`…');
    };
    expect(probeElectronBinary({ require, exists: () => true })).toEqual({ ok: false, reason: 'not-installed' });
  });

  it('reports a path that does not exist', () => {
    expect(probeElectronBinary({ require: () => '/nowhere/electron', exists: () => false })).toEqual({
      ok: false,
      reason: 'missing',
      path: '/nowhere/electron',
    });
  });

  it('refuses anything that is not a path', () => {
    expect(probeElectronBinary({ require: () => ({ app: {} }), exists: () => true })).toEqual({
      ok: false,
      reason: 'not-installed',
    });
    expect(probeElectronBinary({ require: () => '', exists: () => true })).toEqual({
      ok: false,
      reason: 'not-installed',
    });
  });

  it('has one sentence to say, pointing at the browser host', () => {
    expect(NO_ELECTRON_MESSAGE).not.toContain('\n');
    expect(NO_ELECTRON_MESSAGE.match(/\.\s/g)).toBeNull();
    expect(NO_ELECTRON_MESSAGE).toContain('npm run host -- --demo');
  });
});

describe('installedElectronBinary (never downloads)', () => {
  const electronDir = path.join('/p', 'node_modules', 'electron');
  const files = (entries: Record<string, string>) => ({
    exists: (f: string) => f in entries,
    readFile: (f: string) => {
      if (!(f in entries)) throw new Error('ENOENT');
      return entries[f]!;
    },
  });

  it('finds the unpacked binary named in path.txt', () => {
    const binary = path.join(electronDir, 'dist', 'electron');
    expect(
      installedElectronBinary({
        electronDir,
        env: {},
        ...files({ [path.join(electronDir, 'path.txt')]: 'electron', [binary]: '' }),
      }),
    ).toBe(binary);
  });

  it('is null before the first download (no path.txt) or when dist is gone', () => {
    expect(installedElectronBinary({ electronDir, env: {}, ...files({}) })).toBeNull();
    expect(
      installedElectronBinary({ electronDir, env: {}, ...files({ [path.join(electronDir, 'path.txt')]: 'electron' }) }),
    ).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const override = path.join('/opt', 'my-electron');
    const env = { ELECTRON_OVERRIDE_DIST_PATH: override };
    expect(installedElectronBinary({ electronDir, env, ...files({ [path.join(override, 'electron')]: '' }) })).toBe(
      path.join(override, 'electron'),
    );
    expect(installedElectronBinary({ electronDir, env, ...files({}) })).toBeNull();
  });
});

describe('Electron native build plan', () => {
  const projectRoot = path.resolve('/home/tpd/project');
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/tpd',
    npm_config_nodedir: '/usr',
    NPM_CONFIG_NODEDIR: '/usr',
    npm_config_target: '20.19.0',
    npm_config_runtime: 'node',
    npm_config_dist_url: 'https://nodejs.org/dist',
    npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    npm_config_cache: '/home/tpd/.npm',
  };
  const plan = planElectronNativeBuild({
    projectRoot,
    workDir: path.resolve('/tmp/work'),
    electronVersion: '45.4.1',
    packageVersion: '12.11.1',
    env,
    platform: 'linux',
    arch: 'x64',
    execPath: '/usr/bin/node',
    nodeGyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    homeDir: '/home/tpd',
  });

  it('runs node-gyp with this Node against Electron’s headers', () => {
    expect(plan.command).toBe('/usr/bin/node');
    expect(plan.args[0]).toBe('/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js');
    expect(plan.args).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--release',
        '--runtime=electron',
        '--target=45.4.1',
        '--dist-url=https://electronjs.org/headers',
        '--arch=x64',
      ]),
    );
    expect(ELECTRON_HEADERS_URL).toBe('https://electronjs.org/headers');
    expect(plan.args.find((a) => a.startsWith('--devdir='))).toBe(
      `--devdir=${path.join('/home/tpd', '.electron-gyp')}`,
    );
  });

  it('drops npm settings that would point node-gyp at Node’s headers, and keeps the rest', () => {
    const keys = Object.keys(plan.env).map((k) => k.toLowerCase());
    expect(keys).not.toContain('npm_config_nodedir');
    for (const key of ['npm_config_target', 'npm_config_runtime', 'npm_config_dist_url'])
      expect(keys).not.toContain(key);
    expect(plan.env).toMatchObject({
      PATH: '/usr/bin',
      HOME: '/home/tpd',
      npm_config_cache: '/home/tpd/.npm',
      npm_config_node_gyp: env.npm_config_node_gyp,
    });
    expect(env.npm_config_nodedir).toBe('/usr'); // the input is not changed
    expect(
      electronBuildEnv({
        'npm_config_dist-url': 'x',
        npm_config_disturl: 'y',
        Npm_Config_NodeDir: 'z',
        npm_config_nodedirs: 'kept',
      }),
    ).toEqual({ npm_config_nodedirs: 'kept' });
  });

  it('builds a copy in the work folder and writes where the app looks', () => {
    expect(plan.sourceDir).toBe(path.join(projectRoot, 'node_modules', SQLITE_PACKAGE));
    expect(plan.workPackageDir).toBe(path.join(path.resolve('/tmp/work'), SQLITE_PACKAGE));
    expect(plan.builtFile).toBe(path.join(plan.workPackageDir, 'build', 'Release', 'better_sqlite3.node'));
    expect(plan.builtFile.startsWith(plan.sourceDir)).toBe(false);
    // The same place src/main/electron/native-binding.ts tells the app to load from.
    expect(ELECTRON_NATIVE_DIR).toBe(APP_NATIVE_DIR);
    expect(ELECTRON_NATIVE_FILE).toBe(APP_NATIVE_FILE);
    expect(plan.outputFile).toBe(path.join(projectRoot, APP_NATIVE_DIR, APP_NATIVE_FILE));
    expect(plan.versionFile).toBe(path.join(projectRoot, APP_NATIVE_DIR, VERSION_FILE));
    expect(VERSION_FILE).toBe('VERSION');
  });

  it('stamps the build with the Electron version first, then the addon and platform', () => {
    expect(plan.stamp).toBe(
      nativeStamp({ electronVersion: '45.4.1', packageVersion: '12.11.1', platform: 'linux', arch: 'x64' }),
    );
    expect(plan.stamp.split('\n')[0]).toBe('45.4.1');
    expect(plan.stamp).toContain('better-sqlite3-multiple-ciphers@12.11.1');
    expect(
      nativeStamp({ electronVersion: '46.0.0', packageVersion: '12.11.1', platform: 'linux', arch: 'x64' }),
    ).not.toBe(plan.stamp);
  });

  it('rebuilds only when the output is missing or was made for something else', () => {
    const expectedStamp = plan.stamp;
    expect(isNativeBuildCurrent({ stampOnDisk: expectedStamp, expectedStamp, outputExists: true })).toBe(true);
    expect(isNativeBuildCurrent({ stampOnDisk: expectedStamp, expectedStamp, outputExists: false })).toBe(false);
    expect(isNativeBuildCurrent({ stampOnDisk: null, expectedStamp, outputExists: true })).toBe(false);
    expect(isNativeBuildCurrent({ stampOnDisk: '44.0.0\n', expectedStamp, outputExists: true })).toBe(false);
  });

  it('copies everything but the Node build', () => {
    for (const kept of [
      '',
      'binding.gyp',
      'deps',
      path.join('deps', 'sqlite3.gyp'),
      path.join('src', 'better_sqlite3.cpp'),
      'lib',
      'builder.txt',
    ]) {
      expect(shouldCopy(kept), kept).toBe(true);
    }
    for (const skipped of [
      'build',
      path.join('build', 'Release', 'better_sqlite3.node'),
      'build/Release',
      'build\\Release',
      'node_modules',
    ]) {
      expect(shouldCopy(skipped), skipped).toBe(false);
    }
  });

  it('looks for node-gyp where npm says, then the project, then beside npm', () => {
    const candidates = nodeGypCandidates({
      env: { npm_config_node_gyp: '/from/npm/node-gyp.js', npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js' },
      projectRoot,
      execPath: '/usr/bin/node',
      platform: 'linux',
    });
    expect(candidates).toEqual([
      '/from/npm/node-gyp.js',
      path.join(projectRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      path.join('/usr/lib/node_modules/npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    ]);
    expect(
      nodeGypCandidates({ env: {}, projectRoot, execPath: 'C:\\node\\node.exe', platform: 'win32' }).at(-1),
    ).toContain(path.join('npm', 'node_modules', 'node-gyp'));
  });

  it('finds a real node-gyp in this checkout', () => {
    const found = nodeGypCandidates({
      env: process.env,
      projectRoot: PROJECT_ROOT,
      execPath: process.execPath,
      platform: process.platform,
    }).find((f) => fs.existsSync(f));
    expect(found).toBeDefined();
  });
});

/** Runs a script with an Electron "installed" at an empty folder: the electron package then never downloads. */
function runWithoutElectron(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir() };
  delete env.TPD_DEBUG;
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', script)], {
    cwd: PROJECT_ROOT,
    env,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start and postinstall without the Electron binary', () => {
  it('npm start says one sentence on stderr and exits 1', () => {
    const result = runWithoutElectron('start.mjs');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(NO_ELECTRON_MESSAGE);
    expect(result.stdout).toBe('');
  });

  it('postinstall prints nothing and succeeds', () => {
    const result = runWithoutElectron('postinstall.mjs');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });

  it('package.json runs those scripts', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe('node scripts/start.mjs');
    expect(scripts.postinstall).toBe('node scripts/postinstall.mjs');
    expect(scripts.host).toBe('node scripts/host.mjs');
  });
});

describe('npm run host --no-build', () => {
  it('forwards its arguments to the browser host, which answers, and stops on SIGTERM', async () => {
    const dir = tempDir();
    const renderer = path.join(dir, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>stand-in renderer</title>');
    const child = spawn(
      process.execPath,
      [
        path.join(PROJECT_ROOT, 'scripts', 'host.mjs'),
        '--no-build',
        '--data',
        path.join(dir, 'data'),
        `--renderer=${renderer}`,
        '--demo',
      ],
      {
        cwd: PROJECT_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 15_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/)#token=(\S+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(`${match[1]}|${match[2]}`);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', () => reject(new Error(`host exited:\n${output}`)));
      });
      const [base, token] = url.split('|') as [string, string];
      expect(output).toContain('Loaded standard demo data');
      expect(await (await fetch(base)).text()).toContain('stand-in renderer');
      const info = await fetch(`${base}api/app:info`, {
        method: 'POST',
        headers: { 'x-tpd-token': token, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(await info.json()).toMatchObject({ ok: true, data: { traineeCount: 60 } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
