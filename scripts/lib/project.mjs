// Small helpers shared by the npm scripts: the project's folder, its local tools, and running them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `require` as seen from the project's package.json, so packages resolve from its node_modules. */
export const projectRequire = createRequire(path.join(PROJECT_ROOT, 'package.json'));

export function packageVersion(name) {
  return projectRequire(`${name}/package.json`).version;
}

/**
 * The JavaScript file behind a package's command (what node_modules/.bin links to), so it can be
 * run with this Node on every platform without a shell.
 */
export function localBin(name, command = name) {
  const manifestFile = projectRequire.resolve(`${name}/package.json`);
  const { bin } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const relative = typeof bin === 'string' ? bin : bin?.[command];
  if (!relative) throw new Error(`${name} has no "${command}" command.`);
  return path.join(path.dirname(manifestFile), relative);
}

/**
 * Runs `command` with the terminal attached and resolves with its exit code. SIGINT/SIGTERM sent
 * to this script are passed on, so the child can close its database before exiting.
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: PROJECT_ROOT, ...options });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const onInt = () => forward('SIGINT');
    const onTerm = () => forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', (error) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
