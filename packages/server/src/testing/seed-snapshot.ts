import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { pgliteDialect } from '../db/pglite-dialect.js';
import type { Database } from '../db/types.js';
import { syncBuiltinInstruments } from '../screening/instrument-store.js';
import { seedDemoCity, type DemoCity } from '../seed/demo.js';

/*
 * The demo city every database test file starts from is seeded once per run (global-setup.ts) and copied
 * per file: on PGlite a data directory dump that each file loads, on PostgreSQL a template database. Most of
 * a file's set-up used to be PGlite's initdb (about 10 s on a shared 2-core machine) and the seed (about 5 s);
 * loading a dump takes 2 to 5 s and a template copy under a second. This module has no vitest import, so
 * the global set-up (run by vitest's main process) and the fallback in test-db.ts share it.
 */

export const DEMO_PASSWORD = 'Demo2026pass';

/** What global-setup.ts hands to every test file of the db project through vitest's provide/inject. */
export type SeedSnapshot =
  | {
      engine: 'pglite';
      /** A data directory right after initdb, for files that migrate their own database. */
      emptyDump: string;
      /** The same after migrations, built-in instruments and the demo city. */
      seededDump: string;
      demo: DemoCity;
    }
  | {
      engine: 'postgres';
      /** Database to copy with CREATE DATABASE … TEMPLATE; nothing stays connected to it during the run. */
      template: string;
      demo: DemoCity;
    };

/** Migrates an empty database and seeds what startTestApp promises: the built-in instruments and the city. */
export async function seedTestCity(db: Kysely<Database>): Promise<DemoCity> {
  await migrate(db);
  await syncBuiltinInstruments(db);
  return seedDemoCity(db, DEMO_PASSWORD);
}

// The parsers of db/connect.ts (dates stay strings, bigints are numbers), which opens PGlite without a way to
// start from a dump; kept in step by hand.
const DATE_OID = 1082;
const INT8_OID = 20;

/** An in-memory PGlite, optionally started from a dumped data directory instead of a fresh initdb. */
export async function openPglite(dump?: Blob): Promise<{ pglite: PGlite; handle: DatabaseHandle }> {
  const pglite = await PGlite.create('memory://', {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    ...(dump ? { loadDataDir: dump } : {}),
  });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite) });
  return {
    pglite,
    handle: {
      db,
      readDb: db,
      engine: 'pglite',
      async close() {
        await db.destroy();
        await pglite.close();
      },
    },
  };
}
