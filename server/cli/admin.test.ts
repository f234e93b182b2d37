import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildServiceContext } from '../context';
import { openPglite, pgliteDir, type Database } from '../db/client';
import { lockEmbeddedDatabase } from '../db/embedded-lock';
import { numberAgents, numbers, organizations, profiles, queues, users } from '../db/schema';
import { login } from '../services/auth';
import { dbKinds, openTestDatabase } from '../test/databases';

// npm runs the workspace script from server/ and passes the operator's directory in INIT_CWD.
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_PASSWORD = 'admin-pass-1';
const MEMBER_PASSWORD = 'member-pass-1';
// Each command starts a process (about 2 s) and most open the database (the first PGlite start
// creates it, about 6 s); generous, because a busy 2-core machine stretches that several times.
const SLOW = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything the CLI printed in this file, to check that no password ever shows up. */
const printed: string[] = [];

function admin(args: string[], env: Record<string, string>): Promise<Run> {
  const { DATABASE_URL: _db, DATA_DIR: _dir, INIT_CWD: _cwd, ...inherited } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/admin.ts', ...args], {
      cwd: serverDir, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-admin-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin CLI command line', () => {
  it('prints the usage for help, and answers exit code 2 with the usage when the command is missing or unknown', async () => {
    const [help, none, unknown] = await Promise.all([admin(['help'], {}), admin([], {}), admin(['frobnicate'], {})]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run admin -- <command>');
    expect(help.stdout).toContain('--phone-number-id');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No command given');
    expect(none.stderr).toContain('add-number');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  }, SLOW);

  it('refuses bad values with exit code 2 before touching the data folder, naming each option and never echoing a password', async () => {
    const root = tempDir();
    const env = { INIT_CWD: root, DATA_DIR: '.data' };
    const [bad, stray, phone] = await Promise.all([
      admin(['init', '--org', 'Acme', '--email', 'not-an-email', '--password', 'short7', '--timezone', 'Mars/Olympus'], env),
      admin(['add-user', '--email', 'ana@acme.test', '--name', 'Ana', '--password', 'correct', 'horsebattery'], env),
      admin(['add-number', '--phone-number-id', '1', '--waba-id', '2', '--display-phone', '5511', '--name', 'Vendas', '--agents', 'ana@acme.test,nobody'], env),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email must be an e-mail address');
    expect(bad.stderr).toContain('--password must have at least 8 characters');
    expect(bad.stderr).toContain('--timezone must be a time zone name');
    expect(bad.stderr).not.toContain('short7');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('unexpected extra argument');
    expect(stray.stderr).not.toContain('horsebattery');
    expect(phone.code).toBe(2);
    expect(phone.stderr).toContain('--display-phone must start with +');
    expect(phone.stderr).toContain('--agents has "nobody"');
    expect(bad.stdout + stray.stdout + phone.stdout).toBe('');
    expect(fs.existsSync(path.join(root, '.data'))).toBe(false);
  }, SLOW);
});

describe.each(dbKinds)('admin CLI on %s', (kind) => {
  const root = tempDir();
  const dataDir = path.join(root, '.data');
  let env: Record<string, string>;
  let postgres: (Database & { url?: string }) | undefined;

  beforeAll(async () => {
    if (kind === 'postgres') {
      postgres = await openTestDatabase('postgres');
      env = { INIT_CWD: root, DATA_DIR: '.data', DATABASE_URL: postgres.url! };
    } else {
      env = { INIT_CWD: root, DATA_DIR: '.data' };
    }
  });
  afterAll(() => postgres?.close());

  /** Reads the database the CLI wrote, once no CLI process holds it. */
  async function inspect<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    if (postgres) return fn(postgres);
    const database = await openPglite(pgliteDir(dataDir));
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  it('asks for init before anything else', async () => {
    const r = await admin(['add-user', '--email', 'ana@acme.test', '--name', 'Ana', '--password', MEMBER_PASSWORD], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^There is no organisation yet\. Create it first with: npm run admin -- init/);
    expect(r.stdout).toBe('');
  }, SLOW);

  it('init creates the organisation and its administrator, and refuses to run a second time', async () => {
    const first = await admin(
      ['init', '--org', 'Acme Ltda', '--email', 'Admin@Acme.test', '--password', ADMIN_PASSWORD, '--name', 'Alice Admin', '--timezone', 'America/Recife'],
      env,
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Created organisation "Acme Ltda" and administrator admin@acme.test (profile Administrador).\n');
    if (kind === 'pglite') expect(fs.existsSync(pgliteDir(dataDir))).toBe(true);

    const again = await admin(['init', '--org', 'Other', '--email', 'other@acme.test', '--password', ADMIN_PASSWORD], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('The organisation "Acme Ltda" already exists; init runs only once. Use add-user and add-number to change it.\n');
    expect(again.stdout).toBe('');
  }, SLOW);

  it('add-user adds a member with the profile named', async () => {
    const r = await admin(['add-user', '--email', 'ana@acme.test', '--name', 'Ana Souza', '--password', MEMBER_PASSWORD, '--profile', 'Supervisor'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Created user ana@acme.test "Ana Souza" (profile Supervisor).\n');
  }, SLOW);

  it('add-number names every unknown agent and registers nothing', async () => {
    const r = await admin(
      ['add-number', '--phone-number-id', '1099', '--waba-id', 'waba-9', '--display-phone', '+55 11 4000-0009', '--name', 'Vendas', '--agents', 'ana@acme.test,ghost@acme.test,nobody@acme.test'],
      env,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('No user with e-mail ghost@acme.test, nobody@acme.test. Add them first with add-user.\n');
  }, SLOW);

  it('add-number registers the number with its agents, the first one owning it', async () => {
    const r = await admin(
      ['add-number', '--phone-number-id', '1001', '--waba-id', 'waba-1', '--display-phone', '+55 11 4000-0001', '--name', 'Vendas', '--agents', 'ANA@acme.test, admin@acme.test'],
      env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Registered number +55 11 4000-0001 "Vendas" (phone-number id 1001) with agents ana@acme.test (owner), admin@acme.test.\n');
  }, SLOW);

  if (kind === 'pglite') {
    it('refuses, changing nothing, while the server holds the embedded database', async () => {
      const release = lockEmbeddedDatabase(dataDir, 'the backend server');
      try {
        const r = await admin(['add-user', '--email', 'late@acme.test', '--name', 'Late', '--password', MEMBER_PASSWORD], env);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`The embedded database in ${dataDir} is in use by the backend server (pid ${process.pid})`);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stdout).toBe('');
      } finally {
        release();
      }
    }, SLOW);
  }

  it('leaves data the administrator can sign in with, and the number served by its agents', async () => {
    await inspect(async (database) => {
      const orgs = await database.db.select().from(organizations);
      expect(orgs.map((o) => ({ name: o.name, timeZone: o.timeZone }))).toEqual([{ name: 'Acme Ltda', timeZone: 'America/Recife' }]);

      const members = await database.db
        .select({ id: users.id, email: users.email, name: users.name, profile: profiles.key })
        .from(users)
        .innerJoin(profiles, eq(profiles.id, users.profileId))
        .orderBy(asc(users.email));
      expect(members.map(({ id: _id, ...m }) => m)).toEqual([
        { email: 'admin@acme.test', name: 'Alice Admin', profile: 'admin' },
        { email: 'ana@acme.test', name: 'Ana Souza', profile: 'supervisor' },
      ]);

      const ctx = buildServiceContext({ db: database.db, config: loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir }) });
      const session = await login(ctx, 'admin@acme.test', ADMIN_PASSWORD);
      expect(session.user.email).toBe('admin@acme.test');
      await expect(login(ctx, 'ana@acme.test', MEMBER_PASSWORD)).resolves.toBeDefined();

      const [adminId, ana] = [members[0]!.id, members[1]!.id];
      const nums = await database.db.select().from(numbers);
      expect(nums.map((n) => ({ phoneNumberId: n.phoneNumberId, wabaId: n.wabaId, displayPhone: n.displayPhone, identification: n.identification, ownerId: n.ownerId })))
        .toEqual([{ phoneNumberId: '1001', wabaId: 'waba-1', displayPhone: '+55 11 4000-0001', identification: 'Vendas', ownerId: ana }]);
      const agents = await database.db.select({ userId: numberAgents.userId }).from(numberAgents).where(eq(numberAgents.numberId, nums[0]!.id));
      expect(agents.map((a) => a.userId).sort()).toEqual([adminId, ana].sort());
      const defaultQueues = await database.db.select().from(queues).where(eq(queues.numberId, nums[0]!.id));
      expect(defaultQueues.filter((q) => q.isDefault)).toHaveLength(1);
    });
  }, SLOW);
});

// Declared last, so it runs after every command above.
it('never prints a password, whatever the outcome', () => {
  expect(printed.length).toBeGreaterThan(16);
  for (const output of printed) {
    expect(output).not.toContain(ADMIN_PASSWORD);
    expect(output).not.toContain(MEMBER_PASSWORD);
  }
});
