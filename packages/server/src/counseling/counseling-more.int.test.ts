import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 15, the rest of the counseling room: a booking moves to another free slot in one step (never
 * double-booked), reminders go out through the outbox once each (the loop's clock is the test's), a group
 * session lists its students, and a record refers to the partner hospital through the case service.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let psychOther: Agent;
let student: Agent;
let head: Agent;
// The loop's clock: set by the test, nothing sleeps.
let now: Date | null = null;
const clock = () => now ?? new Date();

type Slot = { roomId: string; startsAt: string };

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { clock, intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  const by = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  psychOther = await ctx.signIn('psych07');
  student = await ctx.signIn(by('student'));
  head = await ctx.signIn(by('head_teacher'));
}, 120_000);
afterAll(() => ctx?.close());

async function slots(agent: Agent, studentId: string): Promise<Slot[]> {
  const res = await agent.get(`/api/v1/counseling/slots?studentId=${studentId}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Slot[]).map(({ roomId, startsAt }) => ({ roomId, startsAt }));
}

async function book(agent: Agent, studentId: string, slot: Slot) {
  const res = await agent.post('/api/v1/counseling/appointments', { studentId, ...slot });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const schoolStudents = (n: number) =>
  ctx.db
    .selectFrom('student')
    .select('id')
    .where('school_id', '=', f.home.id)
    .where('class_id', '<>', f.homeClass.id)
    .where('status', '=', 'active')
    .orderBy('student_no')
    .limit(n)
    .execute();

const held = (slot: Slot) =>
  ctx.db
    .selectFrom('counseling_appointment')
    .select(['id', 'student_id'])
    .where('room_id', '=', slot.roomId)
    .where('starts_at', '=', new Date(slot.startsAt))
    .where('kind', '=', 'booked')
    .where('status', '<>', 'cancelled')
    .execute();

const RECORD = {
  durationMinutes: 60,
  outcome: 'continue',
  state: '情绪尚稳',
  problem: '人际交往',
  assessment: '一般适应问题',
  analysis: '新学期适应',
  measures: '团体游戏与分享',
  evaluation: '参与积极',
};

describe('reschedule', () => {
  it('the student moves their own booking: the old slot is free again, the new one taken, confirmation anew', async () => {
    const [a, b] = await slots(student, f.demoStudent.id);
    const id = await book(student, f.demoStudent.id, a!);
    expect(
      (await psych.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'confirm' })).statusCode,
    ).toBe(200);
    const moved = await student.post(`/api/v1/counseling/appointments/${id}/reschedule`, b);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id, startsAt: b!.startsAt, status: 'booked' });
    expect(await held(a!)).toEqual([]);
    expect((await held(b!)).map((h) => h.id)).toEqual([id]);
    const free = await slots(student, f.demoStudent.id);
    expect(free.some((s) => s.startsAt === a!.startsAt)).toBe(true);
    expect(free.some((s) => s.startsAt === b!.startsAt)).toBe(false);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('payload')
      .where('action', '=', 'counseling.appointment.reschedule')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);

    // The same slot again, a time the roster does not open: 400 naming the field.
    const same = await student.post(`/api/v1/counseling/appointments/${id}/reschedule`, b);
    expect(same.statusCode).toBe(400);
    expect(same.json().errors[0].field).toBe('/startsAt');
    const odd = new Date(new Date(a!.startsAt).getTime() + 7 * 60_000).toISOString();
    const notSlot = await student.post(`/api/v1/counseling/appointments/${id}/reschedule`, { ...a, startsAt: odd });
    expect(notSlot.json().errors[0].field).toBe('/startsAt');

    // The head teacher of the class may move it; a psychology teacher of another school cannot see it.
    const byHead = await head.post(`/api/v1/counseling/appointments/${id}/reschedule`, a);
    expect(byHead.statusCode, byHead.body).toBe(200);
    expect((await psychOther.post(`/api/v1/counseling/appointments/${id}/reschedule`, b)).statusCode).toBe(404);

    // A cancelled booking stays cancelled: 409, localized.
    await student.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'cancel' });
    const closed = await student.request('POST', `/api/v1/counseling/appointments/${id}/reschedule`, b, {
      'accept-language': 'en',
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toContain('cannot be moved');
  });

  it('never double-books under concurrent moves and bookings: one wins, the others keep their own slots', async () => {
    const others = await schoolStudents(4);
    const free = await slots(psych, others[0]!.id);
    const [target, ...rest] = free;
    // Three students hold a slot each and all try to move to the same free one while a fourth books it.
    const holders = await Promise.all(
      others
        .slice(0, 3)
        .map(async (s, i) => ({ student: s.id, slot: rest[i]!, id: await book(psych, s.id, rest[i]!) })),
    );
    const attempts = await Promise.all([
      ...holders.map((h, i) =>
        psych.request('POST', `/api/v1/counseling/appointments/${h.id}/reschedule`, target, {
          'accept-language': i % 2 ? 'en' : 'zh-CN',
        }),
      ),
      psych.post('/api/v1/counseling/appointments', { studentId: others[3]!.id, ...target }),
    ]);
    const ok = attempts.filter((r) => r.statusCode === 200 || r.statusCode === 201);
    expect(ok, attempts.map((r) => r.body).join('\n')).toHaveLength(1);
    for (const r of attempts.filter((a) => a !== ok[0])) {
      expect(r.statusCode).toBe(409);
      expect(r.json().detail).toMatch(/刚刚被预约|just been booked/);
    }
    expect(await held(target!)).toHaveLength(1);
    // Nothing half-applied: a move that lost still holds its old slot.
    const winner = (await held(target!))[0]!;
    for (const h of holders.filter((x) => x.id !== winner.id))
      expect((await held(h.slot)).map((x) => x.id)).toEqual([h.id]);
  });
});

describe('the duty log', () => {
  const chinaDay = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  it('a day marked closed opens no slot; a day that holds bookings cannot be closed', async () => {
    const free = await slots(student, f.demoStudent.id);
    const days = [...new Set(free.map((s) => chinaDay(s.startsAt)))];
    const roomId = free[0]!.roomId;
    const shut = days.at(-1)!;
    const res = await psych.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().closedDays).toContain(shut);
    // Again: nothing changes, nothing more audited.
    expect(
      (await psych.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: false })).statusCode,
    ).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'counseling.duty_log.close')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await slots(student, f.demoStudent.id)).some((s) => chinaDay(s.startsAt) === shut)).toBe(false);
    const onClosed = free.find((s) => chinaDay(s.startsAt) === shut)!;
    const refused = await student.post('/api/v1/counseling/appointments', { studentId: f.demoStudent.id, ...onClosed });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('/startsAt');
    expect(
      (await psychOther.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: true })).statusCode,
    ).toBe(404);
    expect((await head.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: true })).statusCode).toBe(
      403,
    );
    await psych.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: true });
    expect((await slots(student, f.demoStudent.id)).some((s) => chinaDay(s.startsAt) === shut)).toBe(true);

    const id = await book(student, f.demoStudent.id, onClosed);
    const busy = await psych.put(`/api/v1/counseling/rooms/${roomId}/duty-log`, { date: shut, open: false });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().errors[0].field).toBe('/date');
    await student.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'cancel' });
  });
});

describe('reminders through the outbox', () => {
  const remindersOf = (appointmentId: string) =>
    ctx.db
      .selectFrom('notification')
      .select(['user_id', 'payload'])
      .where('kind', '=', 'counseling.reminder')
      .where(sql<string>`payload::jsonb->>'appointmentId'`, '=', appointmentId)
      .execute();

  it('reminds the student and the teacher on duty the day before and two hours before, never twice', async () => {
    const free = await slots(student, f.demoStudent.id);
    const slot = free.find((s) => new Date(s.startsAt).getTime() - Date.now() > 26 * 3_600_000)!;
    const id = await book(student, f.demoStudent.id, slot);
    const startsAt = new Date(slot.startsAt).getTime();
    const studentUser = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('student_id', '=', f.demoStudent.id)
      .executeTakeFirstOrThrow();
    const appointment = await ctx.db
      .selectFrom('counseling_appointment')
      .select('teacher_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

    now = new Date(startsAt - 30 * 3_600_000);
    await ctx.app.warning.tick();
    expect(await remindersOf(id)).toEqual([]);

    now = new Date(startsAt - 20 * 3_600_000);
    await Promise.all([ctx.app.warning.tick(), ctx.app.warning.tick()]);
    await ctx.app.warning.tick();
    const day = await remindersOf(id);
    expect(day.map((n) => n.user_id).sort()).toEqual([studentUser.id, appointment.teacher_id].sort());
    // It may go out by SMS: the time and the room, never the student's name.
    expect(JSON.stringify(day)).not.toContain(f.demoStudent.name);
    expect(JSON.stringify(day)).toContain('心理辅导预约提醒');

    now = new Date(startsAt - 90 * 60_000);
    await Promise.all([ctx.app.warning.tick(), ctx.app.warning.tick()]);
    await ctx.app.warning.tick();
    expect(await remindersOf(id)).toHaveLength(4);
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `counseling-reminder:${id}:%`)
      .execute();
    expect(new Set(outbox.map((o) => o.dedupe_key)).size).toBe(outbox.length);
    expect(outbox.length).toBeGreaterThanOrEqual(4);

    // Moved to another day: the new time is reminded afresh.
    const later = free.find((s) => new Date(s.startsAt).getTime() - startsAt > 26 * 3_600_000);
    if (later) {
      now = null;
      expect((await student.post(`/api/v1/counseling/appointments/${id}/reschedule`, later)).statusCode).toBe(200);
      now = new Date(new Date(later.startsAt).getTime() - 20 * 3_600_000);
      await ctx.app.warning.tick();
      expect(await remindersOf(id)).toHaveLength(6);
    }
    now = null;
    await student.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'cancel' });
  });

  it('a cancelled appointment is not reminded', async () => {
    const [slot] = await slots(student, f.demoStudent.id);
    const id = await book(student, f.demoStudent.id, slot!);
    await student.post(`/api/v1/counseling/appointments/${id}/transition`, { event: 'cancel' });
    now = new Date(new Date(slot!.startsAt).getTime() - 60 * 60_000);
    await ctx.app.warning.tick();
    now = null;
    expect(await remindersOf(id)).toEqual([]);
  });
});

describe('group sessions', () => {
  it("list their students, the school's only, naming the field otherwise", async () => {
    const [a, b] = await schoolStudents(2);
    const group = {
      ...RECORD,
      sessionType: 'group',
      studentId: f.demoStudent.id,
      participantIds: [a!.id, b!.id, a!.id],
    };
    const created = await psych.post('/api/v1/counseling/records', group);
    expect(created.statusCode, created.body).toBe(201);
    const read = (await psych.get(`/api/v1/counseling/records/${created.json().id}`)).json();
    expect(read.participants.map((p: { id: string }) => p.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(read.participants[0].name).not.toBe('');

    const stranger = await psych.post('/api/v1/counseling/records', {
      ...group,
      participantIds: [a!.id, f.otherStudent.id],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().errors[0].field).toBe('/participantIds/1');
    const individual = await psych.post('/api/v1/counseling/records', { ...group, sessionType: 'individual' });
    expect(individual.statusCode).toBe(400);
    expect(individual.json().errors[0].field).toBe('/participantIds');
    const plain = await psych.post('/api/v1/counseling/records', { ...group, participantIds: undefined });
    expect((await psych.get(`/api/v1/counseling/records/${plain.json().id}`)).json().participants).toEqual([]);
  });
});

describe('referral from a record', () => {
  const REFER = { reason: '持续失眠与自伤念头', summary: '三次辅导后仍无改善', urgency: 'high' };
  const recordOf = async (studentId: string) => {
    const r = await psych.post('/api/v1/counseling/records', { ...RECORD, sessionType: 'individual', studentId });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };

  it("refers the record's case in intervention to the school's partner hospital in one step", async () => {
    const hospitalId = await f.cases.hospitalId();
    const caseId = await f.cases.case('home', 'intervening', 'counseling-referral');
    const c = await ctx.db
      .selectFrom('care_case')
      .select('student_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const id = await recordOf(c.student_id);

    await ctx.db.updateTable('org_unit').set({ partner_hospital_id: null }).where('id', '=', f.home.id).execute();
    const none = await psych.post(`/api/v1/counseling/records/${id}/referral`, REFER);
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].field).toBe('/hospitalId');

    await ctx.db.updateTable('org_unit').set({ partner_hospital_id: hospitalId }).where('id', '=', f.home.id).execute();
    expect((await head.post(`/api/v1/counseling/records/${id}/referral`, REFER)).statusCode).toBe(403);
    expect((await psychOther.post(`/api/v1/counseling/records/${id}/referral`, REFER)).statusCode).toBe(404);
    const res = await psych.post(`/api/v1/counseling/records/${id}/referral`, REFER);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ caseId, state: 'referred' });
    const referral = await ctx.db
      .selectFrom('referral')
      .selectAll()
      .where('id', '=', res.json().referralId)
      .executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ case_id: caseId, hospital_id: hospitalId, status: 'awaiting_consent' });
    expect(referral.reason_enc).toMatch(/^v1\./);
    expect((await psych.get(`/api/v1/counseling/records/${id}`)).json().caseId).toBe(caseId);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['counseling.record.refer', 'case.refer'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['case.refer', 'counseling.record.refer']);
  });

  it('a student not yet in intervention: 409 naming what is missing, and nothing kept, not even the case', async () => {
    const [s] = await ctx.db
      .selectFrom('student')
      .select('id')
      .where('school_id', '=', f.home.id)
      .where('status', '=', 'active')
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('care_case').select('id').whereRef('care_case.student_id', '=', 'student.id'))),
      )
      .orderBy('student_no', 'desc')
      .limit(1)
      .execute();
    const id = await recordOf(s!.id);
    const res = await psych.post(`/api/v1/counseling/records/${id}/referral`, REFER);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await ctx.db.selectFrom('care_case').select('id').where('student_id', '=', s!.id).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('alert').select('id').where('student_id', '=', s!.id).execute()).toEqual([]);
    expect((await psych.get(`/api/v1/counseling/records/${id}`)).json().caseId).toBeNull();
  });
});
