#!/usr/bin/env node
// Start-up smoke test: runs the built server (`npm run build` first) under the current Node.js on a free
// loopback port with a fresh embedded database, waits until /api/health and /api/ready answer, checks the
// web app's index page is served, and stops it. CI runs it on Node 24 (`npx -p node@24`), README's
// supported versions being 20, 22 and 24. Set YUXIN_SMOKE_DEMO=true to seed the demo city as well (slow).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, 'packages/server/dist/main.js');
const TIMEOUT_MS = 180_000;

if (!existsSync(MAIN) || !existsSync(join(ROOT, 'packages/web/dist/index.html'))) {
  console.error('smoke: build first (npm run build): packages/server/dist or packages/web/dist is missing');
  process.exit(1);
}

const port = await new Promise((resolve, reject) => {
  const srv = createServer();
  srv.listen(0, '127.0.0.1', () => {
    const { port } = srv.address();
    srv.close(() => resolve(port));
  });
  srv.on('error', reject);
});
const dataDir = mkdtempSync(join(tmpdir(), 'yuxin-smoke-'));
const logs = [];
const child = spawn(process.execPath, [MAIN], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: '',
    YUXIN_DATA_DIR: dataDir,
    YUXIN_SEED_DEMO: process.env.YUXIN_SMOKE_DEMO === 'true' ? 'true' : 'false',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
child.stdout.on('data', (d) => logs.push(String(d)));
child.stderr.on('data', (d) => logs.push(String(d)));
const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

const base = `http://127.0.0.1:${port}`;
const started = Date.now();
let failure;
try {
  await waitFor(`${base}/api/health`, (body) => body.status === 'ok');
  await waitFor(`${base}/api/ready`, (body) => body.status === 'ready');
  const index = await fetch(`${base}/`);
  const html = await index.text();
  if (!index.ok || !/<div id="root">/.test(html))
    throw new Error(`the web index was not served: ${index.status} ${html.slice(0, 200)}`);
  console.log(
    `smoke: Node ${process.version} served /api/health, /api/ready and the web index in ${Date.now() - started} ms`,
  );
} catch (err) {
  failure = err;
} finally {
  if (child.exitCode === null) child.kill('SIGTERM');
  const { code, signal } = await exited;
  // A clean stop on SIGTERM exits 0 (main.ts closes the app and the database).
  if (!failure && code !== 0) failure = new Error(`the server did not stop cleanly: code ${code}, signal ${signal}`);
  rmSync(dataDir, { recursive: true, force: true });
}
if (failure) {
  console.error(
    `smoke: FAILED on Node ${process.version}: ${failure.message}\n--- server output ---\n${logs.join('')}`,
  );
  process.exit(1);
}

async function waitFor(url, ok) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok && ok(await res.json())) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > TIMEOUT_MS) throw new Error(`${url} did not answer within ${TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
