export declare function newestMtime(dirs: string[]): number;
export declare function mtimeOrNull(file: string): number | null;
export declare function ensureRendererBuilt(opts?: { log?: (line: string) => void }): boolean;
