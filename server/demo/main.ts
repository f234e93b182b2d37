import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, launchDir } from '../config';
import { EmbeddedDatabaseBusy } from '../db/embedded-lock';
import { banner } from './banner';
import { PortInUse } from './ports';
import { DemoSeedIncomplete } from './seed';
import { DEFAULT_EMULATOR_PORT, DEFAULT_PORT, startDemo, type Demo } from './start';

// `npm run demo [-- --quiet]`: backend + emulator + demo organisation + simulated customers.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: npm run demo [-- --quiet]

  --quiet        no simulated customers (also DEMO_QUIET=1)

Environment: PORT (backend, default ${DEFAULT_PORT}), EMULATOR_PORT (default ${DEFAULT_EMULATOR_PORT}),
DATA_DIR (default .demo-data at the repository root), LOG_LEVEL (default warn),
META_APP_SECRET / WEBHOOK_VERIFY_TOKEN (development values by default).`;

class UsageError extends Error {}

function portFrom(env: NodeJS.ProcessEnv, name: 'PORT' | 'EMULATOR_PORT', fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${name}=${JSON.stringify(raw)} is not a port number (0-65535).`);
  return port;
}

function parse(argv: string[], env: NodeJS.ProcessEnv) {
  let quiet = ['1', 'true', 'yes'].includes((env.DEMO_QUIET ?? '').toLowerCase());
  for (const arg of argv) {
    if (arg === '--quiet') quiet = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`Unknown option ${arg}.\n\n${USAGE}`);
  }
  return {
    quiet,
    port: portFrom(env, 'PORT', DEFAULT_PORT),
    emulatorPort: portFrom(env, 'EMULATOR_PORT', DEFAULT_EMULATOR_PORT),
    // A DATA_DIR of your own resolves against where you ran npm; the default sits at the repository root.
    dataDir: env.DATA_DIR ? path.resolve(launchDir(env), env.DATA_DIR) : path.join(repoRoot, '.demo-data'),
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2), process.env);
  const running: { demo?: Demo } = {};
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const demo = running.demo;
    if (!demo) {
      // Still starting: nothing to hand back cleanly, and a half-seeded folder says so on the next start.
      console.error(`\n${signal} while starting: quitting.`);
      process.exit(130);
    }
    console.log(`\n${signal}: stopping the demo…`);
    void demo.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('The demo did not stop cleanly:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // `npm run` puts a shell between npm and us, and the shell does not pass SIGTERM on: when npm is
  // terminated the shell dies and we would linger, holding the ports and the database. Notice it.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop('the parent process exited');
  }, 1000).unref();

  console.log(`Starting the Go Personal Desk demo (data folder ${args.dataDir})…`);
  // startDemo ignores DATABASE_URL and REDIS_URL: the demo always runs on its embedded database.
  const demo = await startDemo({
    ...args, env: process.env,
    log: (line) => console.log(`${new Date().toISOString()} emulator: ${line}`),
  });
  running.demo = demo;
  console.log(banner(demo, launchDir()));
}

main().catch((err: unknown) => {
  if (err instanceof EmbeddedDatabaseBusy) {
    // The lock's own advice (use PostgreSQL) does not apply: the demo always runs on the embedded database.
    const who = /^.*?\(pid \d+\)\./.exec(err.message)?.[0] ?? err.message;
    console.error(`${who}\nIs another \`npm run demo\` (or a server on the same data folder) running? Stop it first, or give this demo a folder and ports of its own:\n  DATA_DIR=.demo-data-2 PORT=3101 EMULATOR_PORT=3201 npm run demo`);
  } else if (err instanceof ConfigError || err instanceof PortInUse || err instanceof DemoSeedIncomplete || err instanceof UsageError) {
    console.error(err.message);
  } else {
    console.error('The demo could not start:', err instanceof Error ? err.stack ?? err.message : err);
  }
  process.exit(1);
});
