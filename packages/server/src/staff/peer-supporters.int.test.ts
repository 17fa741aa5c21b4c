import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import { actorUsernames, type Fixtures } from '../testing/matrix.js';

// Peer supporters (心理委员, issue 14): appointed per class by its head teacher or the school's psychology
// teachers, as the peer_supporter binding the staff page also shows; audited; nobody else appoints.
let ctx: TestContext;
let f: Fixtures;
let head: Agent;
let psych: Agent;
let schoolAdmin: Agent;
let teacher: Agent;
let users: ReturnType<typeof actorUsernames>;

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  users = actorUsernames(ctx.demo);
  [head, psych, schoolAdmin, teacher] = await Promise.all([
    ctx.signIn(users.head_teacher),
    ctx.signIn(users.psych_teacher),
    ctx.signIn(users.school_admin),
    ctx.signIn(users.teacher),
  ]);
});
afterAll(() => ctx?.close());

const url = (classId: string) => `/api/v1/classes/${classId}/peer-supporters`;

describe('peer supporters', () => {
  it('are appointed by the head teacher, once, audited, and the student then reports to the warning network', async () => {
    const before = await head.get(url(f.homeClass.id));
    expect(before.statusCode).toBe(200);
    expect(before.json().map((p: { studentId: string }) => p.studentId)).not.toContain(f.demoStudent.id);

    const appointed = await head.post(url(f.homeClass.id), { studentId: f.demoStudent.id });
    expect(appointed.statusCode).toBe(201);
    expect(appointed.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ studentId: f.demoStudent.id, name: f.demoStudent.name })]),
    );
    const again = await head.post(url(f.homeClass.id), { studentId: f.demoStudent.id });
    expect(again.statusCode).toBe(200);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'role', 'payload'])
      .where('action', '=', 'peer.appoint')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.role).toBe('head_teacher');

    const student = await ctx.signIn(users.student);
    const session = (await student.get('/api/v1/session')).json<{ nav: string[] }>();
    expect(session.nav).toContain('observe');

    const removed = await psych.delete(`${url(f.homeClass.id)}/${f.demoStudent.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await psych.get(url(f.homeClass.id))).json().map((p: { studentId: string }) => p.studentId)).not.toContain(
      f.demoStudent.id,
    );
    const removal = await ctx.db.selectFrom('audit_log').select(['role']).where('action', '=', 'peer.remove').execute();
    expect(removal).toEqual([{ role: 'psych_teacher' }]);
    // Removing again changes nothing.
    expect((await psych.delete(`${url(f.homeClass.id)}/${f.demoStudent.id}`)).statusCode).toBe(204);
    expect(
      await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'peer.remove').execute(),
    ).toHaveLength(1);
  });

  it('come from the class: a student of another class is refused, naming the field, in the reader’s language', async () => {
    const res = await head.post(url(f.homeClass.id), { studentId: f.homeOtherClassStudent.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: '/studentId' });
    expect(res.json().errors[0].message).toContain('不在本班');
  });

  it('are not the business of another class’s head teacher, a subject teacher or an administrator', async () => {
    expect((await head.get(url(f.otherClassInHome.id))).statusCode).toBe(404);
    expect((await head.post(url(f.otherClassInHome.id), { studentId: f.homeOtherClassStudent.id })).statusCode).toBe(
      404,
    );
    expect((await teacher.get(url(f.homeClass.id))).statusCode).toBe(403);
    expect((await schoolAdmin.post(url(f.homeClass.id), { studentId: f.demoStudent.id })).statusCode).toBe(403);
    expect((await psych.get(url(f.otherClass.id))).statusCode).toBe(404);
  });
});
