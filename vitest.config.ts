import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (`foo.ts` + `foo.test.ts`); cross-process tests live in tests/.
// Everything here runs in Node. When renderer tests arrive, add them as a separate project
// (`test.projects`) with `environment: 'jsdom'` rather than switching the whole suite.
// Playwright end-to-end specs use `*.spec.ts` and their own runner, so they are not picked up.
export default defineConfig({
  test: {
    include: ['{shared,server,main,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/out/**', '**/dist/**', '**/.data/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Separate processes: native modules (argon2, PGlite's wasm) and servers stay isolated.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2, // two cores here; raise locally with `--maxWorkers`
  },
});
