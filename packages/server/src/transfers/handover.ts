import { decryptOptional, encryptText } from '../crypto/field-crypto.js';
import { notFound, Problem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { tm, transferProblem } from './messages.js';
import { allows } from './requests.js';
import { currentTier, findTransfer, fromPlacement, openCaseOf, toPlacement, unitNames, userNames } from './store.js';

export interface SummaryBody {
  tier: 1 | 2 | 3 | null;
  followUpNeeds: string;
  attention: string;
  sign: boolean;
}

/**
 * The sending psychology teacher writes the hand-over summary (心理档案转接) and signs it off: the
 * confirmed tier, whether a case is open (read from the case, not typed) and its follow-up needs, and
 * recommended attention. Never answers or case notes: only what she writes here. Free text is encrypted;
 * saving without `sign` leaves (or makes) it unsigned, so a changed summary is signed again.
 */
export async function writeSummary(ctx: ServiceContext, id: string, body: SummaryBody) {
  const found = await findTransfer(ctx.db, id);
  const binding = ctx.access.require('transfer.handover', fromPlacement(found));
  const followUpNeeds = body.followUpNeeds.trim();
  const attention = body.attention.trim();
  if (body.sign && !attention) {
    const message = tm('summary.required', ctx.locale);
    throw new Problem('validation', {
      detail: message,
      errors: [{ field: '/attention', key: 'field.invalid', message }],
    });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const t = await findTransfer(tx, id, true);
    if (t.status !== 'requested')
      throw transferProblem(ctx.locale, 'conflict', 'not-open', { status: tm(`status.${t.status}`, ctx.locale) });
    const now = ctx.clock();
    const caseOpen = !!(await openCaseOf(tx, t.student_id));
    await tx
      .updateTable('transfer')
      .set({
        summary_tier: body.tier,
        summary_case_open: caseOpen,
        summary_follow_up_enc: encryptText(followUpNeeds),
        summary_attention_enc: encryptText(attention),
        summary_written_by: ctx.actorId,
        summary_written_at: now,
        summary_signed_by: body.sign ? ctx.actorId : null,
        summary_signed_at: body.sign ? now : null,
        updated_at: now,
      })
      .where('id', '=', t.id)
      .execute();
    // What was written stays out of the audit log: who, about whom, signed or not.
    await ctx.audit(tx, {
      action: body.sign ? 'transfer.handover.sign' : 'transfer.handover.write',
      targetType: 'transfer',
      targetId: t.id,
      placement: fromPlacement(t),
      binding,
      detail: { studentId: t.student_id, tier: body.tier, caseOpen },
    });
    return { id: t.id, signed: body.sign, signedAt: body.sign ? now.toISOString() : null };
  });
}

/**
 * The summary for the sending psychology teachers (any time) and the receiving ones once they accepted:
 * before that the receiving school sees that a summary exists, never what it says. Every read is audited.
 */
export async function readSummary(ctx: ServiceContext, id: string) {
  const t = await findTransfer(ctx.db, id);
  const sender = allows(ctx, 'transfer.handover', fromPlacement(t));
  const binding = sender
    ? ctx.access.require('transfer.handover', fromPlacement(t))
    : ctx.access.require('transfer.handover', toPlacement(t));
  if (!sender && t.status !== 'accepted') throw notFound();
  const names = await userNames(ctx.db, [t.summary_written_by, t.summary_signed_by]);
  await ctx.audit(ctx.db, {
    action: 'transfer.handover.read',
    targetType: 'transfer',
    targetId: t.id,
    placement: sender ? fromPlacement(t) : toPlacement(t),
    binding,
    detail: { studentId: t.student_id, side: sender ? 'sending' : 'receiving' },
  });
  return {
    id: t.id,
    written: t.summary_written_at !== null,
    // Before anything is written the sender's form starts from the tier on record.
    tier: t.summary_written_at ? t.summary_tier : await currentTier(ctx.db, t.student_id),
    caseOpen: t.summary_written_at ? !!t.summary_case_open : !!(await openCaseOf(ctx.db, t.student_id)),
    followUpNeeds: decryptOptional(t.summary_follow_up_enc) ?? '',
    attention: decryptOptional(t.summary_attention_enc) ?? '',
    writtenBy: t.summary_written_by ? (names.get(t.summary_written_by) ?? '') : null,
    writtenAt: t.summary_written_at?.toISOString() ?? null,
    signedBy: t.summary_signed_by ? (names.get(t.summary_signed_by) ?? '') : null,
    signedAt: t.summary_signed_at?.toISOString() ?? null,
    // The receiving school reaches the handed-over case here.
    caseId: sender ? null : t.handed_case_id,
  };
}

/**
 * The signed hand-over summaries of a student's accepted moves, oldest first: the archive's section for the
 * psychology teachers of the school the student is in now (the archive follows the student, so a senior
 * school also reads what the primary school handed to the junior one). The archive audits the read.
 */
export async function acceptedSummariesOf(db: ServiceContext['db'], studentId: string) {
  const rows = await db
    .selectFrom('transfer')
    .selectAll()
    .where('student_id', '=', studentId)
    .where('status', '=', 'accepted')
    .where('summary_signed_at', 'is not', null)
    .orderBy('decided_at')
    .execute();
  const schools = await unitNames(
    db,
    rows.flatMap((t) => [t.from_school_id, t.to_school_id]),
  );
  const names = await userNames(
    db,
    rows.map((t) => t.summary_signed_by),
  );
  return rows.map((t) => ({
    id: t.id,
    kind: t.kind,
    fromSchool: schools.get(t.from_school_id) ?? '',
    toSchool: schools.get(t.to_school_id) ?? '',
    acceptedAt: t.decided_at?.toISOString() ?? null,
    tier: t.summary_tier,
    caseOpen: !!t.summary_case_open,
    followUpNeeds: decryptOptional(t.summary_follow_up_enc) ?? '',
    attention: decryptOptional(t.summary_attention_enc) ?? '',
    signedBy: t.summary_signed_by ? (names.get(t.summary_signed_by) ?? '') : '',
    signedAt: t.summary_signed_at!.toISOString(),
  }));
}
