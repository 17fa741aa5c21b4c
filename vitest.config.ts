import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Tests run against the core sources so no build is needed before `npm test`.
const coreSrc = fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@yuxin/core': coreSrc } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'bench/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        // Integration tests: PGlite by default; YUXIN_TEST_PG points them at a real PostgreSQL. The demo
        // city is seeded once (globalSetup) and each file starts from its own copy, in-process on PGlite or
        // a database of its own on PostgreSQL, so files share nothing and two run side by side.
        extends: true,
        test: {
          name: 'db',
          include: ['packages/server/src/**/*.int.test.ts'],
          globalSetup: ['packages/server/src/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          // Files of a worker share one module graph: the server's modules are imported once per worker, not
          // once per file (that import was 40 % of the suite's time). Each file still opens its own database.
          isolate: false,
          // A project with its own worker count runs as its own group: after the unit tests.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
