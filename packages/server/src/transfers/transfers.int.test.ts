import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../roster/multipart-body.js';
import { COLUMNS } from '../roster/columns.js';
import { insertCase } from '../testing/case-factory.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 14, transfers and stage hand-over: a request from the sending school, the hand-over summary its
 * psychology teacher writes and signs, acceptance that moves the enrollment and an open case in one step,
 * the summary visible to the receiving psychology teachers only after acceptance (every read audited), and
 * a roster import that raises a request instead of refusing another school's student.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent; // psych03, home school (sending)
let psychOther: Agent; // psych07, other school (receiving)
let head: Agent;
let schoolAdmin: Agent;
let thirdPsych: Agent;

const userId = async (username: string) =>
  (await ctx.db.selectFrom('user_account').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  psychOther = await ctx.signIn('psych07');
  head = await ctx.signIn('head03-8-1');
  schoolAdmin = await ctx.signIn('sadmin03');
  // A psychology teacher of a school that is neither side of the transfers below.
  const third = await ctx.db
    .selectFrom('role_binding as rb')
    .innerJoin('user_account as u', 'u.id', 'rb.user_id')
    .select('u.username')
    .where('rb.role', '=', 'psych_teacher')
    .where('rb.scope_id', 'not in', [f.home.id, f.other.id])
    .orderBy('u.username')
    .limit(1)
    .executeTakeFirstOrThrow();
  thirdPsych = await ctx.signIn(third.username);
});
afterAll(() => ctx?.close());

const otherClass = async () => f.transfers.classOf('other');

describe('a transfer with a hand-over', () => {
  let studentId: string;
  let caseId: string;
  let transferId: string;

  it('needs a word on an open case, and one request waits per student', async () => {
    caseId = await insertCase(ctx.db, f.demoStudent, await userId('psych03'), 'intervening', 'TRF');
    const c = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    studentId = c.student_id;
    await ctx.db
      .insertInto('student_tier')
      .values({
        student_id: studentId,
        tier: 3,
        city_id: c.city_id,
        district_id: c.district_id,
        school_id: c.school_id,
        class_id: c.class_id,
      })
      .execute();
    await ctx.db
      .insertInto('enrollment')
      .values({
        student_id: studentId,
        city_id: c.city_id,
        district_id: c.district_id,
        school_id: c.school_id,
        grade_id: c.grade_id,
        class_id: c.class_id,
        school_year: '2025-2026',
      })
      .execute();
    await ctx.db
      .insertInto('follow_up')
      .values({
        case_id: caseId,
        city_id: c.city_id,
        district_id: c.district_id,
        school_id: c.school_id,
        class_id: c.class_id,
        due_at: new Date(Date.now() + 7 * 86_400_000),
        responsible_user_id: await userId('psych03'),
      })
      .execute();

    const missing = await psych.post('/api/v1/transfers', { studentId, toSchoolId: f.other.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('/caseDisposition');
    const sameSchool = await psych.post('/api/v1/transfers', {
      studentId,
      toSchoolId: f.home.id,
      caseDisposition: 'hand_over',
    });
    expect(sameSchool.statusCode).toBe(400);
    expect(sameSchool.json().errors[0].field).toBe('/toSchoolId');

    const res = await psych.post('/api/v1/transfers', {
      studentId,
      toSchoolId: f.other.id,
      caseDisposition: 'hand_over',
    });
    expect(res.statusCode, res.body).toBe(201);
    transferId = res.json().id;
    const again = await psych.post('/api/v1/transfers', {
      studentId,
      toSchoolId: f.other.id,
      caseDisposition: 'hand_over',
    });
    expect(again.statusCode).toBe(409);

    // The receiving school's psychology teachers are told, through the outbox, without the student's name.
    const notes = await ctx.db
      .selectFrom('notification')
      .selectAll()
      .where('user_id', '=', await userId('psych07'))
      .where('kind', '=', 'transfer.incoming')
      .execute();
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes[0]!.payload)).not.toContain('个案测试');
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('id')
      .where('notification_id', '=', notes[0]!.id)
      .execute();
    expect(outbox.length).toBeGreaterThan(0);
  });

  it('lists the request on both sides, and names the student only to school staff', async () => {
    const incoming = (await psychOther.get('/api/v1/transfers?direction=incoming')).json().items;
    const mine = incoming.find((t: { id: string }) => t.id === transferId);
    expect(mine).toMatchObject({
      status: 'requested',
      direction: 'incoming',
      can: { accept: true, readSummary: false },
    });
    expect(mine.student.name).toContain('个案测试');
    const outgoing = (await psych.get('/api/v1/transfers?direction=outgoing')).json().items;
    expect(outgoing.find((t: { id: string }) => t.id === transferId)).toMatchObject({
      can: { cancel: true, writeSummary: true, accept: false },
    });
    const staff = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'district_staff')!.username);
    const seen = (await staff.get('/api/v1/transfers')).json().items.find((t: { id: string }) => t.id === transferId);
    expect(seen.student.name).toBeNull();
    expect((await head.get('/api/v1/transfers')).statusCode).toBe(403);
  });

  it('refuses acceptance until the sending psychology teacher has signed the summary', async () => {
    const early = await psychOther.post(`/api/v1/transfers/${transferId}/accept`, { classId: await otherClass() });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('交接摘要');
    // Before acceptance the receiving school does not read the summary; nobody else ever does.
    expect((await psychOther.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(404);
    expect((await thirdPsych.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(403);
    expect((await schoolAdmin.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(403);
    expect((await head.put(`/api/v1/transfers/${transferId}/handover`, {})).statusCode).toBe(403);

    const draft = (await psych.get(`/api/v1/transfers/${transferId}/handover`)).json();
    expect(draft).toMatchObject({ written: false, tier: 3, caseOpen: true });
    const unsignedNeedsText = await psych.put(`/api/v1/transfers/${transferId}/handover`, {
      tier: 3,
      followUpNeeds: '',
      attention: ' ',
      sign: true,
    });
    expect(unsignedNeedsText.statusCode).toBe(400);
    expect(unsignedNeedsText.json().errors[0].field).toBe('/attention');
    const signed = await psych.put(`/api/v1/transfers/${transferId}/handover`, {
      tier: 3,
      followUpNeeds: '每两周随访一次，关注睡眠',
      attention: '开学第一周请班主任留意情绪变化',
      sign: true,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signed).toBe(true);
    // Stored encrypted, like case notes.
    const row = await ctx.db.selectFrom('transfer').selectAll().where('id', '=', transferId).executeTakeFirstOrThrow();
    expect(row.summary_attention_enc).not.toContain('班主任');
    expect(row.summary_follow_up_enc).not.toContain('随访');
  });

  it('moves the student, the enrollment and the open case to the receiving school in one step', async () => {
    const home = await ctx.db
      .selectFrom('org_unit')
      .select('id')
      .where('id', '=', f.homeClass.id)
      .executeTakeFirstOrThrow();
    const wrongClass = await psychOther.post(`/api/v1/transfers/${transferId}/accept`, { classId: home.id });
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json().errors[0].field).toBe('/classId');

    const classId = await otherClass();
    const res = await psychOther.post(`/api/v1/transfers/${transferId}/accept`, { classId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', caseId });

    const student = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('id', '=', studentId)
      .executeTakeFirstOrThrow();
    expect(student).toMatchObject({ school_id: f.other.id, class_id: classId, status: 'active' });
    const enrollments = await ctx.db
      .selectFrom('enrollment')
      .selectAll()
      .where('student_id', '=', studentId)
      .orderBy('started_at')
      .execute();
    expect(enrollments).toHaveLength(2);
    expect(enrollments[0]!.school_id).toBe(f.home.id);
    expect(enrollments[0]!.ended_at).not.toBeNull();
    expect(enrollments[1]).toMatchObject({ school_id: f.other.id, class_id: classId, ended_at: null });

    const c = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ school_id: f.other.id, class_id: classId, state: 'intervening' });
    const followUps = await ctx.db.selectFrom('follow_up').selectAll().where('case_id', '=', caseId).execute();
    expect(followUps.every((u) => u.school_id === f.other.id)).toBe(true);
    expect(followUps[0]!.responsible_user_id).toBe(await userId('psych07'));
    const events = await ctx.db
      .selectFrom('case_event')
      .select(['type', 'school_id'])
      .where('case_id', '=', caseId)
      .execute();
    expect(events.map((e) => e.type)).toContain('handed_over');
    expect(events.every((e) => e.school_id === f.other.id)).toBe(true);
    const tier = await ctx.db
      .selectFrom('student_tier')
      .selectAll()
      .where('student_id', '=', studentId)
      .executeTakeFirstOrThrow();
    expect(tier.school_id).toBe(f.other.id);

    // The case is the receiving school's now, and no longer the sending school's.
    expect((await psychOther.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await psych.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('shows the summary to the receiving psychology teachers after acceptance, auditing every read', async () => {
    const res = await psychOther.get(`/api/v1/transfers/${transferId}/handover`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      written: true,
      tier: 3,
      caseOpen: true,
      followUpNeeds: '每两周随访一次，关注睡眠',
      attention: '开学第一周请班主任留意情绪变化',
      signedBy: expect.any(String),
      caseId,
    });
    expect((await psych.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(200);
    expect((await thirdPsych.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/transfers/${transferId}/handover`)).statusCode).toBe(403);
    const reads = await ctx.db
      .selectFrom('audit_log')
      .select(['username', 'outcome'])
      .where('action', '=', 'transfer.handover.read')
      .where('target_id', '=', transferId)
      .execute();
    expect(reads.filter((r) => r.username === 'psych07')).toHaveLength(1);
    expect(reads.filter((r) => r.username === 'psych03').length).toBeGreaterThanOrEqual(2);
  });

  it("puts the signed summary into the student's archive at the new school, and out of the old school's reach", async () => {
    const archive = await psychOther.get(`/api/v1/students/${studentId}/archive`);
    expect(archive.statusCode, archive.body).toBe(200);
    expect(archive.json().sections.handover.items).toEqual([
      expect.objectContaining({
        id: transferId,
        tier: 3,
        caseOpen: true,
        followUpNeeds: '每两周随访一次，关注睡眠',
        attention: '开学第一周请班主任留意情绪变化',
        toSchool: f.other.name_zh,
      }),
    ]);
    expect((await psych.get(`/api/v1/students/${studentId}/archive`)).statusCode).toBe(404);
    expect((await thirdPsych.get(`/api/v1/students/${studentId}/archive`)).statusCode).toBe(404);
  });

  it('refuses a second acceptance and any later step', async () => {
    const again = await psychOther.post(`/api/v1/transfers/${transferId}/accept`, { classId: await otherClass() });
    expect(again.statusCode).toBe(409);
    expect((await psychOther.post(`/api/v1/transfers/${transferId}/decline`)).statusCode).toBe(409);
    expect((await psych.post(`/api/v1/transfers/${transferId}/cancel`)).statusCode).toBe(409);
    expect(
      (
        await psych.put(`/api/v1/transfers/${transferId}/handover`, {
          tier: 1,
          followUpNeeds: '',
          attention: 'x',
          sign: true,
        })
      ).statusCode,
    ).toBe(409);
    const enrollments = await ctx.db
      .selectFrom('enrollment')
      .select('id')
      .where('student_id', '=', studentId)
      .execute();
    expect(enrollments).toHaveLength(2);
  });
});

describe('an ordinary transfer', () => {
  it('is accepted and the guardians are told', async () => {
    // A home student with a guardian account (the demo seed gives few of them one).
    const s = await ctx.db
      .selectFrom('student as s')
      .innerJoin('student_guardian as sg', 'sg.student_id', 's.id')
      .innerJoin('user_account as u', 'u.guardian_id', 'sg.guardian_id')
      .select(['s.id', 'u.id as guardianUser'])
      .where('s.school_id', '=', f.home.id)
      .where('u.disabled_at', 'is', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await schoolAdmin.post('/api/v1/transfers', {
      studentId: s.id,
      toSchoolId: f.other.id,
      caseDisposition: 'hand_over',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const summary = { tier: 1, followUpNeeds: '', attention: '无特别关注事项', sign: true };
    expect((await psych.put(`/api/v1/transfers/${id}/handover`, summary)).statusCode).toBe(200);
    const accepted = await psychOther.post(`/api/v1/transfers/${id}/accept`, { classId: await otherClass() });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const told = await ctx.db
      .selectFrom('notification')
      .select('payload')
      .where('user_id', '=', s.guardianUser)
      .where('kind', '=', 'transfer.accepted')
      .execute();
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.payload)).toContain(f.other.name_zh);
  });

  it('is declined or withdrawn without moving anyone', async () => {
    const one = await f.transfers.transfer('home', 'other');
    expect((await psych.post(`/api/v1/transfers/${one}/decline`)).statusCode).toBe(404);
    const declined = await psychOther.post(`/api/v1/transfers/${one}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    const two = await f.transfers.transfer('home', 'other');
    expect((await psychOther.post(`/api/v1/transfers/${two}/cancel`)).statusCode).toBe(404);
    expect((await psych.post(`/api/v1/transfers/${two}/cancel`)).json().status).toBe('cancelled');

    // The sending school's psychology teachers and whoever asked are told which school declined, through the
    // outbox; the notice names the schools only, and the one who declined is not told of their own act.
    const declinedNotes = async (transferId: string) =>
      ctx.db
        .selectFrom('notification')
        .select(['id', 'user_id', 'payload'])
        .where('kind', '=', 'transfer.declined')
        .where(sql<boolean>`payload->>'transferId' = ${transferId}`)
        .execute();
    const notes = await declinedNotes(one);
    const told = new Set(notes.map((n) => n.user_id));
    const sendingPsych = await ctx.db
      .selectFrom('role_binding')
      .select('user_id')
      .where('role', '=', 'psych_teacher')
      .where('scope_id', '=', f.home.id)
      .execute();
    expect(told).toEqual(new Set([...sendingPsych.map((b) => b.user_id), await userId('admin')]));
    expect(told.has(await userId('psych03'))).toBe(true);
    expect(told.has(await userId('psych07'))).toBe(false);
    const row = await ctx.db
      .selectFrom('transfer as t')
      .innerJoin('student as s', 's.id', 't.student_id')
      .select(['s.name', 's.student_no'])
      .where('t.id', '=', one)
      .executeTakeFirstOrThrow();
    for (const n of notes) {
      const text = JSON.stringify(n.payload);
      expect(text).toContain(f.other.name_zh);
      expect(text).not.toContain(row.name);
      expect(text).not.toContain(row.student_no);
      expect(text).not.toMatch(/studentId|tier|case/i);
    }
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('id')
      .where(
        'notification_id',
        'in',
        notes.map((n) => n.id),
      )
      .execute();
    expect(outbox.length).toBeGreaterThanOrEqual(notes.length);
    // A withdrawal tells nobody: the sending school did it itself.
    expect(await declinedNotes(two)).toHaveLength(0);
    // The notice shows in the teacher's own list.
    const mine = (await psych.get('/api/v1/notifications')).json();
    expect(JSON.stringify(mine)).toContain('转学申请未被接收');
  });
});

describe('the receiving school’s roster import', () => {
  it('raises a transfer request for a student of another school instead of refusing the row', async () => {
    const s = await f.transfers.student('other');
    const grade = await ctx.db
      .selectFrom('org_unit')
      .select(['name_zh'])
      .where('id', '=', s.grade_id)
      .executeTakeFirstOrThrow();
    const homeGrade = await ctx.db
      .selectFrom('org_unit')
      .select('id')
      .where('school_id', '=', f.home.id)
      .where('kind', '=', 'grade')
      .where('name_zh', '=', grade.name_zh)
      .executeTakeFirstOrThrow();
    const klass = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'name_zh'])
      .where('grade_id', '=', homeGrade.id)
      .where('kind', '=', 'class')
      .orderBy('class_no')
      .limit(1)
      .executeTakeFirstOrThrow();
    const header = COLUMNS.map((c) => c.header['zh-CN']);
    const values: Record<string, string> = {
      学籍号: s.student_no,
      姓名: s.name,
      性别: s.gender === 'male' ? '男' : '女',
      年级: grade.name_zh,
      班级: klass.name_zh,
    };
    const csv = [header.join(','), header.map((h) => values[h] ?? '').join(',')].join('\r\n') + '\r\n';
    const { payload, headers } = multipartFile('roster.csv', csv, 'text/csv');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/roster/imports?schoolId=${f.home.id}`,
      payload,
      headers: { ...headers, cookie: schoolAdmin.cookie!, 'x-csrf-token': schoolAdmin.csrf! },
    });
    expect(res.statusCode, res.body).toBe(202);
    let job;
    for (;;) {
      job = (await schoolAdmin.get(`/api/v1/jobs/${res.json().jobId}`)).json();
      if (job.status === 'failed' || job.status === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 0, moved: 0, transfersRequested: 1 });

    // The student stays where they are until the request is accepted.
    const still = await ctx.db
      .selectFrom('student')
      .select('school_id')
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(still.school_id).toBe(f.other.id);
    const t = await ctx.db.selectFrom('transfer').selectAll().where('student_id', '=', s.id).executeTakeFirstOrThrow();
    expect(t).toMatchObject({
      status: 'requested',
      via: 'import',
      from_school_id: f.other.id,
      to_school_id: f.home.id,
      to_class_id: klass.id,
    });
    // The sending school's psychology teachers are asked for the summary.
    const asked = await ctx.db
      .selectFrom('notification')
      .select('id')
      .where('user_id', '=', await userId('psych07'))
      .where('kind', '=', 'transfer.summary_requested')
      .execute();
    expect(asked.length).toBeGreaterThan(0);
    const list = (await psychOther.get('/api/v1/transfers?direction=outgoing')).json().items;
    expect(list.find((x: { id: string }) => x.id === t.id)).toMatchObject({
      via: 'import',
      can: { writeSummary: true },
    });
  });
});
