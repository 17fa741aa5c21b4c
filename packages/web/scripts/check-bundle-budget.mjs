// The student and guardian path must stay light: most of them answer on a phone over a mobile network.
// Sums the brotli-compressed JavaScript a browser fetches for that path (the entry, and every chunk the
// path's pages import statically) from Vite's manifest. Run after `vite build` and compress.mjs (both in the
// web package's build script).
//
// Two limits, both failing the build: the goal of issue #19 (200 KiB) and a ceiling just above what the path
// weighs today (under the goal), so it can only get lighter. Lower CEILING_KIB as the path gets lighter.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { STUDENT_PATH } from './student-path.mjs';

const BUDGET_KIB = 200;
const CEILING_KIB = 150;
const dist = new URL('../dist/', import.meta.url).pathname;
// ECharts (staff reports and charts) must never be on that path; its code carries these private markers.
const ECHARTS = /__ec_inner_|__ec_primitive__/;

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
// Written by vite.config.ts: the modules of each chunk. The path's pages share one chunk, which the manifest
// does not name after them.
const chunkModules = JSON.parse(readFileSync(join(dist, '.vite/chunk-modules.json'), 'utf8'));
const keyOfFile = new Map(Object.entries(manifest).map(([k, v]) => [v.file, k]));
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entry) throw new Error('check-bundle-budget: no entry in the Vite manifest (build with manifest: true)');

const needed = new Set();
const walk = (key) => {
  if (needed.has(key)) return;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`check-bundle-budget: ${key} is not in the manifest`);
  needed.add(key);
  for (const i of chunk.imports ?? []) walk(i);
};
walk(entry);
for (const page of STUDENT_PATH) {
  const file = Object.keys(chunkModules).find((f) => chunkModules[f].includes(page));
  if (!file) throw new Error(`check-bundle-budget: ${page} is in no chunk (renamed?)`);
  walk(keyOfFile.get(file));
}

const size = (file) => {
  const path = join(dist, file);
  // compress.mjs leaves a .br beside files worth compressing; smaller ones go as they are.
  return existsSync(`${path}.br`) ? statSync(`${path}.br`).size : brotliCompressSync(readFileSync(path)).length;
};
const rows = [...needed]
  .map((key) => ({ key, file: manifest[key].file, bytes: size(manifest[key].file) }))
  .sort((a, b) => b.bytes - a.bytes);
const total = rows.reduce((s, r) => s + r.bytes, 0);
const kib = (b) => (b / 1024).toFixed(1).padStart(7);

// Nor any other page than the path's own, nor Ant Design's components, icons or styles, nor ECharts.
const STAFF_ONLY =
  /^src\/pages\/|\/node_modules\/(antd|@ant-design\/(icons|cssinjs)|rc-[\w-]+|@rc-component|echarts|zrender)\//;
const bad = [...needed].flatMap((k) => {
  const file = manifest[k].file;
  const staff = (chunkModules[file] ?? []).filter((m) => STAFF_ONLY.test(m) && !STUDENT_PATH.includes(m));
  if (ECHARTS.test(readFileSync(join(dist, file), 'utf8'))) staff.push('ECharts');
  return staff.map((m) => `${file} (${m.replace(/^.*\/node_modules\//, '')})`);
});
for (const r of rows) console.log(`${kib(r.bytes)} KiB  ${r.file}`);
const limitKib = Math.min(BUDGET_KIB, CEILING_KIB);
console.log(
  `${kib(total)} KiB  brotli JavaScript on the student path: ${total <= BUDGET_KIB * 1024 ? 'PASS' : 'MISS'} against` +
    ` the ${BUDGET_KIB} KiB goal (build fails above ${limitKib} KiB)`,
);
if (bad.length > 0) {
  console.error(
    `check-bundle-budget: staff-only code (staff pages, Ant Design or ECharts) on the student path: ${bad.join(', ')}`,
  );
  process.exit(1);
}
if (total > limitKib * 1024) {
  console.error(`check-bundle-budget: over the limit by ${((total - limitKib * 1024) / 1024).toFixed(1)} KiB`);
  process.exit(1);
}
