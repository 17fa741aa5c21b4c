import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './types.js';

// The same folder is reached from src/db and dist/db.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file's text, line endings as LF so a Windows checkout is not a change. */
  checksum: string;
}

export function migrationChecksum(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      return {
        version: Number(f.slice(0, 4)),
        name: f.replace(/\.sql$/, ''),
        sql: text,
        checksum: migrationChecksum(text),
      };
    });
}

/**
 * A migration file changed after it ran: the database does not hold what the file now says, and running
 * on would hide that. The operator restores the file and puts the change in a new migration.
 */
export class MigrationChangedError extends Error {
  constructor(readonly changed: Array<{ file: string; recorded: string; current: string }>) {
    super(
      changed
        .map(
          (c) =>
            `Migration ${c.file} changed after it was applied (recorded sha256 ${c.recorded.slice(0, 12)}…, ` +
            `file now ${c.current.slice(0, 12)}…).`,
        )
        .join('\n') +
        '\nYuxin will not start on an edited migration: restore the file as it was applied and put the change' +
        ' in a new migration.',
    );
    this.name = 'MigrationChangedError';
  }
}

/**
 * Applies pending migrations, each in its own transaction, after checking that every applied one is still
 * the file that ran. An advisory lock makes concurrent app nodes starting together take turns instead of
 * racing on the same DDL.
 */
export async function migrate(db: Kysely<Database>, files = readMigrations()): Promise<number[]> {
  const applied: number[] = [];
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7272026)`.execute(conn);
    try {
      await sql`create table if not exists schema_migration (
        version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(conn);
      // Databases migrated before checksums were kept get theirs from the files as they are now: from here
      // on, a change is noticed.
      await sql`alter table schema_migration add column if not exists checksum text`.execute(conn);
      const done = await conn.selectFrom('schema_migration').select(['version', 'checksum']).execute();
      const byVersion = new Map(files.map((f) => [f.version, f]));
      const changed: MigrationChangedError['changed'] = [];
      for (const row of done) {
        const file = byVersion.get(row.version);
        if (!file) continue;
        if (row.checksum === null) {
          await conn
            .updateTable('schema_migration')
            .set({ checksum: file.checksum })
            .where('version', '=', row.version)
            .execute();
        } else if (row.checksum !== file.checksum) {
          changed.push({ file: `${file.name}.sql`, recorded: row.checksum, current: file.checksum });
        }
      }
      if (changed.length) throw new MigrationChangedError(changed);
      const versions = new Set(done.map((r) => r.version));
      for (const file of files) {
        if (versions.has(file.version)) continue;
        await conn.transaction().execute(async (tx) => {
          await sql.raw(file.sql).execute(tx);
          await tx
            .insertInto('schema_migration')
            .values({ version: file.version, name: file.name, checksum: file.checksum })
            .execute();
        });
        applied.push(file.version);
      }
    } finally {
      await sql`select pg_advisory_unlock(7272026)`.execute(conn);
    }
  });
  return applied;
}
