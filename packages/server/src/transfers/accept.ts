import { acceptRefusal, transferStep } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { appendEvent, type CaseRow } from '../cases/store.js';
import type { Database } from '../db/types.js';
import { moveEnrollments } from '../roster/enrollment.js';
import type { ServiceContext } from '../services/context.js';
import { acceptRefusalKey, tm, transferProblem } from './messages.js';
import { noticeAccepted } from './notices.js';
import { currentTier, findTransfer, openCaseOf, toPlacement, type TransferRow } from './store.js';

type Db = Kysely<Database>;

/**
 * The receiving school takes the student on, in one transaction: the student and their confirmed tier
 * move to the chosen class, the old enrollment ends and a new one starts (history is kept), an open case
 * to be handed over moves with them to the receiving school, and the guardians are told. Refused until
 * the summary is signed when the student needs one (core's `acceptRefusal`); a second acceptance finds the
 * request decided and is refused.
 */
export async function acceptTransfer(ctx: ServiceContext, id: string, classId: string) {
  const found = await findTransfer(ctx.db, id);
  const binding = ctx.access.require('transfer.accept', toPlacement(found));
  const cls = await ctx.db.selectFrom('org_unit').selectAll().where('id', '=', classId).executeTakeFirst();
  if (!cls || cls.kind !== 'class' || cls.school_id !== found.to_school_id || cls.deactivated_at)
    throw transferProblem(ctx.locale, 'validation', 'class.invalid', {}, '/classId');
  return ctx.db.transaction().execute(async (tx) => {
    const t = await findTransfer(tx, id, true);
    const step = transferStep(t.status, 'accept');
    if (!step.ok)
      throw transferProblem(ctx.locale, 'conflict', 'not-open', { status: tm(`status.${t.status}`, ctx.locale) });
    const openCase = await openCaseOf(tx, t.student_id);
    const refusal = acceptRefusal({
      tier: await currentTier(tx, t.student_id),
      caseOpen: !!openCase,
      summarySigned: t.summary_signed_at !== null,
      caseDisposition: t.case_disposition,
    });
    if (refusal) throw transferProblem(ctx.locale, 'conflict', acceptRefusalKey(refusal));
    const now = ctx.clock();
    const to = {
      city_id: t.city_id,
      district_id: t.to_district_id,
      school_id: t.to_school_id,
      grade_id: cls.grade_id!,
      class_id: cls.id,
    };
    await tx
      .updateTable('student')
      .set({ ...to, status: 'active', updated_at: now })
      .where('id', '=', t.student_id)
      .execute();
    await moveEnrollments(tx, [{ student: { id: t.student_id, ...to }, classId: cls.id, gradeId: cls.grade_id! }]);
    // The confirmed tier is the student's, and the new school's staff read it where they read the class.
    await tx
      .updateTable('student_tier')
      .set({ district_id: to.district_id, school_id: to.school_id, class_id: to.class_id })
      .where('student_id', '=', t.student_id)
      .execute();
    await tx
      .updateTable('student_guardian')
      .set({ district_id: to.district_id, school_id: to.school_id })
      .where('student_id', '=', t.student_id)
      .execute();
    if (openCase) await handOverCase(tx, openCase, t, to, ctx.actorId);
    await tx
      .updateTable('transfer')
      .set({
        status: 'accepted',
        to_class_id: cls.id,
        handed_case_id: openCase?.id ?? null,
        decided_by: ctx.actorId,
        decided_at: now,
        updated_at: now,
      })
      .where('id', '=', t.id)
      .execute();
    await ctx.audit(tx, {
      action: 'transfer.accept',
      targetType: 'transfer',
      targetId: t.id,
      placement: { ...toPlacement(t), classId: cls.id },
      binding,
      detail: { studentId: t.student_id, classId: cls.id, caseId: openCase?.id ?? null },
    });
    await noticeAccepted(tx, t);
    return { id: t.id, status: 'accepted' as const, caseId: openCase?.id ?? null };
  });
}

/**
 * An open case follows the student explicitly: the case and every row of it carry the school they sit
 * in, so all move to the receiving school (the sending school's staff no longer reach it), its open
 * follow-ups go to the accepting psychology teacher, and the timeline says where it came from.
 */
async function handOverCase(
  tx: Db,
  c: CaseRow,
  t: TransferRow,
  to: { district_id: string; school_id: string; grade_id: string; class_id: string },
  actorId: string,
) {
  const tenant = { district_id: to.district_id, school_id: to.school_id };
  await tx
    .updateTable('care_case')
    .set({ ...tenant, grade_id: to.grade_id, class_id: to.class_id, updated_at: new Date() })
    .where('id', '=', c.id)
    .execute();
  for (const table of [
    'case_alert',
    'case_event',
    'case_helper',
    'referral',
    'case_approval',
    'case_disclosure',
    'case_conference',
  ] as const)
    await tx.updateTable(table).set(tenant).where('case_id', '=', c.id).execute();
  await tx
    .updateTable('follow_up')
    .set({ ...tenant, class_id: to.class_id })
    .where('case_id', '=', c.id)
    .execute();
  await tx
    .updateTable('follow_up')
    .set({ responsible_user_id: actorId })
    .where('case_id', '=', c.id)
    .where('done_at', 'is', null)
    .execute();
  const alerts = await tx.selectFrom('case_alert').select('alert_id').where('case_id', '=', c.id).execute();
  if (alerts.length)
    await tx
      .updateTable('alert')
      .set({ ...tenant, grade_id: to.grade_id, class_id: to.class_id })
      .where(
        'id',
        'in',
        alerts.map((a) => a.alert_id),
      )
      .execute();
  await appendEvent(tx, { id: c.id, city_id: c.city_id, ...tenant }, actorId, 'handed_over', {
    transferId: t.id,
    fromSchoolId: t.from_school_id,
    toSchoolId: t.to_school_id,
  });
}
