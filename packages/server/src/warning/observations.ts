import { defaultNetworkLevel, type NetworkLevel, type ObservationSign } from '@yuxin/core';
import { decryptOptional, encryptOptional } from '../crypto/field-crypto.js';
import { notFound, type FieldError } from '../http/problem.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import type { ObservationNotificationPayload } from './channels.js';
import { invalid, warningFieldError, wm } from './messages.js';
import { chinaTime, enqueueNotifications } from './notify.js';
import { raiseStudentAlert } from './raise.js';
import { getWarningSettings } from './settings.js';
import { placementOf } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';

export interface ObservationBody {
  /** The filer's retry key: sending the same form again files nothing new. */
  clientId: string;
  studentId: string;
  level?: NetworkLevel;
  signs: ObservationSign[];
  seenAt: string;
  urgency: 'crisis' | 'high' | 'attention';
  text?: string;
}

/** How far back an observation may be dated: older events are a conversation, not an alert. */
export const MAX_AGE_DAYS = 30;
// Phones' clocks run a little ahead; a few minutes "in the future" is still now.
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Files what someone in the warning network saw and raises an alert for the school's psychology teachers.
 * The receipt says only that it was filed: the filer (a peer supporter, a guardian) never reads it back.
 */
export async function fileObservation(ctx: ServiceContext, body: ObservationBody, now: Date) {
  const { db, locale } = ctx;
  const student = await db
    .selectFrom('student')
    .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', body.studentId)
    .executeTakeFirst();
  if (!student) throw notFound();
  const placement = placementOf({ ...student, student_id: student.id });
  const binding = ctx.access.require('observation.file', placement);
  const userId = ctx.actorId;

  const existing = await db
    .selectFrom('observation')
    .select(['id', 'created_at'])
    .where('filed_by', '=', userId)
    .where('client_id', '=', body.clientId)
    .executeTakeFirst();
  if (existing) return { id: existing.id, filedAt: existing.created_at.toISOString() };

  const settings = await getWarningSettings(db, student.city_id);
  const text = body.text?.trim() ?? '';
  const seenAt = new Date(body.seenAt);
  const errors: FieldError[] = [];
  if (body.level && !settings.networkLevels.includes(body.level))
    errors.push(warningFieldError(locale, '/level', 'level.unknown', { level: body.level }));
  if (seenAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    errors.push(warningFieldError(locale, '/seenAt', 'seen.future'));
  if (seenAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000)
    errors.push(warningFieldError(locale, '/seenAt', 'seen.too-old', { days: MAX_AGE_DAYS }));
  if (body.signs.length === 0 && text === '') errors.push(warningFieldError(locale, '/signs', 'what.required'));
  if (errors.length) throw invalid(errors);

  const level = body.level ?? defaultNetworkLevel(binding.role, settings.networkLevels);
  return db.transaction().execute(async (tx) => {
    const obs = await tx
      .insertInto('observation')
      .values({
        city_id: student.city_id,
        district_id: student.district_id,
        school_id: student.school_id,
        grade_id: student.grade_id,
        class_id: student.class_id,
        student_id: student.id,
        filed_by: userId,
        filed_role: binding.role,
        level,
        signs: body.signs,
        seen_at: seenAt,
        urgency: body.urgency,
        note_enc: encryptOptional(text),
        client_id: body.clientId,
      })
      .onConflict((oc) => oc.columns(['filed_by', 'client_id']).doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
    // A concurrent retry won the insert; answer with its receipt.
    if (!obs) {
      const won = await tx
        .selectFrom('observation')
        .select(['id', 'created_at'])
        .where('filed_by', '=', userId)
        .where('client_id', '=', body.clientId)
        .executeTakeFirstOrThrow();
      return { id: won.id, filedAt: won.created_at.toISOString() };
    }
    const alertId = await raiseStudentAlert(tx, {
      student,
      source: 'observation',
      urgency: body.urgency,
      observationId: obs.id,
      now,
    });
    // Who filed about whom and how urgently; what was seen stays out of the audit log.
    await ctx.audit(tx, {
      action: 'observation.file',
      targetType: 'observation',
      targetId: obs.id,
      placement: { cityId: student.city_id, districtId: student.district_id, schoolId: student.school_id },
      binding,
      detail: { studentId: student.id, alertId, urgency: body.urgency, level },
    });
    return { id: obs.id, filedAt: obs.created_at.toISOString() };
  });
}

/**
 * Tells whoever filed an observation that the psychology staff took it on (issue 17.15), in the transaction
 * that acknowledges its alert. Not tied to the alert, so settling the alert's notices does not hide it.
 */
export async function noticeObservationReceived(
  tx: Kysely<Database>,
  observationId: string,
  actorId: string,
): Promise<void> {
  const o = await tx
    .selectFrom('observation')
    .select(['id', 'filed_by', 'city_id', 'school_id', 'created_at'])
    .where('id', '=', observationId)
    .executeTakeFirst();
  if (!o || o.filed_by === actorId) return;
  const { channels } = await getWarningSettings(tx, o.city_id);
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', o.school_id).executeTakeFirst();
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  const payload: ObservationNotificationPayload = {
    kind: 'observation.received',
    observationId: o.id,
    title: both((l) => wm('notify.observation.title', l)),
    body: both((l) =>
      wm('notify.observation.body', l, { school: school?.name_zh ?? '', filed: chinaTime(o.created_at, l) }),
    ),
  };
  await enqueueNotifications(tx, {
    users: [o.filed_by],
    payload,
    channels,
    dedupePrefix: `observation:${o.id}:received`,
  });
}

/**
 * What the warning network filed about one student, newest first, notes decrypted: callers audit the read.
 * `filedBy` narrows it to one filer's own observations (a head teacher reads back only what they wrote).
 */
export async function studentObservations(db: Kysely<Database>, studentId: string, filedBy?: string) {
  let q = db
    .selectFrom('observation')
    .select(['id', 'level', 'signs', 'seen_at', 'urgency', 'note_enc', 'filed_role', 'filed_by', 'created_at'])
    .where('student_id', '=', studentId);
  if (filedBy) q = q.where('filed_by', '=', filedBy);
  const rows = await q.orderBy('seen_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    signs: r.signs,
    seenAt: r.seen_at.toISOString(),
    urgency: r.urgency,
    filedRole: r.filed_role,
    note: decryptOptional(r.note_enc),
  }));
}
