import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../audit/verify.js';
import { demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
});
afterAll(() => ctx?.close());

interface Item {
  id: string;
  schoolId: string;
  classId: string;
  name: string;
  studentNo: string;
  careTags: string[];
}

async function allPages(agent: Awaited<ReturnType<TestContext['signIn']>>, query: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await agent.get(`/api/v1/students?pageSize=200&page=${page}${query}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Item[]; total: number }>();
    items.push(...body.items);
    if (items.length >= body.total) return items;
  }
}

describe('student list', () => {
  it('shows a head teacher exactly their class, whatever filter they try', async () => {
    const head = await ctx.signIn('head03-8-1');
    const mine = await allPages(head, '');
    const expected = await ctx.db.selectFrom('student').select('id').where('class_id', '=', f.homeClass.id).execute();
    expect(mine.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(await allPages(head, `&classId=${f.otherClassInHome.id}`)).toEqual([]);
    expect(await allPages(head, `&schoolId=${f.other.id}`)).toEqual([]);
  });

  it('never shows another school to a psychology teacher', async () => {
    const psych = await ctx.signIn('psych07');
    const seen = await allPages(psych, '');
    expect(seen.length).toBeGreaterThan(100);
    expect(new Set(seen.map((s) => s.schoolId))).toEqual(new Set([f.other.id]));
    expect(await allPages(psych, `&q=${encodeURIComponent(f.homeStudent.student_no)}`)).toEqual([]);
  });

  it('finds a student by 学籍号 prefix and by part of the name, and filters by care tag', async () => {
    const psych = await ctx.signIn('psych03');
    const byNo = await allPages(psych, `&q=${encodeURIComponent(f.homeStudent.student_no)}`);
    expect(byNo.map((s) => s.id)).toEqual([f.homeStudent.id]);
    const byName = await allPages(psych, `&q=${encodeURIComponent(f.homeStudent.name.slice(1))}`);
    expect(byName.map((s) => s.id)).toContain(f.homeStudent.id);
    expect(byName.every((s) => s.name.includes(f.homeStudent.name.slice(1)))).toBe(true);
    const tagged = await allPages(psych, '&careTag=left_behind');
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((s) => s.careTags.includes('left_behind'))).toBe(true);
  });

  it('paginates with a stable total', async () => {
    const psych = await ctx.signIn('psych03');
    const p1 = (await psych.get('/api/v1/students?pageSize=20&page=1')).json();
    const p2 = (await psych.get('/api/v1/students?pageSize=20&page=2')).json();
    expect(p1.total).toBe(p2.total);
    expect(p1.items).toHaveLength(20);
    expect(new Set([...p1.items, ...p2.items].map((s: Item) => s.id)).size).toBe(40);
  });

  it('escapes LIKE wildcards in the search', async () => {
    const psych = await ctx.signIn('psych03');
    expect((await psych.get('/api/v1/students?q=%25')).json().total).toBe(0);
  });
});

describe('student page', () => {
  it('audits every read with who, which binding and which student', async () => {
    const head = await ctx.signIn('head03-8-1');
    const res = await head.get(`/api/v1/students/${f.homeStudent.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().guardians).toHaveLength(1);
    const entry = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'student.read')
      .where('target_id', '=', f.homeStudent.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      username: 'head03-8-1',
      role: 'head_teacher',
      outcome: 'success',
      school_id: f.home.id,
      district_id: f.home.district_id,
    });
  });

  it('answers 404 for another school student, revealing nothing', async () => {
    const psych = await ctx.signIn('psych07');
    const res = await psych.get(`/api/v1/students/${f.homeStudent.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(f.homeStudent.name);
  });
});

describe('moving a student between classes', () => {
  it('keeps the history as closed and open enrollments, audited with the write', async () => {
    const admin = await ctx.signIn('sadmin03');
    const student = f.homeOtherClassStudent;
    const res = await admin.patch(`/api/v1/students/${student.id}`, { classId: f.homeClass.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().classId).toBe(f.homeClass.id);
    const detail = (await admin.get(`/api/v1/students/${student.id}`)).json();
    expect(detail.enrollments).toHaveLength(2);
    expect(detail.enrollments[0].to).not.toBeNull();
    expect(detail.enrollments[1]).toMatchObject({ className: f.homeClass.name_zh, to: null });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'username'])
      .where('target_id', '=', student.id)
      .where('action', '=', 'student.write')
      .execute();
    expect(audit).toEqual([{ action: 'student.write', username: 'sadmin03' }]);
  });

  it('refuses a class of another school, naming the field, and changes nothing', async () => {
    const admin = await ctx.signIn('admin');
    const before = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('id', '=', f.homeStudent.id)
      .executeTakeFirstOrThrow();
    const res = await admin.patch(`/api/v1/students/${f.homeStudent.id}`, {
      classId: f.otherClass.id,
      boarding: !before.boarding,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('/classId');
    const after = await ctx.db
      .selectFrom('student')
      .selectAll()
      .where('id', '=', f.homeStudent.id)
      .executeTakeFirstOrThrow();
    expect(after.boarding).toBe(before.boarding);
  });
});

describe('audit chain', () => {
  it('verifies after all of the above', async () => {
    const report = await verifyAuditChains(ctx.db);
    expect(report.entries).toBeGreaterThan(5);
    expect(report.problems).toEqual([]);
  });
});
