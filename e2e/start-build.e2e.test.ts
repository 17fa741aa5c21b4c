import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// test:e2e has just built everything with `npm run build`; a start right after must not build the web
// app again (it took ~50 s on every `npm start`).
const root = fileURLToPath(new URL('..', import.meta.url));
const index = `${root}packages/web/dist/index.html`;

describe('npm start on an up-to-date build', () => {
  it('skips the web build when nothing it is built from changed', () => {
    const before = statSync(index).mtimeMs;
    const out = execFileSync('node', ['scripts/build-if-stale.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('web app: up to date, not rebuilt');
    expect(statSync(index).mtimeMs).toBe(before);
  });
});
