// `npm run host -- [--no-build] [--demo | --demo=large] [--data DIR] [--port N] [--renderer DIR]`
// Builds the app with electron-vite (which needs no Electron binary), then runs the browser host:
// the whole app in a browser, on 127.0.0.1, for development and tests. Every other argument goes
// to src/main/browser-host/cli.ts. --no-build skips the build when the renderer folder (out/renderer,
// or --renderer DIR) already has an index.html.
import fs from 'node:fs';
import path from 'node:path';
import { localBin, PROJECT_ROOT, run } from './lib/project.mjs';

const args = process.argv.slice(2);

/** The renderer folder the host will serve: --renderer's value, else electron-vite's output. */
function rendererDir() {
  const i = args.findIndex((a) => a === '--renderer' || a.startsWith('--renderer='));
  if (i === -1) return path.join(PROJECT_ROOT, 'out', 'renderer');
  return path.resolve(args[i].includes('=') ? args[i].slice('--renderer='.length) : (args[i + 1] ?? ''));
}

const skipBuild = args.includes('--no-build') && fs.existsSync(path.join(rendererDir(), 'index.html'));
const forwarded = args.filter((a) => a !== '--no-build');

async function main() {
  if (!skipBuild) {
    const built = await run(process.execPath, [localBin('electron-vite'), 'build']);
    if (built !== 0) {
      console.error('The build failed (see above), so the browser host was not started.');
      return built;
    }
  }
  // tsx runs the TypeScript host directly; the Node build of the SQLite addon serves it.
  return run(process.execPath, [localBin('tsx'), path.join('src', 'main', 'browser-host', 'cli.ts'), ...forwarded]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm run host failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
