import type { Kysely } from 'kysely';
import { encryptText } from '../crypto/field-crypto.js';
import type { CaseState, Database } from '../db/types.js';

/**
 * Cases for the role × route matrix, written straight to the database in the state a route needs. Text
 * columns are encrypted like the routes do, so reads through the API decrypt them.
 */
type Db = Kysely<Database>;
type StudentRef = {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
};

async function userId(db: Db, username: string): Promise<string> {
  return (await db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;
}

/** A case about a fresh copy of nobody: cases are per student, so each needs its own student. */
async function studentLike(db: Db, s: StudentRef, tag: string): Promise<StudentRef> {
  const row = await db
    .insertInto('student')
    .values({
      city_id: s.city_id,
      district_id: s.district_id,
      school_id: s.school_id,
      grade_id: s.grade_id,
      class_id: s.class_id,
      student_no: `CASE${tag}${Math.random().toString(36).slice(2, 10)}`,
      name: `个案测试${tag}`,
      gender: 'female',
      updated_at: new Date(),
    })
    .returning(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function insertCase(
  db: Db,
  s: StudentRef,
  openedBy: string,
  state: CaseState,
  tag: string,
): Promise<string> {
  const student = await studentLike(db, s, tag);
  const worked = state !== 'open' && state !== 'assessing';
  const c = await db
    .insertInto('care_case')
    .values({
      city_id: student.city_id,
      district_id: student.district_id,
      school_id: student.school_id,
      grade_id: student.grade_id,
      class_id: student.class_id,
      student_id: student.id,
      state,
      opened_by: openedBy,
      updated_at: new Date(),
      ...(worked
        ? {
            risk_level: 'high' as const,
            risk_reasons: JSON.stringify(['self_harm']),
            assessment_enc: encryptText('matrix interview'),
            assessed_at: new Date(),
            plan: JSON.stringify({ actions: ['talk'] }),
            plan_enc: encryptText(JSON.stringify({ goals: ['matrix goal'], note: null })),
            planned_at: new Date(),
          }
        : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_event')
    .values({
      case_id: c.id,
      city_id: student.city_id,
      district_id: student.district_id,
      school_id: student.school_id,
      type: 'opened',
      payload: '{}',
      note_enc: encryptText('matrix note'),
      actor_id: openedBy,
    })
    .execute();
  if (worked)
    await db
      .insertInto('case_helper')
      .values({
        case_id: c.id,
        city_id: student.city_id,
        district_id: student.district_id,
        school_id: student.school_id,
        role: 'peer',
        user_id: null,
        name: '心理委员',
      })
      .execute();
  return c.id;
}

/** The hospital the demo doctor (`doctor`) works at; the demo city has a second hospital with its own doctor. */
async function demoDoctorHospital(db: Db): Promise<string> {
  const row = await db
    .selectFrom('role_binding as b')
    .innerJoin('user_account as u', 'u.id', 'b.user_id')
    .select('b.scope_id')
    .where('u.username', '=', 'doctor')
    .where('b.role', '=', 'hospital_doctor')
    .executeTakeFirstOrThrow();
  return row.scope_id;
}

/** Makes `childId` a child of the demo student's guardian too, with the guardian account's person binding. */
export async function adoptByDemoGuardian(db: Db, demoStudentId: string, childId: string): Promise<void> {
  const link = await db
    .selectFrom('student_guardian as sg')
    .innerJoin('user_account as u', 'u.guardian_id', 'sg.guardian_id')
    .select(['sg.guardian_id', 'sg.relation', 'sg.district_id', 'sg.school_id', 'u.id as user_id', 'u.city_id'])
    .where('sg.student_id', '=', demoStudentId)
    .where('u.kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('student_guardian')
    .values({
      student_id: childId,
      guardian_id: link.guardian_id,
      relation: link.relation,
      district_id: link.district_id,
      school_id: link.school_id,
    })
    .execute();
  await db
    .insertInto('role_binding')
    .values({
      user_id: link.user_id,
      role: 'guardian',
      scope_level: 'person',
      scope_id: childId,
      city_id: link.city_id,
      district_id: link.district_id,
      school_id: link.school_id,
    })
    .execute();
}

export async function insertReferral(
  db: Db,
  caseId: string,
  opts: { consent: boolean; feedback?: boolean; admitted?: boolean },
): Promise<string> {
  const c = await db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const hospital = { id: await demoDoctorHospital(db) };
  const r = await db
    .insertInto('referral')
    .values({
      case_id: c.id,
      city_id: c.city_id,
      district_id: c.district_id,
      school_id: c.school_id,
      student_id: c.student_id,
      hospital_id: hospital.id,
      reason_enc: encryptText('matrix reason'),
      summary_enc: encryptText('matrix summary'),
      status: opts.feedback ? 'answered' : opts.consent ? 'sent' : 'awaiting_consent',
      consent_recorded_at: opts.consent ? new Date() : null,
      consent_guardian_name: opts.consent ? '家长' : null,
      consent_method: opts.consent ? 'paper' : null,
      ...(opts.feedback
        ? {
            visited_at: new Date(),
            recommendation_enc: encryptText('matrix recommendation'),
            admitted: opts.admitted ?? false,
            feedback_at: new Date(),
          }
        : {}),
      created_by: c.opened_by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function caseMatrixFixtures(db: Db, cast: { demoStudent: StudentRef; otherStudent: StudentRef }) {
  const made = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as Promise<T>;
  };
  const sideOf = (side: 'home' | 'other') => (side === 'home' ? cast.demoStudent : cast.otherStudent);
  const psychOf = (side: 'home' | 'other') => userId(db, side === 'home' ? 'psych03' : 'psych07');
  const caseOf = (side: 'home' | 'other', state: CaseState, key: string) =>
    once(`case:${side}:${state}:${key}`, async () => insertCase(db, sideOf(side), await psychOf(side), state, key));
  return {
    /** A case in `state` in the demo school (home) or a school of another district; `key` makes a fresh one. */
    case: (side: 'home' | 'other', state: CaseState = 'intervening', key = 'default') => caseOf(side, state, key),
    /** The city's partner hospital, where the demo doctor works. */
    hospitalId: () => once('hospital', () => demoDoctorHospital(db)),
    /** Another partner hospital of the city, where the demo doctor does not work: a re-route goes there. */
    otherHospitalId: () =>
      once('other-hospital', async () => {
        const home = await demoDoctorHospital(db);
        const c = await db.selectFrom('hospital').select('city_id').where('id', '=', home).executeTakeFirstOrThrow();
        return (
          await db
            .selectFrom('hospital')
            .select('id')
            .where('city_id', '=', c.city_id)
            .where('id', '<>', home)
            .orderBy('id')
            .executeTakeFirstOrThrow()
        ).id;
      }),
    /** The psychology teacher of that side, who may be named responsible for follow-ups. */
    psychId: psychOf,
    referral: (
      side: 'home' | 'other',
      stage: 'awaiting_consent' | 'consented' | 'answered' | 'admitted',
      key = 'default',
    ) =>
      once(`referral:${side}:${stage}:${key}`, async () => {
        const caseId = await caseOf(side, 'referred', `ref-${stage}-${key}`);
        return {
          caseId,
          referralId: await insertReferral(db, caseId, {
            consent: stage !== 'awaiting_consent',
            feedback: stage === 'answered' || stage === 'admitted',
            admitted: stage === 'admitted',
          }),
        };
      }),
    /**
     * A referral waiting for consent about a child of the demo guardian: a brother or sister of the demo
     * student (a fresh student, linked to the same guardian and bound to their account), so the demo
     * student's own record stays as it was.
     */
    guardianReferral: (key = 'default') =>
      once(`guardian-referral:${key}`, async () => {
        const caseId = await caseOf('home', 'referred', `guardian-${key}`);
        const c = await db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
        await adoptByDemoGuardian(db, cast.demoStudent.id, c.student_id);
        return { caseId, studentId: c.student_id, referralId: await insertReferral(db, caseId, { consent: false }) };
      }),
    /** An open follow-up on a case in the demo student's class, given to that class's head teacher (home) or to psych07. */
    followUp: (side: 'home' | 'other', key = 'default') =>
      once(`follow:${side}:${key}`, async () => {
        const caseId = await caseOf(side, 'following_up', `fu-${key}`);
        const c = await db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
        const responsible = side === 'home' ? await userId(db, 'head03-8-1') : await userId(db, 'psych07');
        const f = await db
          .insertInto('follow_up')
          .values({
            case_id: c.id,
            city_id: c.city_id,
            district_id: c.district_id,
            school_id: c.school_id,
            class_id: c.class_id,
            due_at: new Date(Date.now() + 86_400_000),
            responsible_user_id: responsible,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return f.id;
      }),
    /** A sweep of the side's school with one item for the side's student. */
    sweep: (side: 'home' | 'other') =>
      once(`sweep:${side}`, async () => {
        const s = sideOf(side);
        const sweep = await db
          .insertInto('sweep')
          .values({
            city_id: s.city_id,
            district_id: s.district_id,
            school_id: s.school_id,
            season: 'spring',
            created_by: await psychOf(side),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const item = await db
          .insertInto('sweep_item')
          .values({
            sweep_id: sweep.id,
            city_id: s.city_id,
            district_id: s.district_id,
            school_id: s.school_id,
            grade_id: s.grade_id,
            class_id: s.class_id,
            student_id: s.id,
            reasons: ['care_tags'],
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { sweepId: sweep.id, itemId: item.id };
      }),
  };
}
