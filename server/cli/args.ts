import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { assertTimeZone } from '../services/organization';

export const usage = `Go Personal Desk administration

Usage: npm run admin -- <command> [options]

Commands:
  init        Create the organisation and its first administrator
                --org <name> --email <e-mail> --password <password>
                [--name <administrator name>] [--timezone <zone, default America/Sao_Paulo>]
  add-user    Add a member to the organisation
                --email <e-mail> --name <name> --password <password>
                [--profile admin|supervisor|agent|<profile name>]  (default agent)
  add-number  Register a WhatsApp number and the agents who serve it (the first one owns it)
                --phone-number-id <id> --waba-id <id> --display-phone <+55 11 4000-0001>
                --name <identification> --agents <e-mail,e-mail,...>
  help        Show this text

The database is the server's: PostgreSQL when DATABASE_URL is set, otherwise the embedded
database in DATA_DIR (default .data). Stop the server first when it uses the embedded database.
Passwords must have at least 8 characters.`;

/** A mistake in the command line itself: answered with exit code 2 and a pointer to `help`. */
export class UsageError extends Error {}

export type Command =
  | { kind: 'help' }
  | { kind: 'init'; org: string; email: string; password: string; name: string; timeZone: string | undefined }
  | { kind: 'add-user'; email: string; name: string; password: string; profile: string }
  | { kind: 'add-number'; phoneNumberId: string; wabaId: string; displayPhone: string; identification: string; agentEmails: string[] };

export type ActionCommand = Exclude<Command, { kind: 'help' }>;

const text = z.string({ error: 'is required' }).trim().min(1, 'must not be empty');
const email = text.pipe(z.email({ error: 'must be an e-mail address such as ana@example.com' }));
const password = z.string({ error: 'is required' }).min(8, 'must have at least 8 characters');
const timeZone = text.refine((tz) => {
  try {
    assertTimeZone(tz);
    return true;
  } catch {
    return false;
  }
}, 'must be a time zone name such as America/Sao_Paulo');
const displayPhone = text.refine(
  (p) => /^\+[\d\s().-]+$/.test(p) && p.replace(/\D/g, '').length >= 8,
  'must start with + and the country code, such as +55 11 4000-0001',
);
const emailList = text
  .transform((s) => s.split(',').map((e) => e.trim()).filter((e) => e !== ''))
  .pipe(z.array(z.email({ error: (iss) => `has "${String(iss.input)}", which is not an e-mail address` })).min(1, 'must list at least one e-mail'));

const str = { type: 'string' } as const;

/** Per command: its options (for parseArgs) and the zod schema that turns them into a Command. */
const specs = {
  init: {
    options: { org: str, email: str, password: str, name: str, timezone: str },
    schema: z
      .object({ org: text, email, password, name: text.optional(), timezone: timeZone.optional() })
      .transform((v): Command => ({ kind: 'init', org: v.org, email: v.email, password: v.password, name: v.name ?? 'Administrator', timeZone: v.timezone })),
  },
  'add-user': {
    options: { email: str, name: str, password: str, profile: str },
    schema: z
      .object({ email, name: text, password, profile: text.optional() })
      .transform((v): Command => ({ kind: 'add-user', email: v.email, name: v.name, password: v.password, profile: v.profile ?? 'agent' })),
  },
  'add-number': {
    options: { 'phone-number-id': str, 'waba-id': str, 'display-phone': str, name: str, agents: str },
    schema: z
      .object({ 'phone-number-id': text, 'waba-id': text, 'display-phone': displayPhone, name: text, agents: emailList })
      .transform((v): Command => ({
        kind: 'add-number', phoneNumberId: v['phone-number-id'], wabaId: v['waba-id'], displayPhone: v['display-phone'], identification: v.name, agentEmails: v.agents,
      })),
  },
} satisfies Record<string, { options: ParseArgsConfig['options']; schema: z.ZodType<Command> }>;

const seeHelp = 'Run "npm run admin -- help" for usage.';

/** Reads `<command> --option value ...`; throws a UsageError that never repeats a password. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`No command given.\n\n${usage}`);
  if (name === 'help' || name === '--help' || name === '-h') return { kind: 'help' };
  if (!Object.hasOwn(specs, name)) throw new UsageError(`Unknown command "${name}".\n\n${usage}`);
  const spec = specs[name as keyof typeof specs];
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...rest], options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${name}: ${describeParseError(err)} ${seeHelp}`);
  }
  if (values.help) return { kind: 'help' };
  const parsed = spec.schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${String(i.path[0])} ${i.message}`);
    throw new UsageError(`${name}: ${problems.join('; ')}. ${seeHelp}`);
  }
  return parsed.data;
}

function describeParseError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  // The stray word may be part of an unquoted password: never echo it.
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected extra argument; quote values that contain spaces, such as --org "Acme Ltda".';
  return `${(err instanceof Error ? err.message : String(err)).split('\n')[0]}.`.replace(/\.\.$/, '.');
}
