import { decryptText, encryptText } from '../crypto/field-crypto.js';
import { fieldProblem } from '../http/problem.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import { counselingProblem, km } from './messages.js';
import { findRecord } from './records.js';
import { userNames } from './store.js';

/**
 * 重点反馈: from a session, the psychology teacher tells the student's head teachers what to watch for, in a
 * note of her own (never the record's six parts). It is a disclosure, kept with whom it went to. The notice
 * that announces it may go out by SMS, so it names neither the student nor the note; the head teacher reads
 * the note on the counseling page, and that read is audited.
 */
export async function sendKeyFeedback(ctx: ServiceContext, recordId: string, body: { note: string }) {
  const found = await findRecord(ctx.db, recordId);
  const binding = ctx.access.require('counseling.record', placementOf(found));
  const note = body.note.trim();
  if (!note) throw fieldProblem('/note', 'field.required');
  return ctx.db.transaction().execute(async (tx) => {
    const told = await usersWithRole(tx, 'head_teacher', 'class', found.class_id);
    if (told.length === 0) throw counselingProblem(ctx.locale, 'conflict', 'feedback.no-head-teacher');
    const row = await tx
      .insertInto('counseling_feedback')
      .values({
        city_id: found.city_id,
        district_id: found.district_id,
        school_id: found.school_id,
        class_id: found.class_id,
        record_id: found.id,
        student_id: found.student_id,
        sent_by: ctx.actorId,
        told_user_ids: told,
        note_enc: encryptText(note),
      })
      .returning(['id', 'sent_at'])
      .executeTakeFirstOrThrow();
    const { channels } = await getWarningSettings(tx, found.city_id);
    const school = await tx
      .selectFrom('org_unit')
      .select('name_zh')
      .where('id', '=', found.school_id)
      .executeTakeFirst();
    const both = (l: 'zh-CN' | 'en', key: 'feedback.notice.title' | 'feedback.notice.body') =>
      km(key, l, { school: school?.name_zh ?? '' });
    await enqueueNotifications(tx, {
      users: told,
      payload: {
        kind: 'counseling.feedback',
        feedbackId: row.id,
        title: { 'zh-CN': both('zh-CN', 'feedback.notice.title'), en: both('en', 'feedback.notice.title') },
        body: { 'zh-CN': both('zh-CN', 'feedback.notice.body'), en: both('en', 'feedback.notice.body') },
      },
      channels,
      dedupePrefix: `counseling-feedback:${row.id}`,
    });
    await ctx.audit(tx, {
      action: 'counseling.record.key_feedback',
      targetType: 'counseling_record',
      targetId: found.id,
      placement: placementOf(found),
      binding,
      detail: { studentId: found.student_id, feedbackId: row.id, told: 'head_teacher', recipients: told.length },
    });
    return { id: row.id, recipients: told.length, sentAt: row.sent_at.toISOString() };
  });
}

/**
 * The 重点反馈 the actor received (a head teacher) or sent (a psychology teacher), newest first. Only these
 * two ever read a note; the listing is audited with the ids it showed.
 */
export async function listKeyFeedback(ctx: ServiceContext) {
  const rows = await ctx.db
    .selectFrom('counseling_feedback as f')
    .innerJoin('student as s', 's.id', 'f.student_id')
    .innerJoin('org_unit as c', 'c.id', 'f.class_id')
    .select(['f.id', 'f.record_id', 'f.student_id', 'f.sent_by', 'f.note_enc', 'f.sent_at'])
    .select(['f.city_id', 'f.district_id', 'f.school_id', 'f.class_id'])
    .select(['s.name as student_name', 'c.name_zh as class_name'])
    .where((eb) =>
      eb.or([eb('f.sent_by', '=', ctx.actorId), eb(eb.val(ctx.actorId), '=', eb.fn.any('f.told_user_ids'))]),
    )
    .orderBy('f.sent_at', 'desc')
    .limit(50)
    .execute();
  // One audit row per school the notes come from (a head teacher's are all of one school).
  for (const schoolId of new Set(rows.map((r) => r.school_id))) {
    const ofSchool = rows.filter((r) => r.school_id === schoolId);
    await ctx.audit(ctx.db, {
      action: 'counseling.feedback.read',
      targetType: 'counseling_feedback',
      targetId: ofSchool[0]!.id,
      placement: { ...placementOf(ofSchool[0]!), classId: null, personId: null },
      detail: { feedbackIds: ofSchool.map((r) => r.id) },
    });
  }
  const names = await userNames(ctx.db, [...new Set(rows.map((r) => r.sent_by))]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      student: { id: r.student_id, name: r.student_name, className: r.class_name },
      sentByName: names.get(r.sent_by) ?? '',
      sentByMe: r.sent_by === ctx.actorId,
      // The record stays the psychology teachers': its id only for the one who wrote from it.
      recordId: r.sent_by === ctx.actorId ? r.record_id : null,
      note: decryptText(r.note_enc),
      sentAt: r.sent_at.toISOString(),
    })),
  };
}
