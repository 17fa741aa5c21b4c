import type pg from 'pg';

/**
 * Statements sent with parameters become named prepared statements, so each pooled connection parses and
 * plans a statement once instead of on every request (under screening load, planning was a large share of
 * PostgreSQL's CPU per submission). Names are bounded: statement texts that vary without end (an `in`
 * list of every length) stop being named after `limit` distinct texts and run unprepared, so neither this
 * process nor the server's backends grow without bound. Statements without parameters (BEGIN, migrations
 * with several commands) keep the simple protocol.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();
  constructor(readonly limit = 400) {}

  nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known !== undefined || this.#names.size >= this.limit) return known;
    const name = `yx${this.#names.size.toString(36)}`;
    this.#names.set(text, name);
    return name;
  }

  get size(): number {
    return this.#names.size;
  }
}

const PREPARED = Symbol('yuxin.prepared');

type Queryable = pg.PoolClient & { [PREPARED]?: true };

/** Makes a pool's clients send parameterised statements as named prepared statements (see StatementNames). */
export function prepareStatements(pool: pg.Pool, names = new StatementNames()): pg.Pool {
  pool.on('connect', (client: Queryable) => {
    if (client[PREPARED]) return;
    client[PREPARED] = true;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const [text, values] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
        const name = names.nameOf(text);
        if (name) return query({ name, text, values });
      }
      return query(...args);
    }) as typeof client.query;
  });
  return pool;
}
