import fs, { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './types.js';
import { pgliteDialect } from './pglite-dialect.js';
import { prepareStatements } from './prepared-pool.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  /**
   * Where report and export reads go: a pool of its own on the replica when OpenOptions.replicaUrl is set
   * (DATABASE_REPLICA_URL), otherwise the same db. Never written through: a hot standby refuses writes.
   */
  readDb: Kysely<Database>;
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
  /**
   * Told when a pooled connection is cut by the server (restart, failover, a dropped database), idle or
   * in use. The query in flight on a connection in use fails on its own; this is only the notice.
   */
  onIdleConnectionError?: (err: Error) => void;
  /** PostgreSQL only; 0 turns a limit off (migrations, which may rightly run long). See Config.databaseTimeouts. */
  timeouts?: { connectMs: number; statementMs: number; queryMs: number };
  /**
   * PGlite only: skip fsync (YUXIN_EMBEDDED_UNSAFE_NO_FSYNC). Faster, and a power cut or OS crash may lose
   * acknowledged writes; for tests and throw-away demos.
   */
  unsafeNoFsync?: boolean;
  /** PostgreSQL only: a streaming replica for report and export reads (Config.databaseReplicaUrl). */
  replicaUrl?: string;
  /** PostgreSQL only: send named prepared statements (default true; Config.databasePreparedStatements). */
  preparedStatements?: boolean;
}

/** Defaults of Config.databaseTimeouts, for callers (tests, tools) that open a database without a config. */
export const DEFAULT_DATABASE_TIMEOUTS = { connectMs: 5_000, statementMs: 60_000, queryMs: 65_000 };

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const db = postgresDb(opts.url, opts);
    // The replica gets its own pool, sized like the primary's: a long report there never holds a
    // connection a submission needs.
    const readDb = opts.replicaUrl ? postgresDb(opts.replicaUrl, opts) : db;
    return {
      db,
      readDb,
      engine: 'postgres',
      async close() {
        await db.destroy();
        if (readDb !== db) await readDb.destroy();
      },
    };
  }
  if (opts.replicaUrl) throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL: the embedded database has no replica');
  const { PGlite } = await import('@electric-sql/pglite');
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // PGlite starts PostgreSQL with -F (fsync off), and its Node file system has no fsync at all: a receipt
  // would mean "written to the page cache", lost to a power cut or an OS crash. On a data directory the
  // server runs with fsync on, WAL flushed with fsync(), and that fsync reaches the disk through the
  // handler installed below. In memory there is nothing to flush.
  const durable = opts.dataDir !== undefined && !opts.unsafeNoFsync;
  const pgl = await PGlite.create(opts.dataDir ?? 'memory://', {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
    ...(durable
      ? { startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'] }
      : {}),
  });
  if (durable) installNodeFsync(pgl);
  const db = new Kysely<Database>({ dialect: pgliteDialect(pgl) });
  return {
    db,
    readDb: db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await pgl.close();
    },
  };
}

interface EmscriptenStream {
  nfd?: number;
}

/**
 * Emscripten's NODEFS forwards reads and writes to real files but drops fsync (its stream operations have
 * none, and the syscall then succeeds without doing anything). Adding the operation makes PostgreSQL's
 * fsync of the WAL at each commit, and of data files at checkpoints, a real fsync of the file.
 */
function installNodeFsync(pgl: object) {
  const mod = (pgl as { mod?: { NODEFS?: { stream_ops?: Record<string, unknown> } } }).mod;
  const ops = mod?.NODEFS?.stream_ops;
  if (!ops) throw new Error('PGlite without NODEFS: cannot make the embedded database durable');
  ops.fsync = (stream: EmscriptenStream) => {
    if (stream.nfd !== undefined) fs.fsyncSync(stream.nfd);
    return 0;
  };
}

/** A Kysely on a pool of its own: the primary's, or the replica's. */
function postgresDb(url: string, opts: OpenOptions): Kysely<Database> {
  const t = opts.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const raw = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 20,
    // A database that hangs instead of refusing must not hang every request: a connect gives up after
    // connectMs, the server cancels a statement after statementMs, and the client stops waiting for an
    // answer a little later (a server that no longer answers at all cannot cancel anything).
    ...(t.connectMs ? { connectionTimeoutMillis: t.connectMs } : {}),
    ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
    ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
  });
  // Behind PgBouncer in transaction mode (before 1.21) a statement prepared on one server connection is
  // unknown on the next, so there every statement goes unnamed (deploy/README.md, "PgBouncer").
  const pool = opts.preparedStatements === false ? raw : prepareStatements(raw);
  const onError =
    opts.onIdleConnectionError ??
    ((err: Error) => process.stderr.write(`database: connection closed: ${err.message}\n`));
  // Without a listener, a server closing a connection would crash the process. The pool's own 'error'
  // covers idle clients only; a client checked out by a request emits on itself, so every client gets a
  // listener when it connects. Its query fails on its own, and the pool discards the broken client when
  // it is released, so the next query opens a fresh connection.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
