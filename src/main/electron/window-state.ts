import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const windowStateSchema = z.object({
  width: z.number().int().min(640).max(10000),
  height: z.number().int().min(480).max(10000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximised: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximised: false };
const FILE = 'window-state.json';

/** The last window size and position; a missing or damaged file gives the default. */
export function readWindowState(userDataDir: string): WindowState {
  try {
    return windowStateSchema.parse(JSON.parse(fs.readFileSync(path.join(userDataDir, FILE), 'utf8')));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function writeWindowState(userDataDir: string, state: WindowState): void {
  fs.writeFileSync(path.join(userDataDir, FILE), JSON.stringify(state), { mode: 0o600 });
}
