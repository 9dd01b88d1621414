// `npm run server -- [--no-build] [options]`: builds the renderer with electron-vite (no Electron binary
// needed), then runs the team server (src/main/team-server/cli.ts; its options are listed there and in
// docs/team-server.md). --migrate and --add-admin need no build; --no-build skips it when out/renderer
// (or --renderer DIR) already has an index.html.
import fs from 'node:fs';
import path from 'node:path';
import { localBin, PROJECT_ROOT, run } from './lib/project.mjs';

const args = process.argv.slice(2);

function rendererDir() {
  const i = args.findIndex((a) => a === '--renderer' || a.startsWith('--renderer='));
  if (i === -1) return path.join(PROJECT_ROOT, 'out', 'renderer');
  return path.resolve(args[i].includes('=') ? args[i].slice('--renderer='.length) : (args[i + 1] ?? ''));
}

const administrative = args.some((a) => a === '--migrate' || a === '--add-admin' || a.startsWith('--add-admin='));
const skipBuild =
  administrative || (args.includes('--no-build') && fs.existsSync(path.join(rendererDir(), 'index.html')));
const forwarded = args.filter((a) => a !== '--no-build');

async function main() {
  if (!skipBuild) {
    const built = await run(process.execPath, [localBin('electron-vite'), 'build']);
    if (built !== 0) {
      console.error('The build failed (see above), so the team server was not started.');
      return built;
    }
  }
  return run(process.execPath, [localBin('tsx'), path.join('src', 'main', 'team-server', 'cli.ts'), ...forwarded]);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm run server failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
