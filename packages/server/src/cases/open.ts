import type { Transaction } from 'kysely';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { acknowledgeOpenAlert } from '../screening/submission/alerts.js';
import { caseProblem } from './messages.js';
import { appendEvent, tenantOf, type CaseRow } from './store.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';

/**
 * Opens a case from alerts about one student. A student has at most one active case: alerts about a
 * student already in care join that case, so a retried or repeated open lands on the same case.
 */
export async function openCase(
  ctx: ServiceContext,
  alertIds: string[],
  note: string | undefined,
): Promise<{ id: string; created: boolean }> {
  const { db } = ctx;
  const ids = [...new Set(alertIds)];
  const alerts = await db.selectFrom('alert').selectAll().where('id', 'in', ids).execute();
  if (alerts.length !== ids.length) throw notFound();
  for (const a of alerts) ctx.access.require('case.manage', placementOf(a));
  const studentId = alerts[0]!.student_id;
  if (alerts.some((a) => a.student_id !== studentId))
    throw caseProblem(ctx.locale, 'validation', 'open.alerts-differ', undefined, '/alertIds');
  const userId = ctx.actorId;
  // A caller that raised the alert in its own transaction (a counseling record's "open a case") passes
  // that transaction as ctx.db, so the alert and the case commit together or not at all.
  const inTransaction = <T>(fn: (tx: Transaction<Database>) => Promise<T>) =>
    db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
  return inTransaction(async (tx) => {
    const student = await tx
      .selectFrom('student')
      .selectAll()
      .where('id', '=', studentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    let c: CaseRow | undefined = await tx
      .selectFrom('care_case')
      .selectAll()
      .where('student_id', '=', studentId)
      .where('state', '<>', 'closed')
      .executeTakeFirst();
    const created = !c;
    if (!c) {
      c = await tx
        .insertInto('care_case')
        .values({
          city_id: student.city_id,
          district_id: student.district_id,
          school_id: student.school_id,
          grade_id: student.grade_id,
          class_id: student.class_id,
          student_id: student.id,
          opened_by: userId,
          updated_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendEvent(tx, c, userId, 'opened', { alertIds: ids }, note);
    }
    // The case's binding decides; an alert of the student's former class still belongs to this case.
    const binding = ctx.access.require('case.manage', placementOf(c));
    const linked = new Set(
      (await tx.selectFrom('case_alert').select('alert_id').where('case_id', '=', c.id).execute()).map(
        (r) => r.alert_id,
      ),
    );
    const fresh = ids.filter((id) => !linked.has(id));
    if (fresh.length) {
      await tx
        .insertInto('case_alert')
        .values(fresh.map((alert_id) => ({ case_id: c.id, alert_id, ...tenantOf(c), linked_by: userId })))
        .execute();
      if (!created) await appendEvent(tx, c, userId, 'alerts_linked', { alertIds: fresh }, note);
      // Taking an alert into a case is acknowledging it: the teacher has it in hand, so it must stop
      // escalating to the leader and the district.
      for (const alert of alerts.filter((a) => fresh.includes(a.id))) await acknowledgeOpenAlert(tx, ctx, alert);
    }
    if (created || fresh.length) {
      await ctx.audit(tx, {
        action: created ? 'case.open' : 'case.link_alerts',
        targetType: 'case',
        targetId: c.id,
        placement: placementOf(c),
        binding,
        detail: { studentId, alertIds: fresh },
      });
    }
    return { id: c.id, created };
  });
}
