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
