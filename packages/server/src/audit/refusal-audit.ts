import { canEver, type Action } from '@yuxin/core';
import type { FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { appendAudit, chainOf } from './audit.js';
import { requestAuditEntry } from './request-audit.js';

export interface Refusal {
  /** The policy action refused, or the route for routes any signed-in person may call. */
  action: string;
  status: number;
}

/**
 * Audits a policy refusal with outcome `denied`: who, under which binding, which action, the target id as
 * the request gave it, and the route. Only the first refusal per actor, action and minute appends an
 * entry; the others in that minute add to its count in audit_refusal_tally, so a scanner trying thousands
 * of ids writes one entry a minute per action, not thousands.
 */
export async function auditRefusal(db: Kysely<Database>, req: FastifyRequest, refusal: Refusal): Promise<void> {
  const account = req.signedIn?.account;
  if (!account) return;
  const params = (req.params ?? {}) as Record<string, unknown>;
  const given = Object.values(params).find((v): v is string => typeof v === 'string');
  const actor = req.access.actor;
  const binding =
    actor.bindings.find((b) => canEver({ ...actor, bindings: [b] }, refusal.action as Action)) ??
    actor.bindings[0] ??
    null;
  await db.transaction().execute(async (tx) => {
    const counted = await sql<{ first: boolean }>`
      insert into audit_refusal_tally as t (user_id, action, minute)
      values (${account.id}::uuid, ${refusal.action}, date_trunc('minute', now()))
      on conflict (user_id, action, minute) do update set count = t.count + 1
      returning (xmax = 0) as first`.execute(tx);
    if (!counted.rows[0]?.first) return;
    const entry = requestAuditEntry(req, {
      action: refusal.action,
      // As given: the refused id may name nothing at all, and is kept for the investigator as it was sent.
      targetId: given?.slice(0, 200) ?? null,
      binding,
      outcome: 'denied',
      detail: { route: `${req.method} ${req.routeOptions.url ?? ''}`, status: refusal.status },
    });
    await appendAudit(tx, entry);
    const chain = chainOf(entry);
    const head = await tx.selectFrom('audit_head').select('seq').where('chain', '=', chain).executeTakeFirstOrThrow();
    await tx
      .updateTable('audit_refusal_tally')
      .set({ chain, seq: head.seq })
      .where('user_id', '=', account.id)
      .where('action', '=', refusal.action)
      .where('minute', '=', sql<Date>`date_trunc('minute', now())`)
      .execute();
  });
}
