import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 15, 心理辅导室: the roster opens slots, a slot is booked once (the database decides between
 * concurrent requests), a student sees only their own bookings, and the six-part record is encrypted,
 * read only by the school's psychology teachers (audited), and opens a case in one step.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let psychOther: Agent;
let student: Agent;
let head: Agent;
let leader: Agent;

type Slot = { roomId: string; startsAt: string; teacherName: string };

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const by = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  psychOther = await ctx.signIn('psych07');
  student = await ctx.signIn(by('student'));
  head = await ctx.signIn(by('head_teacher'));
  leader = await ctx.signIn(by('school_leader'));
});
afterAll(() => ctx?.close());

async function slots(agent: Agent, studentId: string): Promise<Slot[]> {
  const res = await agent.get(`/api/v1/counseling/slots?studentId=${studentId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** Another student of the home school, for bookings that must not count against the demo student. */
async function schoolStudents(n: number) {
  return ctx.db
    .selectFrom('student')
    .select('id')
    .where('school_id', '=', f.home.id)
    .where('class_id', '<>', f.homeClass.id)
    .orderBy('student_no')
    .limit(n)
    .execute();
}

const RECORD = {
  sessionType: 'individual',
  durationMinutes: 45,
  outcome: 'escalate',
  state: '情绪低落，睡眠差',
  problem: '学业压力与同伴冲突',
  assessment: '中度焦虑，需关注',
  analysis: '期中考试失利后自我评价下降',
  measures: '认知调整，联系班主任',
  evaluation: '情绪有所缓和',
};

describe('the duty roster', () => {
  it('opens slots of the own school only, with the teacher on duty', async () => {
    const mine = await slots(student, f.demoStudent.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.teacherName).not.toBe('');
    expect((await student.get(`/api/v1/counseling/slots?studentId=${f.homeStudent.id}`)).statusCode).toBe(404);
    expect((await psychOther.get(`/api/v1/counseling/slots?studentId=${f.demoStudent.id}`)).statusCode).toBe(404);
  });

  it('refuses overlapping shifts and teachers of another school, naming the field', async () => {
    const rooms = (await psych.get(`/api/v1/counseling/rooms?schoolId=${f.home.id}`)).json();
    const room = rooms.items[0];
    const teacherId = rooms.teachers[0].id as string;
    const shift = { weekday: 6, startMin: 540, endMin: 600, slotMinutes: 30, teacherId };
    const keep = room.shifts.map(({ teacherName: _, ...s }: { teacherName: string }) => s);
    const overlap = await psych.put(`/api/v1/counseling/rooms/${room.id}/roster`, {
      shifts: [...keep, shift, { ...shift, startMin: 570 }],
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().errors[0].field).toBe(`/shifts/${keep.length + 1}/endMin`);
    expect(overlap.json().detail).toContain('重叠');
    const otherTeacher = (await psychOther.get(`/api/v1/counseling/rooms?schoolId=${f.other.id}`)).json().teachers[0]
      .id;
    const stranger = await psych.put(`/api/v1/counseling/rooms/${room.id}/roster`, {
      shifts: [...keep, { ...shift, teacherId: otherTeacher }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe(`/shifts/${keep.length}/teacherId`);
    const saved = await psych.put(`/api/v1/counseling/rooms/${room.id}/roster`, { shifts: [...keep, shift] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().shifts).toHaveLength(keep.length + 1);
    expect((await psychOther.put(`/api/v1/counseling/rooms/${room.id}/roster`, { shifts: keep })).statusCode).toBe(404);
    expect((await head.get(`/api/v1/counseling/rooms?schoolId=${f.home.id}`)).statusCode).toBe(403);
  });
});

describe('rooms', () => {
  it('a psychology teacher adds a room; a second room of that name is refused on the field', async () => {
    const body = { schoolId: f.home.id, name: '团体辅导室', location: '实验楼二楼' };
    const created = await psych.post('/api/v1/counseling/rooms', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '团体辅导室', shifts: [] });
    const again = await psych.post('/api/v1/counseling/rooms', body);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0].field).toBe('/name');
    expect((await psychOther.post('/api/v1/counseling/rooms', body)).statusCode).toBe(404);
  });
});

describe('appointments', () => {
  it('a student books a free slot and sees only their own bookings', async () => {
    const [slot] = await slots(student, f.demoStudent.id);
    const res = await student.post('/api/v1/counseling/appointments', {
      studentId: f.demoStudent.id,
      roomId: slot!.roomId,
      startsAt: slot!.startsAt,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('booked');
    // The slot is gone for everyone; who took it is never shown.
    expect(
      (await slots(student, f.demoStudent.id)).some((s) => s.startsAt === slot!.startsAt && s.roomId === slot!.roomId),
    ).toBe(false);
    const own = (await student.get(`/api/v1/counseling/appointments?studentId=${f.demoStudent.id}`)).json().items;
    expect(own.map((a: { id: string }) => a.id)).toContain(res.json().id);
    // Another student's bookings, or booking for them, are out of a student's reach.
    expect((await student.get(`/api/v1/counseling/appointments?studentId=${f.homeStudent.id}`)).statusCode).toBe(404);
    const forOther = await student.post('/api/v1/counseling/appointments', {
      studentId: f.homeStudent.id,
      roomId: slot!.roomId,
      startsAt: slot!.startsAt,
    });
    expect(forOther.statusCode).toBe(404);
    // The head teacher sees the bookings of their class, not of another class.
    expect((await head.get(`/api/v1/counseling/appointments?studentId=${f.demoStudent.id}`)).statusCode).toBe(200);
    expect((await head.get(`/api/v1/counseling/appointments?studentId=${f.homeOtherClassStudent.id}`)).statusCode).toBe(
      404,
    );
    // Cancelling frees the slot again.
    const cancel = await student.post(`/api/v1/counseling/appointments/${res.json().id}/transition`, {
      event: 'cancel',
    });
    expect(cancel.json()).toMatchObject({ status: 'cancelled' });
    expect((await slots(student, f.demoStudent.id)).some((s) => s.startsAt === slot!.startsAt)).toBe(true);
  });

  it('books one slot once under concurrent requests: one 201, the others a localized 409', async () => {
    const others = await schoolStudents(4);
    const [, slot] = await slots(psych, others[0]!.id);
    const attempts = await Promise.all([
      student.post('/api/v1/counseling/appointments', {
        studentId: f.demoStudent.id,
        roomId: slot!.roomId,
        startsAt: slot!.startsAt,
      }),
      ...others.map((s, i) =>
        psych.request(
          'POST',
          '/api/v1/counseling/appointments',
          { studentId: s.id, roomId: slot!.roomId, startsAt: slot!.startsAt },
          { 'accept-language': i % 2 ? 'en' : 'zh-CN' },
        ),
      ),
    ]);
    const codes = attempts.map((r) => r.statusCode).sort();
    expect(codes, attempts.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409, 409]);
    for (const r of attempts.filter((a) => a.statusCode === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().detail).toMatch(/刚刚被预约|just been booked/);
    }
    const rows = await ctx.db
      .selectFrom('counseling_appointment')
      .select('id')
      .where('room_id', '=', slot!.roomId)
      .where('starts_at', '=', new Date(slot!.startsAt))
      .where('status', '<>', 'cancelled')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('the database itself refuses a second booking of a slot', async () => {
    const taken = await ctx.db
      .selectFrom('counseling_appointment')
      .selectAll()
      .where('kind', '=', 'booked')
      .where('status', '<>', 'cancelled')
      .executeTakeFirstOrThrow();
    const { id: _, ...copy } = taken;
    await expect(ctx.db.insertInto('counseling_appointment').values(copy).execute()).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('refuses times that are not roster slots, naming the field, and steps only the staff may take', async () => {
    const [slot] = await slots(head, f.demoStudent.id);
    const odd = new Date(new Date(slot!.startsAt).getTime() + 7 * 60_000).toISOString();
    const res = await head.post('/api/v1/counseling/appointments', {
      studentId: f.demoStudent.id,
      roomId: slot!.roomId,
      startsAt: odd,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/startsAt');
    const booked = await head.post('/api/v1/counseling/appointments', {
      studentId: f.demoStudent.id,
      roomId: slot!.roomId,
      startsAt: slot!.startsAt,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id;
    expect(
      (await student.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'confirm' })).statusCode,
    ).toBe(403);
    expect(
      (await psychOther.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'confirm' })).statusCode,
    ).toBe(404);
    expect(
      (await psych.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'confirm' })).json().status,
    ).toBe('confirmed');
    const early = await psych.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'no_show' });
    expect(early.statusCode).toBe(409);
    const day = (
      await psych.get(`/api/v1/counseling/day?schoolId=${f.home.id}&date=${chinaDay(slot!.startsAt)}`)
    ).json();
    expect(day.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'confirmed', recordId: null });
    expect(
      (await psychOther.get(`/api/v1/counseling/day?schoolId=${f.home.id}&date=${chinaDay(slot!.startsAt)}`))
        .statusCode,
    ).toBe(404);
  });
});

function chinaDay(iso: string) {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe('counseling records', () => {
  it('are encrypted, read only by the school psychology teachers (audited), and open a case in one step', async () => {
    const room = (await psych.get(`/api/v1/counseling/rooms?schoolId=${f.home.id}`)).json().items[0];
    const walkIn = await psych.post('/api/v1/counseling/walk-ins', { studentId: f.homeStudent.id, roomId: room.id });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const blank = await psych.post('/api/v1/counseling/records', {
      ...RECORD,
      appointmentId: walkIn.json().id,
      analysis: '  ',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('/analysis');
    expect(
      (await head.post('/api/v1/counseling/records', { ...RECORD, appointmentId: walkIn.json().id })).statusCode,
    ).toBe(403);
    const created = await psych.post('/api/v1/counseling/records', { ...RECORD, appointmentId: walkIn.json().id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(
      (await psych.post('/api/v1/counseling/records', { ...RECORD, appointmentId: walkIn.json().id })).statusCode,
    ).toBe(409);

    const row = await ctx.db.selectFrom('counseling_record').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const c of [
      'state_enc',
      'problem_enc',
      'assessment_enc',
      'analysis_enc',
      'measures_enc',
      'evaluation_enc',
    ] as const)
      expect(row[c]).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toContain('同伴冲突');

    const read = await psych.get(`/api/v1/counseling/records/${id}`);
    expect(read.json()).toMatchObject({ problem: RECORD.problem, evaluation: RECORD.evaluation, caseId: null });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('target_id', '=', id)
      .where('action', '=', 'counseling.record.read')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('同伴冲突');
    for (const refused of [head, leader, student])
      expect((await refused.get(`/api/v1/counseling/records/${id}`)).statusCode).toBe(403);
    expect((await psychOther.get(`/api/v1/counseling/records/${id}`)).statusCode).toBe(404);

    const opened = await psych.post(`/api/v1/counseling/records/${id}/case`, { urgency: 'high', note: '辅导后开案' });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().caseId as string;
    const c = await ctx.db.selectFrom('care_case').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(c.student_id).toBe(f.homeStudent.id);
    const alert = await ctx.db
      .selectFrom('alert as a')
      .innerJoin('case_alert as ca', 'ca.alert_id', 'a.id')
      .select(['a.source', 'a.status'])
      .where('ca.case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(alert).toEqual({ source: 'counseling', status: 'acknowledged' });
    const again = await psych.post(`/api/v1/counseling/records/${id}/case`, { urgency: 'high' });
    expect(again.statusCode).toBe(200);
    expect(again.json().caseId).toBe(caseId);
    expect((await psych.get(`/api/v1/cases/${caseId}`)).statusCode).toBe(200);
    expect((await psychOther.post(`/api/v1/counseling/records/${id}/case`, { urgency: 'high' })).statusCode).toBe(404);
  });
});

describe('重点反馈 to the head teacher', () => {
  it("sends the teacher's own note, never the record, to the class's head teachers; a disclosure, read audited", async () => {
    const room = (await psych.get(`/api/v1/counseling/rooms?schoolId=${f.home.id}`)).json().items[0];
    const walkIn = await psych.post('/api/v1/counseling/walk-ins', { studentId: f.demoStudent.id, roomId: room.id });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const created = await psych.post('/api/v1/counseling/records', { ...RECORD, appointmentId: walkIn.json().id });
    const id = created.json().id as string;

    expect(
      (await psych.post(`/api/v1/counseling/records/${id}/key-feedback`, { note: '  ' })).json().errors[0],
    ).toMatchObject({ field: '/note' });
    expect((await head.post(`/api/v1/counseling/records/${id}/key-feedback`, { note: '请关注' })).statusCode).toBe(403);
    expect(
      (await psychOther.post(`/api/v1/counseling/records/${id}/key-feedback`, { note: '请关注' })).statusCode,
    ).toBe(404);

    const note = '近期请多关注该生情绪，避免当众批评，有变化及时告诉我。';
    const sent = await psych.post(`/api/v1/counseling/records/${id}/key-feedback`, { note });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().recipients).toBeGreaterThan(0);

    const heads = await ctx.db
      .selectFrom('role_binding as rb')
      .innerJoin('user_account as u', 'u.id', 'rb.user_id')
      .select(['u.id', 'u.username'])
      .where('rb.role', '=', 'head_teacher')
      .where('rb.scope_id', '=', f.demoStudent.class_id)
      .execute();
    expect(heads.length).toBe(sent.json().recipients);
    const stored = await ctx.db
      .selectFrom('counseling_feedback')
      .selectAll()
      .where('id', '=', sent.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.note_enc).toMatch(/^v1\./);
    expect(stored.told_user_ids.sort()).toEqual(heads.map((h) => h.id).sort());

    // The notice names neither the student nor the note (it may go out by SMS); the page shows the note.
    const notices = await ctx.db
      .selectFrom('notification')
      .select('payload')
      .where('kind', '=', 'counseling.feedback')
      .where('user_id', '=', heads[0]!.id)
      .execute();
    expect(notices).toHaveLength(1);
    const text = JSON.stringify(notices);
    for (const secret of [note, f.demoStudent.name, RECORD.problem]) expect(text).not.toContain(secret);

    const classHead = await ctx.signIn(heads[0]!.username);
    const list = (await classHead.get('/api/v1/counseling/key-feedback')).json().items;
    expect(list[0]).toMatchObject({ note, sentByMe: false, recordId: null, student: { id: f.demoStudent.id } });
    expect(JSON.stringify(list)).not.toContain(RECORD.problem);
    expect((await psych.get('/api/v1/counseling/key-feedback')).json().items[0]).toMatchObject({
      sentByMe: true,
      recordId: id,
    });
    expect(
      (await psychOther.get('/api/v1/counseling/key-feedback')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(sent.json().id);
    expect((await student.get('/api/v1/counseling/key-feedback')).json().items).toEqual([]);
    expect((await classHead.get(`/api/v1/counseling/records/${id}`)).statusCode).toBe(403);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'payload'])
      .where('action', 'in', ['counseling.record.key_feedback', 'counseling.feedback.read'])
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['counseling.record.key_feedback', 'counseling.feedback.read']),
    );
    expect(JSON.stringify(audit)).not.toContain(note);
  });
});

describe('an alert from a counseling record', () => {
  it("raises an ordinary alert for the school's team with the teacher's reason, once; a case opened later takes it", async () => {
    const [s] = await schoolStudents(1);
    const created = await psych.post('/api/v1/counseling/records', { ...RECORD, studentId: s!.id });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const url = `/api/v1/counseling/records/${id}/alert`;
    const REASON = '辅导中提到近来常想到死';

    const blank = await psych.post(url, { urgency: 'high', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('/reason');
    expect((await head.post(url, { urgency: 'high', reason: REASON })).statusCode).toBe(403);
    expect((await psychOther.post(url, { urgency: 'high', reason: REASON })).statusCode).toBe(404);

    const raised = await psych.post(url, { urgency: 'high', reason: REASON });
    expect(raised.statusCode, raised.body).toBe(201);
    const alertId = raised.json().alertId as string;
    const row = await ctx.db.selectFrom('alert').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
    // In the queue like any alert: not taken by anyone yet, with the city's deadline running.
    expect(row).toMatchObject({ source: 'counseling', urgency: 'high', status: 'open', student_id: s!.id });
    expect(row.due_at.getTime()).toBeGreaterThan(row.created_at.getTime());
    expect(JSON.stringify(row.reasons)).not.toContain('常想到死');
    const view = (await psych.get(`/api/v1/alerts/${alertId}`)).json();
    expect(JSON.stringify(view.reasons)).toContain(REASON);
    expect(JSON.stringify(view)).not.toContain(RECORD.problem);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['payload'])
      .where('target_id', '=', id)
      .where('action', '=', 'counseling.record.alert')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('常想到死');

    const again = await psych.post(url, { urgency: 'high', reason: REASON });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('该辅导记录已生成预警或个案。');

    const opened = await psych.post(`/api/v1/counseling/records/${id}/case`, { urgency: 'high' });
    expect(opened.statusCode, opened.body).toBe(201);
    const linked = await ctx.db
      .selectFrom('case_alert')
      .select('alert_id')
      .where('case_id', '=', opened.json().caseId)
      .execute();
    expect(linked.map((l) => l.alert_id)).toEqual([alertId]);
    const taken = await ctx.db.selectFrom('alert').select('status').where('id', '=', alertId).executeTakeFirstOrThrow();
    expect(taken.status).toBe('acknowledged');
  });
});
