import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type CompiledQuery,
  type DatabaseConnection,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce } from './compiled-once.js';
import type { Database } from './types.js';

/** A Kysely whose "database" records what it is sent and answers one row. */
function recordingDb() {
  const sent: CompiledQuery[] = [];
  const connection: DatabaseConnection = {
    executeQuery: async <R>(query: CompiledQuery) => {
      sent.push(query);
      return { rows: [{ answered: sent.length }] as R[] };
    },
    streamQuery: () => {
      throw new Error('not used');
    },
  };
  class RecordingDriver extends DummyDriver {
    override acquireConnection = async () => connection;
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return { db, sent };
}

describe('compiledOnce', () => {
  const byUsername = compiledOnce((db: Kysely<Database>, username: string, kind: 'staff' | 'student') =>
    db
      .selectFrom('user_account')
      .select(['id'])
      .where('username', '=', username)
      .where('kind', '=', kind)
      .where('disabled_at', 'is', null)
      .limit(1),
  );

  it('sends the text the builder would, with each call’s own values in their places', async () => {
    const { db, sent } = recordingDb();
    const built = db
      .selectFrom('user_account')
      .select(['id'])
      .where('username', '=', 'a')
      .where('kind', '=', 'staff')
      .where('disabled_at', 'is', null)
      .limit(1)
      .compile();
    expect(await byUsername(db, 'a', 'staff')).toEqual([{ answered: 1 }]);
    await byUsername(db, 'b', 'student');
    expect(sent.map((q) => q.sql)).toEqual([built.sql, built.sql]);
    expect(sent.map((q) => q.parameters)).toEqual([
      ['a', 'staff', 1],
      ['b', 'student', 1],
    ]);
  });

  it('refuses a builder that uses an argument for the shape of the query rather than as a value', async () => {
    const { db } = recordingDb();
    const shaped = compiledOnce((k: Kysely<Database>, column: string) =>
      k.selectFrom('user_account').select(sql.ref(column).as('x')),
    );
    await expect(shaped(db, 'username')).rejects.toThrow(/argument 0 is not passed to the query as a value/);
  });
});
