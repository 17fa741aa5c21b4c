import { sql, type Kysely } from 'kysely';
import { chainOf, genesisHash, payloadOf, sha256, type AuditEntry } from '../audit/audit.js';
import type { Database } from '../db/types.js';

/** One session to open, with the audit entry that records it. */
export interface SessionToOpen {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  secondFactor: 'verify' | 'enrol' | null;
  onlyAssignmentId: string | null;
  screeningCodeId: string | null;
  /** A password sign-in after failures or the account's first: its failures and lock cleared, its activation kept. */
  resetAccount: boolean;
  audit: AuditEntry;
}

interface Pending {
  session: SessionToOpen;
  openedAt: Date;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Sign-ins written by one transaction at most; more wait for the next. */
const MAX_BATCH = 128;
const DEADLOCK_DETECTED = '40P01';
const UNIQUE_VIOLATION = '23505';

/**
 * Sign-ins are written together (issue 16): on a screening morning a class signs in within a minute and a
 * city's million students within ten, and a commit of its own per sign-in cost more PostgreSQL CPU than
 * everything else a sign-in does. While one batch is being written the next sign-ins queue, and all of them
 * go in the next transaction: at one sign-in at a time nothing waits, under load a commit carries dozens.
 * Each sign-in is answered only after the commit that holds its session and its audit entry, so nothing is
 * acknowledged that a crash could lose; a batch that fails is retried one sign-in at a time, so one bad row
 * fails only its own sign-in.
 */
export class SessionBatcher {
  readonly #queue: Pending[] = [];
  #writing = false;

  constructor(private readonly db: Kysely<Database>) {}

  open(session: SessionToOpen): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ session, openedAt: new Date(), resolve, reject });
      this.#next();
    });
  }

  #next() {
    if (this.#writing || this.#queue.length === 0) return;
    this.#writing = true;
    // After the current turn of the event loop, so that sign-ins arriving together go in one batch.
    setImmediate(() => void this.#write());
  }

  async #write() {
    const batch = this.#queue.splice(0, MAX_BATCH);
    try {
      await writeWithRetry(this.db, batch);
      for (const p of batch) p.resolve();
    } catch (err) {
      if (batch.length === 1) batch[0]!.reject(err);
      else
        for (const p of batch)
          await writeWithRetry(this.db, [p]).then(
            () => p.resolve(),
            (e: unknown) => p.reject(e),
          );
    } finally {
      this.#writing = false;
      this.#next();
    }
  }
}

/** Tries a batch again after a race it can lose: a deadlock, or a new chain's first entry written meanwhile. */
const RACES = new Set([DEADLOCK_DETECTED, UNIQUE_VIOLATION]);
const ATTEMPTS = 4;

async function writeWithRetry(db: Kysely<Database>, batch: Pending[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeSessions(db, batch);
    } catch (err) {
      // Chain heads are locked in name order here, but a single write elsewhere may hold one head and wait for
      // another, and a chain without a head yet has no row to lock: another writer can append its first entry
      // meanwhile, and ours then collides on the chain's sequence. Either way the next try, in a new snapshot,
      // finds the heads as committed.
      if (attempt >= ATTEMPTS || !RACES.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}

/**
 * The batch in one transaction: the chain heads its entries extend are locked (in name order), the entries'
 * hashes are chained here exactly as `auditAppendCtes` chains one in SQL, and the sessions, entries, new
 * heads and accounts' resets are written by one statement. A code's earlier session ends; a code signed in twice in one batch
 * keeps only its last session (one device at a time).
 */
async function writeSessions(db: Kysely<Database>, batch: Pending[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const entries = batch.map((p) => {
      const at = p.openedAt.toISOString();
      return { entry: p.session.audit, chain: chainOf(p.session.audit), at, payload: payloadOf(p.session.audit, at) };
    });
    const chains = [...new Set(entries.map((e) => e.chain))].sort();
    const { rows: found } = await sql<{ chain: string; seq: string | number; hash: string }>`
      select chain, seq, hash from audit_head where chain = any(${chains}::text[]) order by chain for update`.execute(
      tx,
    );
    const heads = new Map(found.map((h) => [h.chain, { seq: Number(h.seq), hash: h.hash, prevHash: '' }]));
    const chained = entries.map((e) => {
      const head = heads.get(e.chain) ?? { seq: 0, hash: genesisHash(e.chain), prevHash: '' };
      const next = { seq: head.seq + 1, hash: sha256(head.hash + e.payload), prevHash: head.hash };
      heads.set(e.chain, next);
      return { ...e, seq: next.seq, prevHash: head.hash, hash: next.hash };
    });
    const lastOfCode = new Map<string, number>();
    batch.forEach((p, i) => {
      if (p.session.screeningCodeId) lastOfCode.set(p.session.screeningCodeId, i);
    });
    const sessions = batch.map((p) => p.session);
    const col = <T>(pick: (s: SessionToOpen, i: number) => T) => sessions.map(pick);
    const log = <T>(pick: (c: (typeof chained)[number]) => T) => chained.map(pick);
    const newHeads = chains.map((chain) => ({ chain, ...heads.get(chain)! }));
    const reset = batch.filter((p) => p.session.resetAccount);
    await sql`
      with reset as (
        update user_account as a set failed_attempts = 0, locked_until = null, activated_at = coalesce(a.activated_at, r.opened_at)
          from unnest(${reset.map((p) => p.session.userId)}::uuid[], ${reset.map((p) => p.openedAt.toISOString())}::timestamptz[]) as r (id, opened_at)
         where a.id = r.id
      ), ended as (
        update user_session set revoked_at = now()
         where screening_code_id = any(${[...lastOfCode.keys()]}::uuid[]) and revoked_at is null
      ), opened as (
        insert into user_session (token_hash, user_id, csrf_token, last_seen_at, expires_at, ip, user_agent, second_factor,
                                  only_assignment_id, screening_code_id, revoked_at)
        select * from unnest(${col((s) => s.tokenHash)}::text[], ${col((s) => s.userId)}::uuid[], ${col((s) => s.csrfToken)}::text[],
                             ${batch.map((p) => p.openedAt.toISOString())}::timestamptz[], ${col((s) => s.expiresAt.toISOString())}::timestamptz[],
                             ${col((s) => s.ip)}::text[], ${col((s) => s.userAgent)}::text[], ${col((s) => s.secondFactor)}::text[],
                             ${col((s) => s.onlyAssignmentId)}::uuid[], ${col((s) => s.screeningCodeId)}::uuid[],
                             ${col((s, i) => (s.screeningCodeId && lastOfCode.get(s.screeningCodeId) !== i ? new Date().toISOString() : null))}::timestamptz[])
      ), logged as (
        insert into audit_log (chain, seq, at, user_id, username, binding_id, role, action, target_type, target_id,
                               city_id, district_id, school_id, outcome, request_id, payload, prev_hash, hash)
        select * from unnest(${log((c) => c.chain)}::text[], ${log((c) => c.seq)}::bigint[], ${log((c) => c.at)}::timestamptz[],
                             ${log((c) => c.entry.userId)}::uuid[], ${log((c) => c.entry.username)}::text[], ${log((c) => c.entry.bindingId)}::uuid[],
                             ${log((c) => c.entry.role)}::text[], ${log((c) => c.entry.action)}::text[], ${log((c) => c.entry.targetType)}::text[],
                             ${log((c) => c.entry.targetId)}::text[], ${log((c) => c.entry.cityId)}::uuid[], ${log((c) => c.entry.districtId)}::uuid[],
                             ${log((c) => c.entry.schoolId)}::uuid[], ${log((c) => c.entry.outcome)}::text[], ${log((c) => c.entry.requestId)}::text[],
                             ${log((c) => c.payload)}::text[], ${log((c) => c.prevHash)}::text[], ${log((c) => c.hash)}::text[])
      )
      insert into audit_head as h (chain, seq, hash, prev_hash)
      select n.chain, n.seq, n.hash, n.prev_hash
        from unnest(${newHeads.map((h) => h.chain)}::text[], ${newHeads.map((h) => h.seq)}::bigint[], ${newHeads.map((h) => h.hash)}::text[],
                    ${newHeads.map((h) => h.prevHash)}::text[]) as n (chain, seq, hash, prev_hash)
      on conflict (chain) do update set seq = excluded.seq, hash = excluded.hash, prev_hash = excluded.prev_hash
    `.execute(tx);
  });
}
