export declare const NO_ELECTRON_MESSAGE: string;

export type ElectronProbe =
  { ok: true; path: string } | { ok: false; reason: 'not-installed' | 'missing' | 'timeout'; path?: string };

export declare function probeElectronBinary(deps: {
  require: (id: string) => unknown;
  exists: (file: string) => boolean;
}): ElectronProbe;

export declare function installedElectronBinary(deps: {
  electronDir: string;
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  readFile: (file: string) => string;
}): string | null;
