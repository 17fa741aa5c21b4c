import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './types.js';

type Slot = { arg: number } | { value: unknown };

/**
 * A query Kysely builds and compiles once per database handle and then runs with new values: for the one-row
 * reads every request makes (its session, a code's student), building the query's object graph and compiling
 * it cost more of the node's CPU than sending it (bench:profile). `build` receives markers in place of its
 * arguments, so it may use them only as values, never to decide the query's shape; a marker that does not
 * reach the parameters unchanged is refused at once.
 */
export function compiledOnce<A extends unknown[], R>(
  build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<Kysely<Database>, { sql: string; slots: Slot[] }>();
  return async (db, ...args) => {
    let query = compiled.get(db);
    if (!query) {
      const markers = args.map((_, i) => `\u0000compiled-once-argument-${i}\u0000`);
      const { sql, parameters } = build(db, ...(markers as A)).compile();
      const slots = parameters.map((p): Slot => {
        const arg = markers.indexOf(p as string);
        return arg >= 0 ? { arg } : { value: p };
      });
      markers.forEach((_, i) => {
        if (!slots.some((s) => 'arg' in s && s.arg === i))
          throw new Error(`compiledOnce: argument ${i} is not passed to the query as a value`);
      });
      query = { sql, slots };
      compiled.set(db, query);
    }
    const values = query.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(query.sql, values));
    return result.rows;
  };
}
