import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './connect.js';
import { createTestDatabase } from '../testing/test-db.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

describe('prepared statements on PostgreSQL', () => {
  it('parses a parameterised statement once per connection and reuses it', async (t) => {
    // PGlite is one in-process session with no pool to prepare for.
    if (handle.engine !== 'postgres') return t.skip();
    const prepared = await handle.db.connection().execute(async (conn) => {
      for (const n of [1, 2, 3])
        expect((await sql<{ n: number }>`select ${n}::int + 1 as n`.execute(conn)).rows[0]!.n).toBe(n + 1);
      await sql`begin`.execute(conn);
      await sql`rollback`.execute(conn);
      return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn)).rows.map(
        (r) => r.statement,
      );
    });
    // The statement with a parameter was prepared once; BEGIN, ROLLBACK and parameterless reads were not.
    expect(prepared.filter((s) => s.includes('::int + 1'))).toHaveLength(1);
    expect(prepared.some((s) => /^(begin|rollback)$/i.test(s))).toBe(false);
  });
});
