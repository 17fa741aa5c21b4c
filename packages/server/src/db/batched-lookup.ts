import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import type { Database } from './types.js';

/** Lookups gathered into one statement at most; more go in the next. */
const MAX_LOOKUPS = 128;

/**
 * One-row reads that arrive together answered by one statement (issue 16): on a screening morning hundreds of
 * requests a second each read their session, or a code, by a unique key, and a statement per read cost
 * PostgreSQL and the node more than the index lookup itself. The reads of one turn of the event loop go in one
 * statement (DataLoader, scheduled after the turn); a read on its own is its own statement. Nothing is cached:
 * a session revoked or a code withdrawn a moment ago must be seen as such by the next read.
 *
 * `read` gets the keys in order and returns each found row with `turn`, the key's place from 1 (`unnest …
 * with ordinality`); a key without a row reads as undefined. One loader per database handle.
 */
export function batchedLookup<K, R extends { turn: string | number }>(
  read: (db: Kysely<Database>, keys: readonly K[]) => Promise<R[]>,
): (db: Kysely<Database>) => DataLoader<K, R | undefined> {
  const loaders = new WeakMap<Kysely<Database>, DataLoader<K, R | undefined>>();
  return (db) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          const byTurn = new Map((await read(db, keys)).map((r) => [Number(r.turn), r]));
          return keys.map((_, i) => byTurn.get(i + 1));
        },
        { cache: false, maxBatchSize: MAX_LOOKUPS, batchScheduleFn: (run) => setImmediate(run) },
      );
      loaders.set(db, loader);
    }
    return loader;
  };
}
