import { chinaDateOf } from '@yuxin/core';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/connect.js';
import type { DemoCity } from '../seed/demo.js';
import { openPglite, seedTestCity, type SeedSnapshot } from './seed-snapshot.js';
import { dropPostgresDatabase, ensureTestAppRole } from './test-db.js';

/**
 * vitest globalSetup of the db project: seeds the demo city once and provides it to every file as
 * `yuxinSeed` (test-db.ts copies it per file). On PostgreSQL a template database lives for the run; on
 * PGlite the dumps are cached under node_modules/.cache, keyed by everything the seed is made from, so a
 * second run (or one file run on its own) skips the seed entirely.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.YUXIN_TEST_PG;
  if (adminUrl) {
    const { snapshot, teardown } = await seedTemplate(adminUrl);
    project.provide('yuxinSeed', snapshot);
    return teardown;
  }
  project.provide('yuxinSeed', await cachedPgliteSnapshot());
  return undefined;
}

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const CORE_SRC = fileURLToPath(new URL('../../../core/src/', import.meta.url));
const TESTING_DIR = fileURLToPath(new URL('./', import.meta.url));
const SEEDING = ['seed-snapshot.ts', 'global-setup.ts'];
const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules/', import.meta.url));
const CACHE_DIR = join(NODE_MODULES, '.cache/yuxin-test-seed');
const EMPTY = 'empty.tar';
const SEEDED = 'seeded.tar';
const DEMO = 'demo.json';

async function seedTemplate(adminUrl: string) {
  const template = `yuxin_test_tpl_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${template}`);
    await ensureTestAppRole(admin);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  let demo: DemoCity;
  try {
    // Closed before any file copies it: CREATE DATABASE … TEMPLATE refuses while a session is connected.
    const handle = await openDatabase({ url: url.toString(), poolSize: 2 });
    try {
      demo = await seedTestCity(handle.db);
    } finally {
      await handle.close();
    }
  } catch (err) {
    await dropPostgresDatabase(adminUrl, template);
    throw err;
  }
  const snapshot: SeedSnapshot = { engine: 'postgres', template, demo };
  return { snapshot, teardown: () => dropPostgresDatabase(adminUrl, template) };
}

async function cachedPgliteSnapshot(): Promise<SeedSnapshot> {
  const dir = join(CACHE_DIR, seedKey());
  if (!existsSync(join(dir, DEMO))) {
    pruneCache();
    const partial = `${dir}.partial-${process.pid}`;
    mkdirSync(partial, { recursive: true });
    const { pglite, handle } = await openPglite();
    try {
      writeFileSync(join(partial, EMPTY), await dumpOf(pglite));
      const demo = await seedTestCity(handle.db);
      // A checkpoint first, so loading the dump does not replay the seed from the write-ahead log, and the
      // log segments after the current one are then blank spares, a third of the dump and of its load time.
      await pglite.exec('checkpoint');
      const { rows } = await pglite.query<{ wal: string }>('select pg_walfile_name(pg_current_wal_lsn()) as wal');
      const current = rows[0]!.wal;
      writeFileSync(
        join(partial, SEEDED),
        tarWithout(await dumpOf(pglite), (name) => /pg_wal\/[0-9A-F]{24}$/.test(name) && name.slice(-24) > current),
      );
      writeFileSync(join(partial, DEMO), JSON.stringify(demo));
    } finally {
      await handle.close();
    }
    try {
      renameSync(partial, dir);
    } catch {
      // Another run in this checkout finished the same seed first; its copy is as good as ours.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return {
    engine: 'pglite',
    emptyDump: join(dir, EMPTY),
    seededDump: join(dir, SEEDED),
    demo: JSON.parse(readFileSync(join(dir, DEMO), 'utf8')) as DemoCity,
  };
}

async function dumpOf(pglite: Awaited<ReturnType<typeof openPglite>>['pglite']) {
  // Uncompressed: each file loads it, and gunzip costs more than the disk it saves.
  return Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
}

/** A copy of a ustar archive without the entries whose path matches `drop`. */
function tarWithout(tar: Buffer, drop: (name: string) => boolean): Buffer {
  const kept: Buffer[] = [];
  let at = 0;
  while (at + 512 <= tar.length) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, to: number) => header.toString('latin1', from, to).replace(/\0.*$/s, '');
    const prefix = field(345, 500);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 136).trim() || '0', 8);
    const end = at + 512 + Math.ceil(size / 512) * 512;
    if (!drop(name)) kept.push(tar.subarray(at, end));
    at = end;
  }
  kept.push(Buffer.alloc(1024));
  return Buffer.concat(kept);
}

/**
 * The seed is a function of the migrations, the server and core sources it runs (seed, audit, campaigns,
 * instruments…), the PGlite build, and the China day (seeded campaigns open today). Hashing every non-test
 * source is coarser than the seed's imports but cannot miss one. Of testing/ only the seeding module
 * counts, so editing the harness or a factory keeps the cache.
 */
function seedKey() {
  const hash = createHash('sha256');
  const pglite = JSON.parse(readFileSync(join(NODE_MODULES, '@electric-sql/pglite/package.json'), 'utf8')) as {
    version: string;
  };
  hash.update(`pglite ${pglite.version}\nday ${chinaDateOf(new Date())}\n`);
  for (const root of [join(SERVER_DIR, 'migrations'), join(SERVER_DIR, 'src'), CORE_SRC]) {
    for (const file of sourceFiles(root)) hash.update(`${file}\n`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(path);
      if (path.startsWith(TESTING_DIR) && !SEEDING.includes(e.name)) return [];
      return /\.(ts|sql|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
    });
}

/** Each entry is about 130 MB; entries an hour old belong to no run still going. */
function pruneCache() {
  if (!existsSync(CACHE_DIR)) return;
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}
