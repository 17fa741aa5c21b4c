import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';
import { storeSubmission, storeSubmissionIn, type StoreInput, type StoreOutcome } from './store.js';

export interface GroupCommitOptions {
  /** Most submissions stored by one transaction. */
  maxBatch: number;
  /**
   * Transactions in flight at once; the rest of the pool stays free for reads and sign-ins. More than one
   * lets batches deadlock on shared count rows (each is then stored alone, so it costs time, not data).
   */
  concurrency: number;
}

interface Pending {
  input: StoreInput;
  resolve: (outcome: StoreOutcome) => void;
  reject: (err: unknown) => void;
}

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';

/**
 * Durable group commit for submissions: submissions that arrive while a transaction is committing wait and
 * are stored together by the next one, each inside its own savepoint (a failing submission is undone alone),
 * and each is acknowledged only after that transaction's COMMIT returned. A batch the database aborts as a
 * whole (a deadlock between batches locking schools' audit chains in different orders) is stored again one
 * submission per transaction, so nothing acknowledged is lost and nothing is stored twice: an aborted
 * transaction stored nothing.
 */
export class GroupCommitter {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: GroupCommitOptions,
  ) {}

  store(input: StoreInput): Promise<StoreOutcome> {
    return new Promise<StoreOutcome>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.opts.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      void this.commit(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async commit(batch: Pending[]) {
    const settled: Array<{ ok: true; outcome: StoreOutcome } | { ok: false; err: unknown }> = [];
    try {
      await this.db.transaction().execute(async (tx) => {
        settled.length = 0;
        for (const [i, p] of batch.entries()) {
          const savepoint = sql.raw(`submission_${i}`);
          await sql`savepoint ${savepoint}`.execute(tx);
          try {
            settled.push({ ok: true, outcome: await storeSubmissionIn(tx, p.input) });
            await sql`release savepoint ${savepoint}`.execute(tx);
          } catch (err) {
            if (isWholeTransactionAbort(err)) throw err;
            await sql`rollback to savepoint ${savepoint}`.execute(tx);
            settled.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      if (!isWholeTransactionAbort(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      await Promise.all(batch.map((p) => storeAlone(this.db, p.input).then(p.resolve, p.reject)));
      return;
    }
    // Only now, after COMMIT: a receipt means the answers are on disk.
    batch.forEach((p, i) => {
      const s = settled[i]!;
      if (s.ok) p.resolve(s.outcome);
      else p.reject(s.err);
    });
  }
}

/**
 * One submission in its own transaction, again after a deadlock: batches still in flight lock shared rows
 * (count cells, audit heads) in their own order, so the fallback can meet them; an aborted try stored nothing.
 */
async function storeAlone(db: Kysely<Database>, input: StoreInput, attempts = 5): Promise<StoreOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await storeSubmission(db, input);
    } catch (err) {
      if (!isWholeTransactionAbort(err) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}

function isWholeTransactionAbort(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === DEADLOCK || code === SERIALIZATION;
}
