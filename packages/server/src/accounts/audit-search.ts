import { endOfChinaDay, startOfChinaDay } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { RequestAccess } from '../access/request-access.js';
import type { Database } from '../db/types.js';

export interface AuditSearch {
  actorUsername?: string;
  action?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A bare date means that day in China; `to` includes the whole of its day. */
export function boundOf(value: string, edge: 'from' | 'to'): Date {
  if (!DATE_ONLY.test(value)) return new Date(value);
  return edge === 'from' ? startOfChinaDay(value) : endOfChinaDay(value);
}

/**
 * Entries inside the actor's audit.read scopes, newest first. Entries with no place in the tree (failed
 * sign-ins of unknown usernames) are in no one's scope here; the chain verifier still covers them.
 */
export async function searchAudit(db: Kysely<Database>, access: RequestAccess, s: AuditSearch) {
  const query = auditSearchQuery(db, access, s);
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'at', 'username', 'role', 'action', 'target_type', 'target_id', 'outcome', 'chain', 'seq'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(s.pageSize)
    .offset((s.page - 1) * s.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorUsername: r.username,
      role: r.role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      outcome: r.outcome,
      chain: r.chain,
      seq: r.seq,
    })),
    total,
    page: s.page,
    pageSize: s.pageSize,
  };
}

/**
 * The search's rows before they are counted or paged. The actor is matched as lower(username), the
 * expression audit_log_username indexes (migration 0041): a city-wide search by actor uses it.
 */
export function auditSearchQuery(
  db: Kysely<Database>,
  access: RequestAccess,
  s: Omit<AuditSearch, 'page' | 'pageSize'>,
) {
  let query = db
    .selectFrom('audit_log')
    .where(access.filter('audit.read', { city: 'city_id', district: 'district_id', school: 'school_id' }));
  if (s.actorUsername)
    query = query.where((eb) => eb(eb.fn('lower', ['username']), '=', s.actorUsername!.toLowerCase()));
  if (s.action) query = query.where('action', '=', s.action);
  if (s.targetId) query = query.where('target_id', '=', s.targetId);
  if (s.from) query = query.where('at', '>=', boundOf(s.from, 'from'));
  if (s.to) query = query.where('at', DATE_ONLY.test(s.to) ? '<' : '<=', boundOf(s.to, 'to'));
  return query;
}
