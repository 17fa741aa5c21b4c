import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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
 * A chain per school (else district, else city): each chain head is locked until its writer commits, so
 * finer chains let a screening window's submissions from different schools commit side by side.
 */
export function chainOf(entry: Pick<AuditEntry, 'schoolId' | 'districtId' | 'cityId'>): string {
  if (entry.schoolId) return `school:${entry.schoolId}`;
  if (entry.districtId) return `district:${entry.districtId}`;
  if (entry.cityId) return `city:${entry.cityId}`;
  return 'global';
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
 * entry commit together or not at all. The chain head row is locked until that commit, which orders the
 * chain; hashing happens in the same statement so no other writer can slip in between.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const chain = chainOf(entry);
  const at = new Date().toISOString();
  const payload = payloadOf(entry, at);
  await sql`insert into audit_head (chain, seq, hash, prev_hash) values (${chain}, 0, ${genesisHash(chain)}, '') on conflict (chain) do nothing`.execute(db);
  await sql`
    with head as (
      update audit_head
         set prev_hash = hash, seq = seq + 1, hash = encode(sha256(convert_to(hash || ${payload}, 'UTF8')), 'hex')
       where chain = ${chain}
   returning seq, prev_hash, hash
    )
    insert into audit_log (chain, seq, at, user_id, username, binding_id, role, action, target_type, target_id,
                           city_id, district_id, school_id, outcome, request_id, payload, prev_hash, hash)
    select ${chain}, head.seq, ${at}::timestamptz, ${entry.userId}, ${entry.username}, ${entry.bindingId}, ${entry.role},
           ${entry.action}, ${entry.targetType}, ${entry.targetId}, ${entry.cityId}, ${entry.districtId}, ${entry.schoolId},
           ${entry.outcome}, ${entry.requestId}, ${payload}, head.prev_hash, head.hash
      from head
  `.execute(db);
}
