import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (`foo.ts` + `foo.test.ts`); cross-process tests live in tests/.
// Two projects: Node for everything but the renderer, jsdom for renderer components.
// Playwright end-to-end specs use `*.spec.ts` and their own runner, so they are not picked up.
const exclude = ['**/node_modules/**', '**/out/**', '**/dist/**', '**/.data/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Separate processes: native modules (argon2, PGlite's wasm, better-sqlite3) and servers stay isolated.
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2, // two cores here; raise locally with `--maxWorkers`
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['{shared,server,main,preload,tests}/**/*.test.ts'], exclude, environment: 'node' },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          exclude,
          environment: 'jsdom',
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
    ],
  },
});
