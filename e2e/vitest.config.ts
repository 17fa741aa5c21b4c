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
    // expect.poll gives up after 1 s by default: on a loaded 2-core machine a dialog's save, a drawer's
    // reload or a dropdown's options take longer than that, and a passing path failed at random (the
    // doctor's feedback, the contact-method and hospital pickers). Browser tests wait as a person would.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
