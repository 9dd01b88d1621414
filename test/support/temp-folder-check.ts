/**
 * globalSetup for every run: the run gets a temp folder of its own, and TMPDIR (TMP and TEMP on Windows) point
 * into it, so test workers, and the browser hosts and Chromium they start, make their temp folders there. At
 * teardown anything still in it is something a test made and did not remove: the run fails and names it.
 * A folder of its own rather than a before-and-after listing of the system temp folder, because other runs on the
 * same machine make and remove `tpd-*` folders there at the same time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TEMP_VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;
// Caches a tool keeps in the temp folder on purpose, to reuse on the next run (tsx compiles there when a test runs
// an npm script). Not a test's leftovers; they go with the run's folder all the same.
const TOOL_CACHES = [/^tsx-\d+$/];

export default function setup(): () => void {
  const saved = TEMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpd-run-'));
  // Workers are started after global setup, with this process's environment.
  for (const name of TEMP_VARIABLES) process.env[name] = runDir;

  return function teardown() {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const left = fs
      .readdirSync(runDir)
      .filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)))
      .sort();
    fs.rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
    if (left.length > 0) {
      const shown = left.slice(0, 20).join(', ') + (left.length > 20 ? ', …' : '');
      // Vitest only logs an error thrown here, so the exit code carries the failure.
      process.exitCode = 1;
      throw new Error(`The tests left ${left.length} temporary files or folders behind: ${shown}`);
    }
  };
}
