import { randomBytes, randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { hashToken } from '../auth/sessions.js';
import type { Database, StudentTable } from '../db/types.js';
import { getScreeningSettings } from '../screening/settings.js';
import type { AnswerMap } from '../screening/submission/answers.js';
import { assignmentQuery } from '../screening/submission/assignment.js';
import { evaluateSubmission } from '../screening/submission/evaluate.js';
import { loadPinned } from '../screening/submission/pinned.js';
import { storeSubmission, type StoreOutcome } from '../screening/submission/store.js';

/**
 * Test data for screening, written straight to the database: campaigns and assignments (until the
 * campaign module publishes them), cohorts of signed-in students without paying argon2 per sign-in, and
 * submitted questionnaires for the routes that read results.
 */

type Db = Kysely<Database>;
type Pinned = Array<{ code: string; version: number }>;
type StudentRef = {
  id: string;
  city_id: string;
  district_id: string;
  school_id: string;
  grade_id: string;
  class_id: string;
};

export const SELF_REPORT: Pinned = [
  { code: 'phqa', version: 1 },
  { code: 'gad7', version: 1 },
  { code: 'asq', version: 1 },
];
export const GUARDIAN_REPORT: Pinned = [{ code: 'psc17', version: 1 }];

const DAY = 86_400_000;

export async function createCampaign(
  db: Db,
  school: { city_id: string; district_id: string | null; school_id?: string | null; id?: string },
  opts: { name?: string; opensAt?: Date; closesAt?: Date; status?: 'draft' | 'published' | 'cancelled' } = {},
): Promise<string> {
  const schoolId = school.school_id ?? school.id!;
  const row = await db
    .insertInto('campaign')
    .values({
      city_id: school.city_id,
      district_id: school.district_id,
      school_id: schoolId,
      owner_level: 'school',
      owner_id: schoolId,
      kind: 'universal',
      name: opts.name ?? '2026 秋季心理普测',
      school_year: '2026-2027',
      term: 1,
      opens_at: opts.opensAt ?? new Date(Date.now() - DAY),
      closes_at: opts.closesAt ?? new Date(Date.now() + 14 * DAY),
      notice_zh: '本次问卷用于了解同学们的近况，回答只有学校心理老师可以看到。',
      notice_en:
        'This questionnaire helps the school know how students are doing; only psychology teachers see the answers.',
      status: opts.status ?? 'published',
      published_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createAssignment(
  db: Db,
  campaignId: string,
  student: StudentRef,
  opts: {
    respondent?: 'self' | 'guardian';
    instruments?: Pinned;
    consent?: 'not_required' | 'pending' | 'granted' | 'refused';
  } = {},
): Promise<string> {
  const row = await db
    .insertInto('screening_assignment')
    .values(assignmentValues(campaignId, student, opts))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function assignmentValues(
  campaignId: string,
  s: StudentRef,
  opts: {
    respondent?: 'self' | 'guardian';
    instruments?: Pinned;
    consent?: 'not_required' | 'pending' | 'granted' | 'refused';
  },
) {
  const respondent = opts.respondent ?? 'self';
  return {
    campaign_id: campaignId,
    student_id: s.id,
    respondent,
    city_id: s.city_id,
    district_id: s.district_id,
    school_id: s.school_id,
    grade_id: s.grade_id,
    class_id: s.class_id,
    instruments: JSON.stringify(opts.instruments ?? (respondent === 'guardian' ? GUARDIAN_REPORT : SELF_REPORT)),
    consent_status: opts.consent ?? 'not_required',
  };
}

/** A campaign with one open self-report for `student`: the usual starting point of a test. */
export async function openAssignment(db: Db, student: StudentRef, opts: Parameters<typeof createAssignment>[3] = {}) {
  const campaignId = await createCampaign(db, student);
  const assignmentId = await createAssignment(db, campaignId, student, opts);
  return { campaignId, assignmentId };
}

export interface CohortMember {
  studentId: string;
  assignmentId: string;
  /** Session cookie and CSRF token, as the browser would hold them after signing in. */
  cookie: string;
  csrf: string;
}

/**
 * `count` students in a new class of `school`, each with an account, a session and an open self-report in
 * one new campaign. Bulk inserts only; sessions are made directly so no password is ever hashed.
 */
export async function createCohort(
  db: Db,
  school: { id: string; city_id: string; district_id: string | null },
  count: number,
  instruments: Pinned = SELF_REPORT,
) {
  const grade = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('school_id', '=', school.id)
    .where('kind', '=', 'grade')
    .orderBy('grade_level', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const districtId = school.district_id!;
  const classId = randomUUID();
  const tag = randomBytes(4).toString('hex');
  await db
    .insertInto('org_unit')
    .values({
      id: classId,
      kind: 'class',
      parent_id: grade.id,
      city_id: school.city_id,
      district_id: districtId,
      school_id: school.id,
      grade_id: grade.id,
      name_zh: `测试${tag}班`,
      name_en: `Test ${tag}`,
      grade_level: grade.grade_level,
      class_no: 90,
    })
    .execute();
  const students: Array<Insertable<StudentTable> & StudentRef> = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    city_id: school.city_id,
    district_id: districtId,
    school_id: school.id,
    grade_id: grade.id,
    class_id: classId,
    student_no: `T${tag}${String(i).padStart(5, '0')}`,
    name: `测试学生${i + 1}`,
    gender: i % 2 ? 'female' : 'male',
    birth_date: '2012-03-01',
    updated_at: new Date(),
  }));
  const accounts = students.map((s) => ({
    id: randomUUID(),
    kind: 'student' as const,
    username: s.student_no,
    display_name: s.name,
    // Never signed in with: the session below stands in for a sign-in.
    password_hash: 'not-a-password-hash',
    student_id: s.id,
    guardian_id: null,
    city_id: school.city_id,
    district_id: districtId,
    school_id: school.id,
    full_time: null,
    activated_at: new Date(),
    disabled_at: null,
    locked_until: null,
    password_changed_at: null,
  }));
  const sessions = accounts.map((a) => ({
    userId: a.id,
    token: randomBytes(32).toString('base64url'),
    csrf: randomBytes(24).toString('base64url'),
  }));
  const campaignId = await createCampaign(db, { ...school, school_id: school.id });
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('student').values(students).execute();
    await tx.insertInto('user_account').values(accounts).execute();
    await tx
      .insertInto('role_binding')
      .values(
        students.map((s, i) => ({
          user_id: accounts[i]!.id,
          role: 'student',
          scope_level: 'person',
          scope_id: s.id,
          city_id: school.city_id,
          district_id: districtId,
          school_id: school.id,
          granted_by: null,
        })),
      )
      .execute();
    await tx
      .insertInto('user_session')
      .values(
        sessions.map((s) => ({
          token_hash: hashToken(s.token),
          user_id: s.userId,
          csrf_token: s.csrf,
          last_seen_at: new Date(),
          expires_at: new Date(Date.now() + DAY),
          ip: null,
          user_agent: null,
        })),
      )
      .execute();
    await tx
      .insertInto('screening_assignment')
      .values(students.map((s) => assignmentValues(campaignId, s, { instruments })))
      .execute();
  });
  const assignments = await db
    .selectFrom('screening_assignment')
    .select(['id', 'student_id'])
    .where('campaign_id', '=', campaignId)
    .execute();
  const byStudent = new Map(assignments.map((a) => [a.student_id, a.id]));
  const members: CohortMember[] = students.map((s, i) => ({
    studentId: s.id,
    assignmentId: byStudent.get(s.id)!,
    cookie: `yx_sid=${sessions[i]!.token}`,
    csrf: sessions[i]!.csrf,
  }));
  return { campaignId, classId, members };
}

/** PHQ-A with item 9 answered "more than half the days", the rest calm: a crisis with a low total. */
export const PHQA_ITEM9_TWO: AnswerMap = {
  phqa: [0, 1, 0, 1, 0, 0, 1, 0, 2],
  gad7: [1, 0, 1, 0, 0, 1, 0],
  asq: [0, 0, 0, 0, null],
};
export const CALM_ANSWERS: AnswerMap = {
  phqa: [0, 1, 0, 1, 0, 0, 1, 0, 0],
  gad7: [1, 0, 1, 0, 0, 1, 0],
  asq: [0, 0, 0, 0, null],
};

/**
 * Submits through the same evaluation and transaction as the route, without a request (no audit entry):
 * for tests that need stored results rather than the act of submitting.
 */
export async function submitDirect(
  db: Db,
  assignmentId: string,
  answers: AnswerMap,
  durationMs = 120_000,
): Promise<Extract<StoreOutcome, { kind: 'stored' }>> {
  const row = await assignmentQuery(db).where('a.id', '=', assignmentId).executeTakeFirstOrThrow();
  const settings = await getScreeningSettings(db, row.city_id);
  const defs = await loadPinned(db, row.instruments);
  const evaluation = evaluateSubmission(defs, answers, {
    durationMs,
    tierRules: settings.tierRules,
    minSecondsPerItem: settings.minSecondsPerItem,
  });
  const outcome = await storeSubmission(db, {
    assignment: row,
    submissionId: randomUUID(),
    durationMs,
    submittedBy: null,
    evaluation,
    ruleSetVersion: `${settings.tierRules.id}@${settings.tierRules.version}`,
    audit: null,
  });
  if (outcome.kind !== 'stored') throw new Error(`assignment ${assignmentId} was not open`);
  return outcome;
}

/** A submitted questionnaire with a crisis flag for `student`, in a campaign of its own. */
export async function crisisSubmission(db: Db, student: StudentRef) {
  const { campaignId, assignmentId } = await openAssignment(db, student);
  const stored = await submitDirect(db, assignmentId, PHQA_ITEM9_TWO);
  return {
    campaignId,
    assignmentId,
    responseId: stored.responseIds[0]!,
    tierAssessmentId: stored.tierAssessmentId,
    alertId: stored.alertId!,
  };
}

/**
 * Screening records for the role × route matrix, made on first use and then reused. Builders get only the
 * fixtures object, so this travels in it; nothing is written unless a builder asks.
 */
export function screeningMatrixFixtures(db: Db, cast: { demoStudent: StudentRef; otherStudent: StudentRef }) {
  const made = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as Promise<T>;
  };
  const sideOf = (side: 'home' | 'other') => (side === 'home' ? cast.demoStudent : cast.otherStudent);
  return {
    /** An open self-report of the demo student (home) or of a student of another district's school. */
    selfAssignment: (side: 'home' | 'other', key = 'default') =>
      once(`self:${side}:${key}`, async () => (await openAssignment(db, sideOf(side))).assignmentId),
    /** A campaign with an open self-report of the demo student (home class) or the other district's student. */
    codeCampaign: (side: 'home' | 'other') =>
      once(`codes:${side}`, async () => (await openAssignment(db, sideOf(side))).campaignId),
    /** An open parent-report (PSC-17) about the demo student, answered by the demo guardian. */
    guardianAssignment: () =>
      once(
        'guardian',
        async () => (await openAssignment(db, cast.demoStudent, { respondent: 'guardian' })).assignmentId,
      ),
    /** A stored crisis submission: response, suggested tier and open crisis alert. */
    crisis: (side: 'home' | 'other', key = 'default') =>
      once(`crisis:${side}:${key}`, () => crisisSubmission(db, sideOf(side))),
  };
}
