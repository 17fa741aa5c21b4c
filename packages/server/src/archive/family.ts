import { chinaDateOf } from '@yuxin/core';
import type { Kysely } from 'kysely';
import { decryptText, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import { placementOfStudent } from '../org/placement.js';
import type { ServiceContext } from '../services/context.js';
import { insertRecord } from '../supervision/records.js';
import { archiveFieldProblem } from './messages.js';

type Db = Kysely<Database>;

export interface FamilyBackgroundBody {
  family: string;
  growth: string;
}

export interface HomeContactBody {
  contactedOn: string;
  mode: 'visit' | 'phone' | 'online';
  participants: string;
  summary: string;
}

async function placedStudent(db: Db, id: string, lock = false) {
  let q = db
    .selectFrom('student')
    .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const s = await q.executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

/**
 * A new version of the student's family situation and growth history (家庭情况、成长环境与经历), by the head
 * teacher of the class or a psychology teacher of the school. Earlier versions stay: the archive shows how
 * what the school knew changed.
 */
export async function recordFamilyBackground(ctx: ServiceContext, studentId: string, body: FamilyBackgroundBody) {
  const found = await placedStudent(ctx.db, studentId);
  const binding = ctx.access.require('family.record', placementOfStudent(found));
  const family = body.family.trim();
  const growth = body.growth.trim();
  if (!family) throw archiveFieldProblem(ctx.locale, '/family', 'text.required');
  if (!growth) throw archiveFieldProblem(ctx.locale, '/growth', 'text.required');
  return ctx.db.transaction().execute(async (tx) => {
    // The student row's lock orders two saves at once, so each gets its own version number.
    const s = await placedStudent(tx, studentId, true);
    const last = await tx
      .selectFrom('family_background')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('student_id', '=', s.id)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row = await tx
      .insertInto('family_background')
      .values({
        city_id: s.city_id,
        district_id: s.district_id,
        school_id: s.school_id,
        grade_id: s.grade_id,
        class_id: s.class_id,
        student_id: s.id,
        version,
        family_enc: encryptText(family),
        growth_enc: encryptText(growth),
        recorded_by: ctx.actorId,
        recorded_role: binding.role,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    // What the family told the school stays out of the audit log.
    await ctx.audit(tx, {
      action: 'family_background.record',
      targetType: 'family_background',
      targetId: row.id,
      placement: placementOfStudent(s),
      binding,
      detail: { studentId: s.id, version },
    });
    return { id: row.id, version, recordedAt: row.created_at.toISOString() };
  });
}

/**
 * A home contact (家访): a visit, call or online meeting with the family, its summary encrypted. The same
 * save counts it for the school's family-contact indicator (督导), so it is not entered twice.
 */
export async function recordHomeContact(ctx: ServiceContext, studentId: string, body: HomeContactBody) {
  const found = await placedStudent(ctx.db, studentId);
  const binding = ctx.access.require('family.record', placementOfStudent(found));
  const participants = body.participants.trim();
  const summary = body.summary.trim();
  if (body.contactedOn > chinaDateOf(ctx.clock())) throw archiveFieldProblem(ctx.locale, '/contactedOn', 'date.future');
  if (!participants) throw archiveFieldProblem(ctx.locale, '/participants', 'text.required');
  if (!summary) throw archiveFieldProblem(ctx.locale, '/summary', 'text.required');
  const school = await ctx.db
    .selectFrom('org_unit')
    .selectAll()
    .where('id', '=', found.school_id)
    .executeTakeFirstOrThrow();
  return ctx.db.transaction().execute(async (tx) => {
    const counted = await insertRecord(
      tx,
      school,
      { kind: 'family_contact', occurredOn: body.contactedOn, hours: 0, studentId: found.id },
      ctx.actorId,
    );
    const row = await tx
      .insertInto('home_contact')
      .values({
        city_id: found.city_id,
        district_id: found.district_id,
        school_id: found.school_id,
        grade_id: found.grade_id,
        class_id: found.class_id,
        student_id: found.id,
        contacted_on: body.contactedOn,
        mode: body.mode,
        participants,
        summary_enc: encryptText(summary),
        supervision_record_id: counted.id,
        recorded_by: ctx.actorId,
        recorded_role: binding.role,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await ctx.audit(tx, {
      action: 'home_contact.record',
      targetType: 'home_contact',
      targetId: row.id,
      placement: placementOfStudent(found),
      binding,
      detail: { studentId: found.id, mode: body.mode, contactedOn: body.contactedOn },
    });
    return { id: row.id };
  });
}

/** Every version of a student's family background, newest first, decrypted: callers audit the read. */
export async function familyVersions(db: Db, studentId: string) {
  const rows = await db
    .selectFrom('family_background as f')
    .innerJoin('user_account as u', 'u.id', 'f.recorded_by')
    .select(['f.version', 'f.family_enc', 'f.growth_enc', 'f.created_at', 'u.display_name'])
    .where('f.student_id', '=', studentId)
    .orderBy('f.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    family: decryptText(r.family_enc),
    growth: decryptText(r.growth_enc),
    recordedBy: r.display_name,
    recordedAt: r.created_at.toISOString(),
  }));
}

/** A student's home contacts, newest first, summaries decrypted: callers audit the read. */
export async function homeContacts(db: Db, studentId: string) {
  const rows = await db
    .selectFrom('home_contact as h')
    .innerJoin('user_account as u', 'u.id', 'h.recorded_by')
    .select(['h.id', 'h.contacted_on', 'h.mode', 'h.participants', 'h.summary_enc', 'h.created_at', 'u.display_name'])
    .where('h.student_id', '=', studentId)
    .orderBy('h.contacted_on', 'desc')
    .orderBy('h.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    contactedOn: r.contacted_on,
    mode: r.mode,
    participants: r.participants,
    summary: decryptText(r.summary_enc),
    recordedBy: r.display_name,
    recordedAt: r.created_at.toISOString(),
  }));
}
