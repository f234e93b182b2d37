import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs a TypeScript file of the repository in a new Node process (through tsx). With `inherit`,
 * its output goes straight to ours (a bench section printing its figures); otherwise it is
 * collected and returned.
 */
export function runTs(file: string, args: readonly string[], opts: { inherit?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<ChildResult> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: repoRoot,
    env: opts.env ?? process.env,
    stdio: opts.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started }));
  });
}
