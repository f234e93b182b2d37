import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Backend {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts the real backend in its own Node process (as in production, and so the load generator
 * does not share its event loop), on the bench database.
 */
export function startBackend(databaseUrl: string, profileDir?: string): Promise<Backend> {
  return startServerProcess(path.join(here, 'serve.ts'), databaseUrl, profileDir);
}

/** The floor to compare with: a bare Fastify + pg handler running the ticket-list SQL (floor-server.ts). */
export function startFloor(databaseUrl: string): Promise<Backend> {
  return startServerProcess(path.join(here, 'floor-server.ts'), databaseUrl);
}

async function startServerProcess(serveFile: string, databaseUrl: string, profileDir?: string): Promise<Backend> {
  const args = ['--import', import.meta.resolve('tsx')];
  if (profileDir) {
    fs.mkdirSync(profileDir, { recursive: true });
    args.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`);
  }
  const child = spawn(process.execPath, [...args, serveFile], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`${path.basename(serveFile)} printed "${line}" instead of its address`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(serveFile)} exited with code ${code} before listening`)));
  });
  return { url, pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
