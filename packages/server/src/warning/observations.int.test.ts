import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames } from '../testing/matrix.js';

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let peer: Agent;
let psych: Agent;
let head: Agent;

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  const names = actorUsernames(ctx.demo);
  peer = await ctx.signIn(names.peer_supporter);
  psych = await ctx.signIn('psych03');
  head = await ctx.signIn(names.head_teacher);
});
afterAll(() => ctx?.close());

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const body = (studentId: string, over: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  studentId,
  signs: ['self_harm_talk', 'withdrawal'],
  seenAt: hourAgo(),
  urgency: 'crisis',
  text: '午休时说“活着没意思”，把自己的东西送给了同学。',
  ...over,
});

describe('filing an observation', () => {
  it('lets a peer supporter pick a classmate and file, and answers with a receipt only', async () => {
    const subjects = await peer.get('/api/v1/observations/subjects');
    expect(subjects.statusCode).toBe(200);
    const list = subjects.json<{
      items: Array<{ id: string; name: string }>;
      levels: string[];
      defaultLevel: string | null;
    }>();
    expect(list.items.map((s) => s.id)).toContain(f.demoStudent.id);
    expect(list.items.map((s) => s.id)).not.toContain(f.homeOtherClassStudent.id);
    // Jinan's network (the default) has no peer level: a peer supporter reports from the class.
    expect(list.levels).toEqual(['school', 'grade', 'class', 'dormitory']);
    expect(list.defaultLevel).toBe('class');

    const sent = body(f.demoStudent.id);
    const res = await peer.post('/api/v1/observations', sent);
    expect(res.statusCode).toBe(201);
    expect(Object.keys(res.json()).sort()).toEqual(['filedAt', 'id']);

    const again = await peer.post('/api/v1/observations', sent);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(res.json().id);
    expect(
      await ctx.db.selectFrom('observation').select('id').where('client_id', '=', sent.clientId).execute(),
    ).toHaveLength(1);

    const stored = await ctx.db
      .selectFrom('observation')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.filed_role).toBe('peer_supporter');
    expect(stored.level).toBe('class');
    // The free text is encrypted at rest.
    expect(stored.note_enc).not.toContain('活着没意思');
  });

  it('never lets the peer supporter read anything back', async () => {
    const alert = await ctx.db
      .selectFrom('alert')
      .select('id')
      .where('source', '=', 'observation')
      .where('student_id', '=', f.demoStudent.id)
      .executeTakeFirstOrThrow();
    for (const url of ['/api/v1/alerts', `/api/v1/alerts/${alert.id}`, `/api/v1/students/${f.demoStudent.id}`]) {
      const res = await peer.get(url);
      expect([403, 404], url).toContain(res.statusCode);
      expect(res.body).not.toContain('活着没意思');
    }
  });

  it('puts the alert in the school queue for psychology teachers, with what was seen and the crisis deadline', async () => {
    const res = await psych.get('/api/v1/alerts?status=open&urgency=crisis&pageSize=50');
    expect(res.statusCode).toBe(200);
    const alert = (res.json().items as Array<Record<string, any>>).find(
      (a) => a.source === 'observation' && a.studentId === f.demoStudent.id,
    )!;
    expect(alert).toBeTruthy();
    expect(alert.observation).toMatchObject({
      level: 'class',
      signs: ['self_harm_talk', 'withdrawal'],
      filedRole: 'peer_supporter',
      text: '午休时说“活着没意思”，把自己的东西送给了同学。',
    });
    expect(Date.parse(alert.dueAt) - Date.parse(alert.createdAt)).toBe(60 * 60_000);
    expect(alert.escalationLevel).toBe('school');
    expect(alert.nextEscalationAt).toBe(alert.dueAt);
    expect(alert.overdue).toBe(false);
    expect(Array.isArray(alert.careTags)).toBe(true);

    const notes = await psych.get('/api/v1/notifications?unread=true');
    expect(notes.statusCode).toBe(200);
    const note = (notes.json().items as Array<Record<string, any>>).find((n) => n.alertId === alert.id)!;
    expect(note.kind).toBe('alert.raised');
    expect(note.title).toContain('危机');
    // Notifications may go out by SMS and to district staff: never a student's name.
    expect(JSON.stringify(notes.json())).not.toContain(f.demoStudent.name);
    const read = await psych.post(`/api/v1/notifications/${note.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(
      (await psych.get('/api/v1/notifications?unread=true')).json().items.map((n: { id: string }) => n.id),
    ).not.toContain(note.id);
  });

  it("takes an alert's notices off everyone's bell once someone acknowledges it", async () => {
    const filed = await head.post('/api/v1/observations', body(f.demoStudent.id));
    expect(filed.statusCode).toBe(201);
    const alerts = (await psych.get('/api/v1/alerts?status=open&urgency=crisis&pageSize=50')).json().items as Array<
      Record<string, any>
    >;
    const unread = async () =>
      (await psych.get('/api/v1/notifications?unread=true&pageSize=100')).json<{
        unread: number;
        items: Array<{ alertId: string | null }>;
      }>();
    const before = await unread();
    const waiting = alerts.filter((a) => before.items.some((n) => n.alertId === a.id));
    expect(waiting.length).toBeGreaterThan(0);
    const alert = waiting[0]!;
    expect((await psych.post(`/api/v1/alerts/${alert.id}/acknowledge`)).statusCode).toBe(200);
    const after = await unread();
    expect(after.items.map((n) => n.alertId)).not.toContain(alert.id);
    expect(after.unread).toBe(before.unread - before.items.filter((n) => n.alertId === alert.id).length);
  });

  it("refuses a student outside the filer's class, school or district without revealing them", async () => {
    for (const studentId of [f.homeOtherClassStudent.id, f.otherStudent.id, randomUUID()]) {
      const res = await peer.post('/api/v1/observations', body(studentId));
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await head.post('/api/v1/observations', body(f.otherStudent.id))).statusCode).toBe(404);
    expect((await psych.post('/api/v1/observations', body(f.otherStudent.id))).statusCode).toBe(404);
  });

  it("names the field that is wrong, in the caller's language", async () => {
    const future = await head.post(
      '/api/v1/observations',
      body(f.demoStudent.id, { seenAt: new Date(Date.now() + 86_400_000).toISOString() }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('/seenAt');
    const level = await head.post('/api/v1/observations', body(f.demoStudent.id, { level: 'society' }));
    expect(level.statusCode).toBe(400);
    expect(level.json().errors[0]).toMatchObject({ field: '/level' });
    expect(level.json().errors[0].message).toContain('society');
    const empty = await head.post('/api/v1/observations', body(f.demoStudent.id, { signs: [], text: '  ' }));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('/signs');
  });

  it('files a head teacher under the class level and an attention alert with a week to acknowledge', async () => {
    const res = await head.post(
      '/api/v1/observations',
      body(f.demoStudent.id, { urgency: 'attention', signs: ['sleep_appetite'], text: '' }),
    );
    expect(res.statusCode).toBe(201);
    const obs = await ctx.db
      .selectFrom('observation')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(obs.level).toBe('class');
    expect(obs.note_enc).toBeNull();
    const alert = await ctx.db
      .selectFrom('alert')
      .selectAll()
      .where('observation_id', '=', obs.id)
      .executeTakeFirstOrThrow();
    expect(alert.due_at.getTime() - alert.created_at.getTime()).toBe(7 * 24 * 60 * 60_000);
  });

  it("follows the city's deadline settings and network levels", async () => {
    const admin = await ctx.signIn('admin');
    const jining = await admin.post('/api/v1/settings/warning/preset', { preset: 'jining' });
    expect(jining.json()).toMatchObject({ preset: 'jining', networkLevels: ['school', 'grade', 'class', 'dormitory'] });
    const preset = await admin.post('/api/v1/settings/warning/preset', { preset: 'changchun' });
    expect(preset.statusCode).toBe(200);
    expect(preset.json().networkLevels).toEqual(['school', 'grade', 'class', 'peer']);
    const put = await admin.put('/api/v1/settings/warning', {
      ...preset.json(),
      deadlineMinutes: { crisis: 30, high: 600, attention: 6000 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().preset).toBe('custom');
    const bad = await admin.put('/api/v1/settings/warning', {
      ...preset.json(),
      deadlineMinutes: { crisis: 700, high: 600, attention: 6000 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/deadlineMinutes/crisis');

    const res = await peer.post('/api/v1/observations', body(f.demoStudent.id));
    expect(res.statusCode).toBe(201);
    const obs = await ctx.db
      .selectFrom('observation')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(obs.level).toBe('peer');
    const alert = await ctx.db
      .selectFrom('alert')
      .selectAll()
      .where('observation_id', '=', obs.id)
      .executeTakeFirstOrThrow();
    expect(alert.due_at.getTime() - alert.created_at.getTime()).toBe(30 * 60_000);
    await admin.post('/api/v1/settings/warning/preset', { preset: 'jinan' });
    await admin.put('/api/v1/settings/warning', {
      ...(await admin.get('/api/v1/settings/warning')).json(),
      preset: undefined,
      deadlineMinutes: { crisis: 60, high: 1440, attention: 10080 },
    });
  });

  it('shows the observation form in the navigation of the warning network only', async () => {
    const names = actorUsernames(ctx.demo);
    for (const username of [
      names.peer_supporter,
      names.guardian,
      names.head_teacher,
      names.teacher,
      names.dormitory_staff,
      'leader03',
      'psych03',
    ]) {
      expect((await (await ctx.signIn(username)).get('/api/v1/session')).json().nav, username).toContain('observe');
    }
    for (const username of [names.student, names.district_staff, 'admin', names.hospital_doctor]) {
      expect((await (await ctx.signIn(username)).get('/api/v1/session')).json().nav, username).not.toContain('observe');
    }
  });

  describe.each([
    { role: 'teacher' as const, level: 'class', levelWithoutOwn: 'class' },
    { role: 'dormitory_staff' as const, level: 'dormitory', levelWithoutOwn: 'school' },
  ])('by a $role of the school', ({ role, level, levelWithoutOwn }) => {
    let filer: Agent;
    beforeAll(async () => {
      filer = await ctx.signIn(actorUsernames(ctx.demo)[role]);
    });

    it('files about any student of the school, and the alert reaches the psychology teacher with the level', async () => {
      const subjects = await filer.get(
        `/api/v1/observations/subjects?q=${encodeURIComponent(f.homeOtherClassStudent.name)}`,
      );
      expect(subjects.statusCode).toBe(200);
      expect(subjects.json().items.map((s: { id: string }) => s.id)).toContain(f.homeOtherClassStudent.id);
      expect(subjects.json().defaultLevel).toBe(level);
      for (const student of [f.demoStudent, f.homeOtherClassStudent]) {
        const text = `${role} 看到 ${student.id} 情绪低落。`;
        const res = await filer.post('/api/v1/observations', body(student.id, { urgency: 'high', text }));
        expect(res.statusCode).toBe(201);
        expect(Object.keys(res.json()).sort()).toEqual(['filedAt', 'id']);
        const queue = await psych.get('/api/v1/alerts?status=open&urgency=high&pageSize=100');
        expect(queue.statusCode).toBe(200);
        const alert = (queue.json().items as Array<Record<string, any>>).find(
          (a) => a.source === 'observation' && a.observation?.text === text,
        )!;
        expect(alert).toBeTruthy();
        expect(alert.studentId).toBe(student.id);
        expect(alert.observation).toMatchObject({ level, filedRole: role });
      }
    });

    it('refuses a student of another school without revealing them', async () => {
      for (const studentId of [f.otherStudent.id, randomUUID()]) {
        const res = await filer.post('/api/v1/observations', body(studentId));
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    });

    it('reads nothing back: no alerts, no student list, no student page', async () => {
      const alert = await ctx.db
        .selectFrom('alert')
        .select('id')
        .where('source', '=', 'observation')
        .where('student_id', '=', f.demoStudent.id)
        .executeTakeFirstOrThrow();
      for (const url of [
        '/api/v1/alerts',
        `/api/v1/alerts/${alert.id}`,
        '/api/v1/students',
        `/api/v1/students/${f.demoStudent.id}`,
      ]) {
        const res = await filer.get(url);
        expect([403, 404], url).toContain(res.statusCode);
        expect(res.body, url).not.toContain(f.demoStudent.name);
      }
      expect((await filer.get('/api/v1/session')).json().nav).toEqual(['home', 'my-wellbeing', 'observe']);
    });

    it("falls back to the level the city has when its network lacks the role's own", async () => {
      const admin = await ctx.signIn('admin');
      expect((await admin.post('/api/v1/settings/warning/preset', { preset: 'changchun' })).statusCode).toBe(200);
      try {
        const subjects = await filer.get('/api/v1/observations/subjects');
        expect(subjects.json().defaultLevel).toBe(levelWithoutOwn);
        const res = await filer.post('/api/v1/observations', body(f.demoStudent.id, { urgency: 'attention' }));
        expect(res.statusCode).toBe(201);
        const obs = await ctx.db
          .selectFrom('observation')
          .select('level')
          .where('id', '=', res.json().id)
          .executeTakeFirstOrThrow();
        expect(obs.level).toBe(levelWithoutOwn);
      } finally {
        expect((await admin.post('/api/v1/settings/warning/preset', { preset: 'jinan' })).statusCode).toBe(200);
      }
    });
  });

  it('audits each filing without what was seen', async () => {
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'observation.file').execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rows)).not.toContain('活着没意思');
  });
});
