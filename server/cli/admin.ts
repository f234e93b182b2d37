import pino from 'pino';
import { ConfigError, launchDir, loadConfig } from '../config';
import { buildServiceContext } from '../context';
import { EmbeddedDatabaseBusy } from '../db/embedded-lock';
import { migrate } from '../db/migrate';
import { openConfiguredDatabase } from '../db/open';
import { AppError } from '../services/errors';
import { parseCommand, usage, UsageError, type Command } from './args';
import { runCommand } from './commands';

/** `npm run admin -- <command>`: exit 0 on success, 1 when the command failed, 2 for a bad command line. */
async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig(process.env, launchDir());
  const database = await openConfiguredDatabase(config, 'the admin CLI');
  try {
    await migrate(database);
    // No sockets, no workers, no logs: the command prints its own outcome.
    const ctx = buildServiceContext({ db: database.db, config, log: pino({ level: 'silent' }), nodeId: 'admin-cli' });
    process.stdout.write(`${await runCommand(ctx, command)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

function describe(err: unknown): string {
  if (err instanceof AppError || err instanceof ConfigError || err instanceof EmbeddedDatabaseBusy) return err.message;
  return `The admin command failed: ${err instanceof Error ? err.message : String(err)}`;
}

// `npm run admin -- help | head` closes the pipe early: that is no failure worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${describe(err)}\n`);
    process.exitCode = 1;
  },
);
