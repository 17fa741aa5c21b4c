import { escalationStep } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { notifyAlert } from './notify.js';
import { getWarningSettings, type WarningSettings } from './settings.js';

const BATCH = 200;

/**
 * Moves every open alert that has waited past its deadline one step up the ladder (school → leader →
 * district), as of `now`. Each step is its own transaction guarded on the alert's current level, so two
 * sweepers (two app nodes) never escalate the same alert twice. Returns how many alerts moved.
 */
export async function sweepEscalations(db: Kysely<Database>, now: Date): Promise<number> {
  // Alerts at school level are due by due_at; at leader level a deadline after escalated_at, which depends
  // on the city's settings, so the pure rule in core decides for each candidate.
  const settingsOf = new Map<string, WarningSettings>();
  let moved = 0;
  // Page by (due_at, id): alerts waiting at leader level are always past due_at and must not crowd out
  // the newly overdue ones behind them.
  let after: { dueAt: Date; id: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('alert')
      .select([
        'id',
        'city_id',
        'district_id',
        'school_id',
        'urgency',
        'status',
        'due_at',
        'escalation_level',
        'escalated_at',
      ])
      .where('status', '=', 'open')
      .where('escalation_level', '!=', 'district')
      .where('due_at', '<=', now);
    if (after) {
      const { dueAt, id } = after;
      query = query.where((eb) =>
        eb.or([eb('due_at', '>', dueAt), eb.and([eb('due_at', '=', dueAt), eb('id', '>', id)])]),
      );
    }
    const candidates = await query.orderBy('due_at').orderBy('id').limit(BATCH).execute();
    for (const a of candidates) moved += (await escalateOne(db, a, now, settingsOf)) ? 1 : 0;
    if (candidates.length < BATCH) return moved;
    const last = candidates[candidates.length - 1]!;
    after = { dueAt: last.due_at, id: last.id };
  }
}

type Candidate = {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  urgency: 'crisis' | 'high' | 'attention';
  status: 'open' | 'acknowledged' | 'closed';
  due_at: Date;
  escalation_level: 'school' | 'leader' | 'district';
  escalated_at: Date | null;
};

async function escalateOne(
  db: Kysely<Database>,
  a: Candidate,
  now: Date,
  settingsOf: Map<string, WarningSettings>,
): Promise<boolean> {
  let settings = settingsOf.get(a.city_id);
  if (!settings) settingsOf.set(a.city_id, (settings = await getWarningSettings(db, a.city_id)));
  const step = escalationStep(
    {
      status: a.status,
      urgency: a.urgency,
      dueAt: a.due_at,
      escalationLevel: a.escalation_level,
      escalatedAt: a.escalated_at,
    },
    now,
    settings.deadlineMinutes,
  );
  if (step.kind !== 'escalate') return false;
  return db.transaction().execute(async (tx) => {
    const updated = await tx
      .updateTable('alert')
      .set({ escalation_level: step.to, escalated_at: now })
      .where('id', '=', a.id)
      .where('status', '=', 'open')
      .where('escalation_level', '=', a.escalation_level)
      .returning('id')
      .executeTakeFirst();
    if (!updated) return false;
    await tx
      .insertInto('alert_event')
      .values({
        alert_id: a.id,
        kind: 'escalated',
        at: now,
        detail: JSON.stringify({
          from: a.escalation_level,
          to: step.to,
          overdueSince: step.overdueSince.toISOString(),
        }),
      })
      .execute();
    await notifyAlert(tx, a, step.to, settings.channels);
    return true;
  });
}
