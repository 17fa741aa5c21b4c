import { type PGlite } from '@electric-sql/pglite';
import { PostgresDialect } from 'kysely';

/**
 * Kysely's PostgresDialect only needs a pool with connect()/release(). PGlite is one session, so the
 * "pool" hands out that session to one borrower at a time: a transaction can never interleave with
 * another request's statements.
 */
export function pgliteDialect(pg: PGlite): PostgresDialect {
  let tail: Promise<void> = Promise.resolve();

  const client = {
    async query(sqlText: string, params: readonly unknown[]) {
      // Without parameters, use the simple protocol as node-pg does, so multi-statement migrations run.
      if (params.length === 0) {
        const results = await pg.exec(sqlText, { rowMode: 'object' });
        const last = results[results.length - 1];
        return {
          command: commandOf(sqlText),
          rowCount: last?.affectedRows ?? last?.rows.length ?? 0,
          rows: last?.rows ?? [],
        };
      }
      const res = await pg.query(sqlText, params as unknown[], { rowMode: 'object' });
      return { command: commandOf(sqlText), rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
    },
  };

  const pool = {
    async connect() {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const previous = tail;
      tail = previous.then(() => mine);
      await previous;
      return { ...client, release };
    },
    async end() {
      await tail;
    },
  };

  return new PostgresDialect({ pool: pool as never });
}

// Kysely reads numAffectedRows only for these commands.
function commandOf(sqlText: string): string {
  const m = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert|update|delete|merge|select)\b/i.exec(sqlText);
  return m?.[1]?.toUpperCase() ?? 'SELECT';
}
