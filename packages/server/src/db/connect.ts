import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './types.js';
import { pgliteDialect } from './pglite-dialect.js';
import { prepareStatements } from './prepared-pool.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the server's time zone); counts and
// bigserial ids fit in a JS number for any city.
const DATE_OID = 1082;
const INT8_OID = 20;
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /** Told when an idle pooled connection is cut by the server (restart, failover, a dropped database). */
  onIdleConnectionError?: (err: Error) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const pool = prepareStatements(new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 20 }));
    // Without a listener, a server closing an idle connection would crash the process; the pool already
    // discards that client and opens a fresh one on the next query.
    pool.on(
      'error',
      opts.onIdleConnectionError ??
        ((err) => process.stderr.write(`database: idle connection closed: ${err.message}\n`)),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const pgl = await PGlite.create(opts.dataDir ?? 'memory://', {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
  });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pgl) });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await pgl.close();
    },
  };
}
