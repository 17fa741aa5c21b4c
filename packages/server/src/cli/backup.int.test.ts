import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { dataKeyOf, decryptWith, encryptWith, keyRing } from '../crypto/field-crypto.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/types.js';
import { dropPostgresDatabase } from '../testing/test-db.js';
import { backup, restore } from './backup.js';

// Backup -> restore round trips of both stores (issue #18): every table's rows equal, the audit chains
// verify, and notes encrypted before the backup read back with the key kept apart from it.
const seed = inject('yuxinSeed');
const work = mkdtempSync(join(tmpdir(), 'yuxin-backup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const KEY = randomBytes(32).toString('base64');
const ring = keyRing(dataKeyOf(KEY));

async function tableHashes(db: Kysely<Database>) {
  const tables = await sql<{
    t: string;
  }>`select tablename as t from pg_tables where schemaname = 'public' order by 1`.execute(db);
  const hashes: Record<string, string> = {};
  for (const { t } of tables.rows) {
    const row = await sql<{ h: string }>`select md5(coalesce(string_agg(x::text, E'\n' order by x::text), '')) as h
      from ${sql.table(t)} x`.execute(db);
    hashes[t] = row.rows[0]!.h;
  }
  return hashes;
}

async function addEncryptedNote(db: Kysely<Database>) {
  await sql`create table backup_probe (note text not null)`.execute(db);
  await sql`insert into backup_probe values (${encryptWith(ring, '咨询记录 note')})`.execute(db);
}
async function readEncryptedNote(db: Kysely<Database>) {
  const row = await sql<{ note: string }>`select note from backup_probe`.execute(db);
  return decryptWith(keyRing(dataKeyOf(KEY)), row.rows[0]!.note);
}

describe.skipIf(seed?.engine !== 'pglite')('backup and restore of the embedded database', () => {
  it('round-trips the seeded city without its data key, and refuses while the database is open', async () => {
    if (seed?.engine !== 'pglite') return;
    const source = join(work, 'source');
    const pgl = await PGlite.create(source, { loadDataDir: new Blob([readFileSync(seed.seededDump)]) });
    await pgl.close();
    writeFileSync(join(source, 'data-key'), `${KEY}\n`, { mode: 0o600 });
    const before = await openDatabase({ dataDir: source, unsafeNoFsync: true });
    let expected: Record<string, string>;
    try {
      await addEncryptedNote(before.db);
      expected = await tableHashes(before.db);
      expect(() => backup({ databaseUrl: undefined, databaseMigrationUrl: undefined, dataDir: source }, 'x')).toThrow(
        /stop the server/,
      );
    } finally {
      await before.close();
    }
    const file = join(work, 'embedded.tar.gz');
    backup({ databaseUrl: undefined, databaseMigrationUrl: undefined, dataDir: source }, file);

    const target = join(work, 'target');
    restore({ databaseUrl: undefined, databaseMigrationUrl: undefined, dataDir: target }, file);
    expect(existsSync(join(target, 'data-key'))).toBe(false);
    expect(() => restore({ databaseUrl: undefined, databaseMigrationUrl: undefined, dataDir: target }, file)).toThrow(
      /already holds a database/,
    );
    const after = await openDatabase({ dataDir: target, unsafeNoFsync: true });
    try {
      expect(await tableHashes(after.db)).toEqual(expected);
      expect(Object.keys(expected).length).toBeGreaterThan(30);
      expect((await verifyAuditChains(after.db)).problems).toEqual([]);
      expect(await readEncryptedNote(after.db)).toBe('咨询记录 note');
    } finally {
      await after.close();
    }
  }, 120_000);
});

const adminUrl = process.env.YUXIN_TEST_PG;
describe.skipIf(seed?.engine !== 'postgres' || !adminUrl)('backup and restore on PostgreSQL', () => {
  it('round-trips the seeded city through pg_dump and pg_restore', async () => {
    if (seed?.engine !== 'postgres' || !adminUrl) return;
    const tag = randomBytes(4).toString('hex');
    const [from, to] = [`yuxin_bk_from_${tag}`, `yuxin_bk_to_${tag}`];
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${from} template ${seed.template}`);
    await admin.query(`create database ${to}`);
    await admin.end();
    const urlOf = (name: string) => {
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    };
    try {
      const source = await openDatabase({ url: urlOf(from), poolSize: 1 });
      let expected: Record<string, string>;
      try {
        await addEncryptedNote(source.db);
        expected = await tableHashes(source.db);
      } finally {
        await source.close();
      }
      const file = join(work, 'pg.dump');
      backup({ databaseUrl: urlOf(from), databaseMigrationUrl: urlOf(from), dataDir: work }, file);
      restore({ databaseUrl: urlOf(to), databaseMigrationUrl: urlOf(to), dataDir: work }, file);
      const restored = await openDatabase({ url: urlOf(to), poolSize: 1 });
      try {
        expect(await tableHashes(restored.db)).toEqual(expected);
        expect((await verifyAuditChains(restored.db)).problems).toEqual([]);
        expect(await readEncryptedNote(restored.db)).toBe('咨询记录 note');
      } finally {
        await restored.close();
      }
    } finally {
      await dropPostgresDatabase(adminUrl, from);
      await dropPostgresDatabase(adminUrl, to);
    }
  }, 120_000);
});
