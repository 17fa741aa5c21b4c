import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './types.js';

// The same folder is reached from src/db and dist/db.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.replace(/\.sql$/, ''),
      sql: readFileSync(dir + f, 'utf8'),
    }));
}

/**
 * Applies pending migrations, each in its own transaction. An advisory lock makes concurrent app nodes
 * starting together take turns instead of racing on the same DDL.
 */
export async function migrate(db: Kysely<Database>, files = readMigrations()): Promise<number[]> {
  const applied: number[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7272026)`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (
        version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set(
        (await conn.selectFrom('schema_migration').select('version').execute()).map((r) => r.version),
      );
      for (const file of files) {
        if (done.has(file.version)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(file.sql).execute(tx);
          await tx.insertInto('schema_migration').values({ version: file.version, name: file.name }).execute();
        });
        applied.push(file.version);
      }
    } finally {
      await sql`select pg_advisory_unlock(7272026)`.execute(conn);
    }
  });
  return applied;
}
