import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
import { startDemoProcess } from './demo-process';

/** Seeding the demo takes up to a minute: it is done once into a template, copied for each run. */
const TEMPLATE = path.join(os.tmpdir(), 'gpd-e2e-demo-template');
const READY = path.join(TEMPLATE, '.seeded');
/** The seeded history is relative to the day it was made: renew it daily. */
const TEMPLATE_MAX_AGE_MS = 24 * 3600_000;

async function seededTemplate(): Promise<string> {
  const at = fs.existsSync(READY) ? fs.statSync(READY).mtimeMs : 0;
  if (Date.now() - at < TEMPLATE_MAX_AGE_MS) return TEMPLATE;
  fs.rmSync(TEMPLATE, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE, { recursive: true });
  const demo = await startDemoProcess(TEMPLATE);
  await demo.stop();
  fs.writeFileSync(READY, new Date().toISOString());
  return TEMPLATE;
}

/**
 * Before the specs: the renderer built (when missing or older than its sources), and the demo
 * (backend + WhatsApp emulator + seeded organisation, no simulated customers) on free ports over a
 * fresh copy of the seeded data. Specs read E2E_BACKEND_URL and E2E_EMULATOR_URL (tests/e2e/fixtures.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureRendererBuilt({ log: (line) => console.log(`[e2e] ${line}`) });
  const template = await seededTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-e2e-demo-'));
  fs.cpSync(template, dataDir, { recursive: true, filter: (src) => path.basename(src) !== '.seeded' && !src.endsWith('.lock') });
  const demo = await startDemoProcess(dataDir);
  process.env.E2E_BACKEND_URL = demo.backendUrl;
  process.env.E2E_EMULATOR_URL = demo.emulatorUrl;
  return async () => {
    await demo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
