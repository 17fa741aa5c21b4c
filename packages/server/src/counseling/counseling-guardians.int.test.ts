import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * Issue 15: guardians hear of a counseling appointment only when staff choose to tell them (booking,
 * confirming or moving it), and then of the time and the room only. A student's own booking never reaches
 * their guardians: it may be confidential.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let student: Agent;
let head: Agent;
let guardianId: string;

type Slot = { roomId: string; startsAt: string };

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  const by = (role: string) => ctx.demo.accounts.find((a) => a.role === role)!.username;
  psych = await ctx.signIn('psych03');
  student = await ctx.signIn(by('student'));
  head = await ctx.signIn(by('head_teacher'));
  const g = await ctx.db
    .selectFrom('user_account')
    .select('id')
    .where('username', '=', by('guardian'))
    .executeTakeFirstOrThrow();
  guardianId = g.id;
}, 120_000);
afterAll(() => ctx?.close());

async function slots(): Promise<Slot[]> {
  const res = await psych.get(`/api/v1/counseling/slots?studentId=${f.demoStudent.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Slot[]).map(({ roomId, startsAt }) => ({ roomId, startsAt }));
}

const guardianNotices = async () => {
  const rows = await ctx.db
    .selectFrom('notification')
    .select(['id', 'payload'])
    .where('user_id', '=', guardianId)
    .where('kind', '=', 'counseling.guardian_informed')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as {
      appointmentId: string;
      body: { 'zh-CN': string; en: string };
    },
  }));
};

const auditDetail = async (action: string, id: string) => {
  const row = await ctx.db
    .selectFrom('audit_log')
    .select('payload')
    .where('action', '=', action)
    .where('target_id', '=', id)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const p = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as Record<string, unknown>;
  return (p.detail ?? p) as Record<string, unknown>;
};

describe('guardians told of an appointment', () => {
  it("a student's own booking never reaches the guardians, even asked", async () => {
    const [a] = await slots();
    const asked = await student.post('/api/v1/counseling/appointments', {
      studentId: f.demoStudent.id,
      ...a,
      informGuardians: true,
    });
    expect(asked.statusCode).toBe(400);
    expect(asked.json().errors[0].field).toBe('/informGuardians');
    const own = await student.post('/api/v1/counseling/appointments', { studentId: f.demoStudent.id, ...a });
    expect(own.statusCode, own.body).toBe(201);
    expect(await guardianNotices()).toEqual([]);
    await student.post(`/api/v1/counseling/appointments/${own.json().id}/transition`, { event: 'cancel' });
  });

  it('staff who tick it tell each guardian of the time and room, never the reason; unticked tells none', async () => {
    const [b, c, d] = await slots();
    const byHead = await head.post('/api/v1/counseling/appointments', {
      studentId: f.demoStudent.id,
      ...b,
      informGuardians: true,
    });
    expect(byHead.statusCode, byHead.body).toBe(201);
    const id = byHead.json().id as string;
    const roomName = byHead.json().roomName as string;
    let notes = await guardianNotices();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.payload.appointmentId).toBe(id);
    const text = JSON.stringify(notes[0]!.payload);
    expect(text).toContain(roomName);
    expect(text).not.toContain(f.demoStudent.name);
    const outbox = await ctx.db
      .selectFrom('notification_outbox')
      .select('payload')
      .where('notification_id', '=', notes[0]!.id)
      .execute();
    for (const o of outbox) expect(JSON.stringify(o.payload)).not.toContain(f.demoStudent.name);
    const booked = await auditDetail('counseling.book', id);
    expect(booked.guardiansInformed).toBe(1);

    // Booked by the psychology teacher without the tick: nobody told; confirming it with the tick tells them.
    const byPsych = await psych.post('/api/v1/counseling/appointments', { studentId: f.demoStudent.id, ...c });
    expect(byPsych.statusCode, byPsych.body).toBe(201);
    const other = byPsych.json().id as string;
    expect(await guardianNotices()).toHaveLength(1);
    expect((await auditDetail('counseling.book', other)).guardiansInformed).toBe(0);
    const confirmed = await psych.post(`/api/v1/counseling/appointments/${other}/transition`, {
      event: 'confirm',
      informGuardians: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    notes = await guardianNotices();
    expect(notes).toHaveLength(2);
    expect(notes[1]!.payload.appointmentId).toBe(other);
    expect(notes[1]!.payload.body['zh-CN']).toContain('已确认');

    // Moved with the tick: the notice names the new time.
    const moved = await head.post(`/api/v1/counseling/appointments/${id}/reschedule`, { ...d, informGuardians: true });
    expect(moved.statusCode, moved.body).toBe(200);
    notes = await guardianNotices();
    expect(notes).toHaveLength(3);
    const newTime = new Intl.DateTimeFormat('en', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(d!.startsAt));
    expect(notes[2]!.payload.body.en).toContain(newTime);
    expect(notes[2]!.payload.body.en).toContain('moved');
    expect((await auditDetail('counseling.appointment.reschedule', id)).guardiansInformed).toBe(1);

    // Only booking, confirming and moving tell; a cancel with the tick is refused naming the field.
    const cancel = await head.request(
      'POST',
      `/api/v1/counseling/appointments/${id}/transition`,
      { event: 'cancel', informGuardians: true },
      { 'accept-language': 'en' },
    );
    expect(cancel.statusCode).toBe(400);
    expect(cancel.json().errors[0].field).toBe('/informGuardians');
    expect(cancel.json().detail).toContain('Guardians');
  });
});
