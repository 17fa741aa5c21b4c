import type { InstrumentDefinition } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { loadInstrumentVersion } from '../instrument-store.js';

/**
 * The exact instrument versions an assignment was published with, in answering order. Versions are cached
 * by the store, so this costs no query once warm. A missing version is a broken publication, not user error.
 */
export async function loadPinned(
  db: Kysely<Database>,
  pinned: ReadonlyArray<{ code: string; version: number }>,
): Promise<InstrumentDefinition[]> {
  return Promise.all(
    pinned.map(async ({ code, version }) => {
      const def = await loadInstrumentVersion(db, code, version);
      if (!def) throw new Error(`instrument ${code} v${version} is pinned by an assignment but not stored`);
      return def;
    }),
  );
}

/** Definitions for stored rows that name their own (code, version), loaded once per distinct pair. */
export async function loadVersions(
  db: Kysely<Database>,
  rows: ReadonlyArray<{ code: string; version: number }>,
): Promise<(code: string, version: number) => InstrumentDefinition | undefined> {
  const keys = [...new Set(rows.map((r) => `${r.code}@${r.version}`))];
  const defs = new Map<string, InstrumentDefinition>();
  await Promise.all(
    keys.map(async (key) => {
      const at = key.lastIndexOf('@');
      const def = await loadInstrumentVersion(db, key.slice(0, at), Number(key.slice(at + 1)));
      if (def) defs.set(key, def);
    }),
  );
  return (code, version) => defs.get(`${code}@${version}`);
}
