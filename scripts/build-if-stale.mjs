// `npm start` builds only what changed: the server through TypeScript's own incremental build (tsc -b),
// the web app only when a file it is built from differs from the last build's (a hash kept beside the
// build). A fresh clone builds everything once; later starts skip the web build's ~40 s.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const webDist = join(root, 'packages/web/dist');
const stampFile = join(webDist, '.source-hash');
// What the web build reads: its sources, the core it imports, its configs and the locked dependencies.
const inputs = [
  'packages/web/src',
  'packages/web/index.html',
  'packages/web/vite.config.ts',
  'packages/web/scripts',
  'packages/web/package.json',
  'packages/core/src',
  'package-lock.json',
];

function* files(path) {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
  } else yield path;
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const input of inputs)
    for (const file of files(join(root, input)))
      hash.update(file.slice(root.length)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run('npx', ['tsc', '-b', 'packages/server/tsconfig.build.json']);
const wanted = sourceHash();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
// `npm run build` forces a web build (and leaves the hash for the next start).
const force = process.argv.includes('--force');
if (!force && built === wanted && existsSync(join(webDist, 'index.html'))) {
  console.log('web app: up to date, not rebuilt');
} else {
  run('npm', ['run', 'build', '-w', '@yuxin/web']);
  writeFileSync(stampFile, `${wanted}\n`);
}
