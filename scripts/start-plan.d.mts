export declare const ELECTRON_MIN_NODE: [number, number, number];
export declare function parseVersion(text: string): [number, number, number];
export declare function rendererNeedsBuild(s: { builtAt: number | null; newestSource: number }): boolean;
export declare function electronPlan(s: {
  nodeVersion: string;
  platform: string;
  env: Record<string, string | undefined>;
  electronInstalled: boolean;
  mainSource: boolean;
  noElectron: boolean;
}): { launch: true } | { launch: false; reason: string };
export declare function electronFailure(stderr: string, code: number | null, signal: string | null): string;
export declare function backendUrlIn(line: string): string | null;
export declare const ELECTRON_NATIVE_DIR: string;
export declare const ELECTRON_HEADERS_URL: string;
export declare function nativeBuildPlan(s: {
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
  held: unknown;
  bindingExists: boolean;
  env: Record<string, string | undefined>;
}): { build: false } | { build: true; stamp: Record<string, string>; env: Record<string, string | undefined> };
export declare function nativeBuildFailure(output: string, code: number | null, signal: string | null, electronVersion: string): string;
export declare function electronLaunch(s: {
  root: string;
  backendUrl: string;
  sqliteBinding: string;
  env: Record<string, string | undefined>;
}): { args: string[]; cwd: string; env: Record<string, string | undefined> };
