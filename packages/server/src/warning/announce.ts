import { dueAt } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { notifyAlert } from './notify.js';
import { getWarningSettings } from './settings.js';

/**
 * Starts the warning workflow of a newly raised alert, inside the transaction that raised it: its deadline
 * follows the city's setting for its urgency, the raise is recorded, and the school's psychology teachers
 * are notified. Every place that inserts an alert calls this or, for an alert its author has already taken
 * on, recordTakenAlert.
 */
export async function announceAlert(tx: Kysely<Database>, alertId: string): Promise<void> {
  const alert = await tx
    .selectFrom('alert')
    .select(['id', 'city_id', 'district_id', 'school_id', 'urgency', 'source', 'created_at'])
    .where('id', '=', alertId)
    .executeTakeFirstOrThrow();
  const settings = await getWarningSettings(tx, alert.city_id);
  const due = dueAt(alert.created_at, alert.urgency, settings.deadlineMinutes);
  await tx.updateTable('alert').set({ due_at: due }).where('id', '=', alertId).execute();
  await tx
    .insertInto('alert_event')
    .values({
      alert_id: alertId,
      kind: 'raised',
      at: alert.created_at,
      detail: JSON.stringify({ source: alert.source, urgency: alert.urgency }),
    })
    .execute();
  await notifyAlert(tx, { ...alert, due_at: due }, 'school', settings.channels);
}

/**
 * Records an alert that its own author has already taken on (a psychology teacher confirming a higher tier
 * after her talk with the student): it stands on the student's record and can start a case, but it tells
 * no one and never escalates, because the person it would go to made the decision. Inside the transaction
 * that raised it.
 */
export async function recordTakenAlert(tx: Kysely<Database>, alertId: string, takenBy: string): Promise<void> {
  const alert = await tx
    .selectFrom('alert')
    .select(['city_id', 'urgency', 'source', 'created_at'])
    .where('id', '=', alertId)
    .executeTakeFirstOrThrow();
  const settings = await getWarningSettings(tx, alert.city_id);
  await tx
    .updateTable('alert')
    .set({
      due_at: dueAt(alert.created_at, alert.urgency, settings.deadlineMinutes),
      status: 'acknowledged',
      acknowledged_at: alert.created_at,
      acknowledged_by: takenBy,
    })
    .where('id', '=', alertId)
    .execute();
  await tx
    .insertInto('alert_event')
    .values([
      {
        alert_id: alertId,
        kind: 'raised',
        at: alert.created_at,
        actor_id: takenBy,
        detail: JSON.stringify({ source: alert.source, urgency: alert.urgency }),
      },
      { alert_id: alertId, kind: 'acknowledged', at: alert.created_at, actor_id: takenBy, detail: '{}' },
    ])
    .execute();
}
