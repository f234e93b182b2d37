import path from 'node:path';
import { DEMO_GROUPS, DEMO_NUMBERS, DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_USERS, type DemoUserKey } from './demo-org';
import type { Demo } from './start';

const RULE = '─'.repeat(78);

/** What the demo prints once it is ready: where everything is and how to sign in. */
export function banner(demo: Pick<Demo, 'backendUrl' | 'emulatorUrl' | 'dataDir' | 'database' | 'quiet' | 'seed' | 'startupMs'>, cwd = process.cwd(), pid = process.pid): string {
  const dataDir = path.relative(cwd, demo.dataDir) || '.';
  const shownDir = dataDir.startsWith('..') ? demo.dataDir : `./${dataDir}`;
  const row = (label: string, value: string) => `  ${label.padEnd(24)}${value}`;
  const numbersOf = (key: DemoUserKey) => DEMO_NUMBERS.filter((n) => n.agents.includes(key)).map((n) => n.identification).join(', ');
  const who = DEMO_USERS.map((u) => {
    const scope = u.profile === 'agent' ? numbersOf(u.key) : `all ${DEMO_NUMBERS.length} numbers (manager of ${DEMO_GROUPS.regional.name})`;
    return `  ${u.email.padEnd(20)}${u.role.padEnd(18)}${scope}`;
  });
  const t = demo.seed.counts;
  const history = `${t.tickets.toLocaleString('en')} tickets and ${t.messages.toLocaleString('en')} messages from the last 90 days`;
  return [
    RULE,
    `  Go Personal Desk demo is running (ready in ${(demo.startupMs / 1000).toFixed(1)} s)`,
    RULE,
    row('Backend (REST + socket)', demo.backendUrl),
    row('OpenAPI document', `${demo.backendUrl}/api/openapi.json`),
    row('Health check', `${demo.backendUrl}/healthz`),
    row('WhatsApp emulator', `${demo.emulatorUrl}  (Graph API at ${demo.emulatorUrl}/v21.0)`),
    row('Emulator control API', `${demo.emulatorUrl}/_emulator  (see server/whatsapp/emulator/README.md)`),
    row('Data folder', `${shownDir}  (${demo.database === 'pglite' ? 'embedded PGlite database' : 'PostgreSQL'})`),
    row('Simulated customers', demo.quiet ? 'off (quiet mode)' : 'writing in every few seconds'),
    '',
    `  Organisation "${DEMO_ORG_NAME}": ${DEMO_NUMBERS.length} numbers in ${DEMO_GROUPS.teams.map((g) => g.name).join(' and ')} (${DEMO_GROUPS.regional.name}),`,
    `  ${history}${demo.seed.seeded ? ` (seeded now in ${(demo.seed.ms / 1000).toFixed(1)} s)` : ' (already seeded)'}.`,
    '',
    `  Sign in with password ${DEMO_PASSWORD}:`,
    ...who,
    '',
    '  Try it:',
    `    curl -s ${demo.backendUrl}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `      -d '{"email":"ana@demo.local","password":"${DEMO_PASSWORD}"}'`,
    `    curl -s -X POST ${demo.emulatorUrl}/_emulator/customers/messages -H 'content-type: application/json' \\`,
    `      -d '{"phoneNumberId":"${DEMO_NUMBERS[0]!.phoneNumberId}","from":"5511987654321","name":"Maria Silva","type":"text","text":{"body":"Oi!"}}'`,
    '',
    `  Stop: Ctrl+C (or kill ${pid}).  Start over: stop, delete ${shownDir}, run npm run demo again.`,
    RULE,
  ].join('\n');
}
