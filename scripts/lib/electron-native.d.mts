export declare const ELECTRON_NATIVE_DIR: string;
export declare const ELECTRON_NATIVE_FILE: string;
export declare const VERSION_FILE: string;
export declare const SQLITE_PACKAGE: string;
export declare const ELECTRON_HEADERS_URL: string;

type Env = Record<string, string | undefined>;

export declare function electronBuildEnv(env: Env): Record<string, string>;

export declare function nativeStamp(input: {
  electronVersion: string;
  packageVersion: string;
  platform: string;
  arch: string;
}): string;

export declare function isNativeBuildCurrent(input: {
  stampOnDisk: string | null | undefined;
  expectedStamp: string;
  outputExists: boolean;
}): boolean;

export declare function shouldCopy(relativePath: string): boolean;

export declare function nodeGypCandidates(input: {
  env: Env;
  projectRoot: string;
  execPath: string;
  platform: string;
}): string[];

export interface ElectronNativePlan {
  sourceDir: string;
  workPackageDir: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  builtFile: string;
  outputDir: string;
  outputFile: string;
  versionFile: string;
  stamp: string;
}

export declare function planElectronNativeBuild(input: {
  projectRoot: string;
  workDir: string;
  electronVersion: string;
  packageVersion: string;
  env: Env;
  platform: string;
  arch: string;
  execPath: string;
  nodeGyp: string;
  homeDir: string;
}): ElectronNativePlan;
