import { INSTRUMENTS, type InstrumentDefinition } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';

/**
 * Stores the built-in instrument versions shipped in @yuxin/core. Existing versions are never rewritten:
 * responses were scored against exactly what is stored.
 */
export async function syncBuiltinInstruments(db: Kysely<Database>): Promise<void> {
  for (const def of INSTRUMENTS) {
    await sql`
      insert into instrument_version (code, version, definition, source)
      values (${def.code}, ${def.version}, ${JSON.stringify(def)}::jsonb, 'builtin')
      on conflict (code, version) do nothing
    `.execute(db);
  }
}

/**
 * Cached per database: a version is immutable within one database, but two databases (a test run's files
 * sharing a process, a restore beside the live one) may each hold their own edit under the same number.
 */
const caches = new WeakMap<Kysely<Database>, Map<string, InstrumentDefinition>>();

/** A stored version, cached: versions are immutable, so a cached copy can never be stale. */
export async function loadInstrumentVersion(
  db: Kysely<Database>,
  code: string,
  version: number,
): Promise<InstrumentDefinition | undefined> {
  const key = `${code}@${version}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, InstrumentDefinition>()));
  const hit = cache.get(key);
  if (hit) return hit;
  const row = await sql<{
    definition: InstrumentDefinition;
  }>`select definition from instrument_version where code = ${code} and version = ${version}`.execute(db);
  const def = row.rows[0]?.definition;
  if (def) cache.set(key, def);
  return def;
}

export async function latestInstrumentVersion(
  db: Kysely<Database>,
  code: string,
): Promise<InstrumentDefinition | undefined> {
  const row = await sql<{
    version: number;
  }>`select max(version)::int as version from instrument_version where code = ${code} and status = 'active'`.execute(
    db,
  );
  const version = row.rows[0]?.version;
  return version == null ? undefined : loadInstrumentVersion(db, code, version);
}

export type InstrumentSource = 'builtin' | 'edited' | 'fhir_import';

export interface StoredVersion {
  code: string;
  version: number;
  status: 'active' | 'retired';
  source: InstrumentSource;
  createdAt: Date;
}

/** Every stored version's bookkeeping (not its definition), by code then version. */
export async function listInstrumentVersions(db: Kysely<Database>): Promise<StoredVersion[]> {
  const rows = await db
    .selectFrom('instrument_version')
    .select(['code', 'version', 'status', 'source', 'created_at'])
    .orderBy('code')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    version: r.version,
    status: r.status,
    source: r.source,
    createdAt: r.created_at,
  }));
}

export async function instrumentExists(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('instrument_version')
    .select('code')
    .where('code', '=', code)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Stores `def` as the next version of its code and returns it as stored. Run it in the transaction that
 * audits the change. Earlier versions are never touched: responses were scored against them. The lock
 * serialises concurrent edits of one code, so two editors get two versions instead of a key conflict.
 */
export async function insertNextInstrumentVersion(
  tx: Kysely<Database>,
  def: InstrumentDefinition,
  source: Exclude<InstrumentSource, 'builtin'>,
  createdBy: string | null,
): Promise<InstrumentDefinition> {
  await sql`select pg_advisory_xact_lock(hashtext(${`instrument-version:${def.code}`}))`.execute(tx);
  const row = await sql<{
    next: number;
  }>`select coalesce(max(version), 0)::int + 1 as next from instrument_version where code = ${def.code}`.execute(tx);
  const stored: InstrumentDefinition = { ...def, version: row.rows[0]!.next };
  await sql`
    insert into instrument_version (code, version, definition, source, created_by)
    values (${stored.code}, ${stored.version}, ${JSON.stringify(stored)}::jsonb, ${source}, ${createdBy})
  `.execute(tx);
  return stored;
}
