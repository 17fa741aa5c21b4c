import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/types.js';

export interface AuditEntry {
  userId: string | null;
  username: string | null;
  bindingId: string | null;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  cityId: string | null;
  districtId: string | null;
  schoolId: string | null;
  outcome: 'success' | 'failure' | 'denied';
  requestId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Chains per school (else district, else city), each split in AUDIT_STRIPES stripes. A chain's head row is
 * locked from an append until its writer commits, so with one chain per school a screening window's
 * submissions from one school committed one after another (bench:profile); stripes let eight commit side by
 * side. Order within a stripe is kept by its sequence, across stripes by the entries' times; the verifier
 * walks every chain whatever its name, and chains named before stripes existed stay valid.
 */
export const AUDIT_STRIPES = 8;

export function chainOf(
  entry: Pick<AuditEntry, 'schoolId' | 'districtId' | 'cityId' | 'requestId' | 'targetId' | 'userId'>,
): string {
  const scope = entry.schoolId
    ? `school:${entry.schoolId}`
    : entry.districtId
      ? `district:${entry.districtId}`
      : entry.cityId
        ? `city:${entry.cityId}`
        : 'global';
  // The stripe follows from the entry itself, so whoever appends it can find its chain again (refusal-audit.ts).
  const spread = entry.requestId ?? entry.targetId ?? entry.userId ?? '';
  return `${scope}/${createHash('sha256').update(spread).digest()[0]! % AUDIT_STRIPES}`;
}

export function genesisHash(chain: string): string {
  return sha256(`yuxin-audit-genesis:${chain}`);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Key-sorted JSON, so the verifier rebuilds exactly the bytes that were hashed. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function payloadOf(entry: AuditEntry, at: string): string {
  return canonicalJson({ ...entry, at, detail: entry.detail ?? null });
}

/**
 * Appends one entry. Run it inside the transaction of the write it records, so the record and its audit
 * entry commit together or not at all.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await sql`with ${auditAppendCtes(entry)} select 1`.execute(db);
}

/**
 * The entry's append as two common table expressions (`audit_head_next`, `audit_appended`), for a write
 * that records itself in the same statement; nothing is appended where `guard` is false. The chain head
 * row is locked until the commit, which orders the chain, and the hash is computed from the head in the
 * same statement, so no other writer can slip in between. A chain's first entry creates its head.
 */
export function auditAppendCtes(
  entry: AuditEntry,
  guard: RawBuilder<boolean> = sql<boolean>`true`,
): RawBuilder<unknown> {
  const chain = chainOf(entry);
  const at = new Date().toISOString();
  const payload = payloadOf(entry, at);
  const genesis = genesisHash(chain);
  return sql`audit_head_next as (
      insert into audit_head as h (chain, seq, hash, prev_hash)
      select ${chain}::text, 1, encode(sha256(convert_to(${genesis}::text || ${payload}::text, 'UTF8')), 'hex'), ${genesis}::text
       where ${guard}
      on conflict (chain) do update
         set prev_hash = h.hash, seq = h.seq + 1, hash = encode(sha256(convert_to(h.hash || ${payload}::text, 'UTF8')), 'hex')
      returning seq, prev_hash, hash
    ), audit_appended as (
      insert into audit_log (chain, seq, at, user_id, username, binding_id, role, action, target_type, target_id,
                             city_id, district_id, school_id, outcome, request_id, payload, prev_hash, hash)
      select ${chain}::text, n.seq, ${at}::timestamptz, ${entry.userId}::uuid, ${entry.username}::text, ${entry.bindingId}::uuid, ${entry.role}::text,
             ${entry.action}::text, ${entry.targetType}::text, ${entry.targetId}::text, ${entry.cityId}::uuid, ${entry.districtId}::uuid, ${entry.schoolId}::uuid,
             ${entry.outcome}::text, ${entry.requestId}::text, ${payload}::text, n.prev_hash, n.hash
        from audit_head_next n
      returning seq
    )`;
}
