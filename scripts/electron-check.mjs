// Electron security scan (@doyensec/electronegativity) over the main process, the preload and
// the renderer. Fails on any HIGH or CRITICAL finding, and on any file the scanner could not
// parse (a file it cannot read is a file it did not check). Lower findings are printed for
// review; the reasoning for the ones we keep is in docs/security.md.
//
// Runs the scanner through its library entry: its command line breaks when npm hoists a newer
// `commander` than the one it was written for. The Electron version is passed in, since the
// scanner cannot look it up offline.
//
// Usage: node scripts/electron-check.mjs [folder…]   (npm run electron:check; CI runs it after lint)
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const FAIL_AT = new Set(['HIGH', 'CRITICAL']);
// Folders to scan (relative to the repository); the arguments replace the default.
const SCANNED = process.argv.length > 2 ? process.argv.slice(2) : ['main', 'preload', 'renderer'];

const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

// The scanner takes one folder: copy the sources into one, without tests (their made-up hostile
// URLs are not app code).
const input = fs.mkdtempSync(path.join(os.tmpdir(), 'gpd-electron-check-'));
for (const dir of SCANNED) {
  fs.cpSync(path.resolve(root, dir), path.join(input, path.basename(dir)), { recursive: true, filter: (src) => !/\.(test|spec)\.ts$/.test(src) });
}
fs.writeFileSync(path.join(input, 'package.json'), JSON.stringify({ name: 'scan', devDependencies: { electron: electronVersion } }));

const run = require('@doyensec/electronegativity');
const quiet = console.log;
console.log = () => undefined; // its offline notices (translations, release list) are noise here
let result;
try {
  result = await run({ input, electronVersionOverride: electronVersion, isRelative: true });
} finally {
  console.log = quiet;
  fs.rmSync(input, { recursive: true, force: true });
}

const rows = result.issues
  .map((i) => ({ rank: i.severity.value, severity: i.severity.name, confidence: i.confidence.name, id: i.id, where: i.file === 'N/A' ? '(whole app)' : `${i.file}:${i.location.line}`, review: i.manualReview, what: i.description }))
  .sort((a, b) => b.rank - a.rank || a.id.localeCompare(b.id));
for (const r of rows) console.log(`${r.severity.padEnd(13)} ${r.confidence.padEnd(9)} ${r.id}  ${r.where}${r.review ? '  [review]' : ''}\n    ${r.what}`);

const failing = rows.filter((r) => FAIL_AT.has(r.severity));
const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.error(`not scanned: ${e.file}: ${e.message}`);
console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version}, Electron ${electronVersion}: ${result.globalChecks + result.atomicChecks} checks over ${SCANNED.join(', ')}; ${rows.length} finding(s), ${failing.length} HIGH or CRITICAL`);
if (failing.length > 0 || unparsed.length > 0) {
  console.error('electron-check failed: fix the HIGH/CRITICAL findings above (or files it could not parse). See docs/security.md.');
  process.exit(1);
}
