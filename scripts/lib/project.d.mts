import type { SpawnOptions } from 'node:child_process';

export declare const PROJECT_ROOT: string;
export declare const projectRequire: NodeJS.Require;
export declare function packageVersion(name: string): string;
export declare function localBin(name: string, command?: string): string;
export declare function run(command: string, args: string[], options?: SpawnOptions): Promise<number>;
