import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

/**
 * 家长学校 (issue 15): a school records a lecture for some grades; it counts as the grades' guardian_lecture
 * supervision records, the grades' guardians are told in the app, and a guardian marks it attended.
 */
let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psych: Agent;
let guardian: Agent;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  guardian = await ctx.signIn(ctx.demo.accounts.find((a) => a.role === 'guardian')!.username);
});
afterAll(() => ctx?.close());

const body = (over: Record<string, unknown> = {}) => ({
  schoolId: f.home.id,
  title: '如何与青春期孩子沟通',
  heldAt: new Date(Date.now() - 3_600_000).toISOString(),
  hours: 1.5,
  gradeIds: [f.demoStudent.grade_id],
  ...over,
});

describe('the parent school', () => {
  it('a lecture is a supervision record of its grade and reaches the grade’s guardians', async () => {
    const res = await psych.post('/api/v1/parent-lectures', body());
    expect(res.statusCode, res.body).toBe(201);
    const { id, told } = res.json();
    expect(told).toBeGreaterThanOrEqual(1);
    const records = await ctx.db
      .selectFrom('supervision_record')
      .select(['kind', 'hours', 'topic'])
      .where('school_id', '=', f.home.id)
      .where('grade_id', '=', f.demoStudent.grade_id)
      .where('kind', '=', 'guardian_lecture')
      .execute();
    expect(records.some((r) => r.topic === '如何与青春期孩子沟通' && Number(r.hours) === 1.5)).toBe(true);
    const notes = (await guardian.get('/api/v1/notifications')).json().items as Array<{ kind: string }>;
    expect(notes.some((n) => n.kind === 'lecture.scheduled')).toBe(true);

    const mine = (await guardian.get('/api/v1/my/lectures')).json();
    expect(mine.items.find((l: { id: string }) => l.id === id)).toMatchObject({ held: true, attended: false });
    const attended = await guardian.post(`/api/v1/my/lectures/${id}/attendance`, {});
    expect(attended.statusCode, attended.body).toBe(200);
    expect(attended.json()).toMatchObject({ attended: true, attendedHours: 1.5 });
    // A second tap changes nothing.
    expect((await guardian.post(`/api/v1/my/lectures/${id}/attendance`, {})).json().attendedHours).toBe(1.5);
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('target_id', '=', id)
      .where('action', '=', 'parent_lecture.attend')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('a lecture not yet held cannot be attended; another school’s is a 404; grades must be the school’s', async () => {
    const later = await psych.post(
      '/api/v1/parent-lectures',
      body({ heldAt: new Date(Date.now() + 86_400_000 * 3).toISOString() }),
    );
    expect(later.statusCode).toBe(201);
    expect((await guardian.post(`/api/v1/my/lectures/${later.json().id}/attendance`, {})).statusCode).toBe(409);
    const other = await f.parentSchool.lecture('other', 'int');
    expect((await guardian.post(`/api/v1/my/lectures/${other}/attendance`, {})).statusCode).toBe(404);
    const wrongGrade = await psych.post('/api/v1/parent-lectures', body({ gradeIds: [f.otherStudent.grade_id] }));
    expect(wrongGrade.statusCode).toBe(400);
    expect(wrongGrade.json().errors[0].field).toBe('/gradeIds');
    const noHours = await psych.post('/api/v1/parent-lectures', body({ hours: 0 }));
    expect(noHours.statusCode).toBe(400);
    expect((await guardian.post('/api/v1/parent-lectures', body())).statusCode).toBe(403);
  });
});

describe('the school staff', () => {
  it('lists lectures with attendance counts and marks guardians present, never counting one twice', async () => {
    const res = await psych.post('/api/v1/parent-lectures', body({ title: '现场讲座：睡眠与情绪' }));
    const id = res.json().id as string;
    const guardianId = (
      await ctx.db
        .selectFrom('user_account')
        .select('guardian_id')
        .where('username', '=', ctx.demo.accounts.find((a) => a.role === 'guardian')!.username)
        .executeTakeFirstOrThrow()
    ).guardian_id!;

    // The guardian marks themself in the app first.
    expect((await guardian.post(`/api/v1/my/lectures/${id}/attendance`, {})).statusCode).toBe(200);

    const list = await psych.get(`/api/v1/parent-lectures/${id}/guardians`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as Array<{ id: string; attended: string | null; children: unknown[] }>;
    expect(items.find((g) => g.id === guardianId)?.attended).toBe('guardian');
    const others = items.filter((g) => g.attended === null).map((g) => g.id);
    expect(others.length).toBeGreaterThanOrEqual(2);

    // The teacher ticks the room: the guardian already marked stays marked once.
    const marked = await psych.post(`/api/v1/parent-lectures/${id}/attendance`, {
      guardianIds: [guardianId, others[0], others[1]],
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({ added: 2, alreadyMarked: 1, total: 3 });
    const retry = await psych.post(`/api/v1/parent-lectures/${id}/attendance`, { guardianIds: [others[0]] });
    expect(retry.json()).toMatchObject({ added: 0, total: 3 });

    const lectures = await psych.get(`/api/v1/parent-lectures?schoolId=${f.home.id}`);
    expect(lectures.statusCode).toBe(200);
    const row = (lectures.json().items as Array<{ id: string; attendance: Record<string, number> }>).find(
      (l) => l.id === id,
    )!;
    expect(row.attendance).toMatchObject({ byGuardian: 1, byStaff: 2, total: 3 });
    expect(row.attendance.invited).toBeGreaterThanOrEqual(3);
    expect(lectures.json().grades.length).toBeGreaterThan(0);

    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('action', 'in', ['parent_lecture.attendance.record', 'parent_lecture.guardians.read'])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual([
      'parent_lecture.attendance.record',
      'parent_lecture.guardians.read',
    ]);
  });

  it('refuses a guardian outside the grades, a lecture not yet held, and another school', async () => {
    const res = await psych.post('/api/v1/parent-lectures', body({ title: '未来讲座' }));
    const id = res.json().id as string;
    const stranger = await ctx.db
      .selectFrom('student_guardian')
      .select('guardian_id')
      .where('student_id', '=', f.otherStudent.id)
      .executeTakeFirstOrThrow();
    const wrong = await psych.post(`/api/v1/parent-lectures/${id}/attendance`, {
      guardianIds: [stranger.guardian_id],
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('/guardianIds');

    const later = await psych.post(
      '/api/v1/parent-lectures',
      body({ heldAt: new Date(Date.now() + 86_400_000 * 2).toISOString() }),
    );
    const own = (await psych.get(`/api/v1/parent-lectures/${later.json().id}/guardians`)).json().items[0].id;
    const early = await psych.post(`/api/v1/parent-lectures/${later.json().id}/attendance`, { guardianIds: [own] });
    expect(early.statusCode).toBe(409);

    const other = await f.parentSchool.lecture('other', 'staff-int');
    expect((await psych.get(`/api/v1/parent-lectures/${other}/guardians`)).statusCode).toBe(404);
    expect((await psych.get(`/api/v1/parent-lectures?schoolId=${f.other.id}`)).statusCode).toBe(404);
    expect((await guardian.get(`/api/v1/parent-lectures?schoolId=${f.home.id}`)).statusCode).toBe(403);
  });
});
