import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface DemoProcess {
  backendUrl: string;
  emulatorUrl: string;
  stop(): Promise<void>;
}

/**
 * `npm run demo` as a child process (quiet: no simulated customers; free ports), ready once its
 * banner is printed. Its output is kept and shown only when it fails to start.
 */
export function startDemoProcess(dataDir: string, timeoutMs = 240_000): Promise<DemoProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/demo/main.ts'), '--quiet'], {
    cwd: root,
    env: { ...process.env, PORT: '0', EMULATOR_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await stopped;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let backendUrl: string | null = null;
    let emulatorUrl: string | null = null;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the demo was not ready within ${timeoutMs / 1000} s:\n${output.join('\n')}`));
    }, timeoutMs);
    readline.createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      backendUrl ??= /Backend \(REST \+ socket\)\s+(http\S+)/.exec(line)?.[1] ?? null;
      emulatorUrl ??= /WhatsApp emulator\s+(http\S+)/.exec(line)?.[1] ?? null;
      if (/^\s*Stop: Ctrl\+C/.test(line) && backendUrl && emulatorUrl) {
        clearTimeout(timer);
        resolve({ backendUrl, emulatorUrl, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (code ${code}) before it was ready:\n${output.join('\n')}`));
    });
  });
}
