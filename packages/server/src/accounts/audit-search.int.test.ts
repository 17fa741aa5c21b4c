import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestAccess } from '../access/request-access.js';
import { loadActor } from '../auth/actor.js';
import { auditSearchQuery } from './audit-search.js';
import { chinaDate } from './content-disposition.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';
import type { Fixtures } from '../testing/matrix.js';

let ctx: TestContext;
let f: Fixtures;
let leader: Agent;

interface Item {
  id: string;
  at: string;
  actorUsername: string | null;
  action: string;
  targetId: string | null;
}

beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  leader = await ctx.signIn('leader03');
  // Records in both schools: reads of a student in each.
  expect((await (await ctx.signIn('psych03')).get(`/api/v1/students/${f.homeStudent.id}`)).statusCode).toBe(200);
  expect((await (await ctx.signIn('psych07')).get(`/api/v1/students/${f.otherStudent.id}`)).statusCode).toBe(200);
});
afterAll(() => ctx?.close());

const search = async (agent: Agent, query: string) => {
  const res = await agent.get(`/api/v1/audit?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[]; total: number; page: number; pageSize: number }>();
};

describe('audit search', () => {
  it('shows a school leader the entries of their school only, newest first', async () => {
    const page = await search(leader, 'pageSize=200');
    expect(page.total).toBeGreaterThan(0);
    const rows = await ctx.db
      .selectFrom('audit_log')
      .select(['id', 'school_id'])
      .where(
        'id',
        'in',
        page.items.map((i) => Number(i.id)),
      )
      .execute();
    expect(rows.every((r) => r.school_id === f.home.id)).toBe(true);
    const expected = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', '=', f.home.id)
      .executeTakeFirstOrThrow();
    // The count is taken before this search records itself.
    expect(page.total).toBe(Number(expected.n) - 1);
    const times = page.items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(page.items[0]).toMatchObject({ chain: expect.stringMatching(new RegExp(`^school:${f.home.id}/[0-7]$`)) });

    expect((await search(leader, `targetId=${f.otherStudent.id}`)).total).toBe(0);
    const city = await search(await ctx.signIn('admin'), `targetId=${f.otherStudent.id}`);
    expect(city.items.map((i) => [i.actorUsername, i.action])).toEqual([['psych07', 'student.read']]);
  });

  it('names actions, kinds of record and outcomes in the caller’s language, never as codes', async () => {
    const zh = await search(leader, 'pageSize=200');
    const read = zh.items.find((i) => i.action === 'student.read') as unknown as Record<string, string>;
    expect(read).toMatchObject({ actionLabel: '查看学生档案', targetTypeLabel: '学生档案', outcomeLabel: '成功' });
    const login = (await search(leader, 'action=auth.login')).items[0] as unknown as Record<string, string>;
    expect(login?.actionLabel).toBe('登录');
    const en = (await leader.get('/api/v1/audit?pageSize=200', { 'accept-language': 'en' })).json<{
      items: Array<Record<string, string>>;
    }>();
    expect(en.items.find((i) => i.action === 'student.read')).toMatchObject({ actionLabel: 'Read student records' });
    for (const i of en.items) expect(i.actionLabel, i.action).not.toBe(i.action);
  });

  it('filters by actor, action, target and time, and pages', async () => {
    const byActor = await search(leader, 'actorUsername=PSYCH03&action=student.read');
    expect(byActor.items.map((i) => [i.actorUsername, i.action, i.targetId])).toEqual([
      ['psych03', 'student.read', f.homeStudent.id],
    ]);
    const today = chinaDate();
    expect((await search(leader, `action=student.read&from=${today}&to=${today}`)).total).toBe(1);
    expect((await search(leader, 'action=student.read&to=2020-01-01')).total).toBe(0);
    expect(
      (await search(leader, `action=student.read&from=${new Date(Date.now() + 3600_000).toISOString()}`)).total,
    ).toBe(0);
    const first = await search(leader, 'pageSize=2');
    const second = await search(leader, 'pageSize=2&page=2');
    expect(second.page).toBe(2);
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
    expect((await leader.get('/api/v1/audit?from=yesterday')).statusCode).toBe(400);
  });

  it('records every search of the log in the log', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'audit.search')
      .where('username', '=', 'leader03')
      .execute();
    await search(leader, 'action=auth.login');
    const after = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.search')
      .where('username', '=', 'leader03')
      .orderBy('id', 'desc')
      .execute();
    expect(after).toHaveLength(before.length + 1);
    expect(JSON.parse(after[0]!.payload).detail).toMatchObject({ action: 'auth.login', page: 1 });
    expect(after[0]).toMatchObject({ role: 'school_leader', school_id: f.home.id });
  });

  it('finds an actor city-wide through audit_log_username, not by walking the whole log', async () => {
    const admin = await ctx.db
      .selectFrom('user_account')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const signedIn = await loadActor(ctx.db, admin.id);
    const query = auditSearchQuery(ctx.db, new RequestAccess(signedIn!.actor), { actorUsername: 'PSYCH03' })
      .select(sql<number>`count(*)::int`.as('total'))
      .compile();
    const plan = await ctx.db.transaction().execute(async (tx) => {
      // The demo city's log is small enough that a scan would win; the point is that the index fits the query.
      await sql`set local enable_seqscan = off`.execute(tx);
      const rows = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
      );
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('audit_log_username');
    const found = await auditSearchQuery(ctx.db, new RequestAccess(signedIn!.actor), { actorUsername: 'PSYCH03' })
      .select('username')
      .execute();
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.username === 'psych03')).toBe(true);
  });

  it('is refused to roles without audit.read', async () => {
    expect((await (await ctx.signIn('psych03')).get('/api/v1/audit')).statusCode).toBe(403);
    expect((await ctx.anonymous().get('/api/v1/audit')).statusCode).toBe(401);
  });
});
