import { EnvError, optionsFromEnv, parseEnv } from './env';
import { createEmulator } from './server';

// `npm run emulator`: the Cloud API emulator as a standalone process, configured by env.
function log(line: string): void {
  console.log(`${new Date().toISOString()} emulator: ${line}`);
}

async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const emulator = await createEmulator(optionsFromEnv(env, log));
  log(`WhatsApp Cloud API emulator on ${emulator.url} (Graph: ${emulator.url}/v21.0, control: ${emulator.url}/_emulator)`);
  log(`webhooks → ${env.WEBHOOK_URL}; access token ${env.WHATSAPP_ACCESS_TOKEN === 'emulator-token' ? '"emulator-token"' : 'from WHATSAPP_ACCESS_TOKEN'}; ${env.EMULATOR_QUIET ? 'quiet (no simulated customers)' : 'simulated customers on'}`);
  const stop = (signal: string) => {
    log(`${signal}: stopping`);
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError ? err.message : err);
  process.exit(1);
});
