import { defineConfig } from 'vitest/config';

// Browser tests drive the built server (npm run build) in Debian's Chromium, one file at a time.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('..', import.meta.url).pathname,
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
