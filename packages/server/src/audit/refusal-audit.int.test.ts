import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplianceReport } from '../compliance/report.js';
import { complianceSheet } from '../compliance/sheet.js';
import { verifyAuditChains } from './verify.js';
import { demoFixtures, startTestApp, type Agent, type TestContext } from '../testing/harness.js';

let ctx: TestContext;
let psych: Agent;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let psychId: string;
beforeAll(async () => {
  ctx = await startTestApp();
  f = await demoFixtures(ctx.db);
  psych = await ctx.signIn('psych03');
  psychId = (await psych.get('/api/v1/session')).json().user.id;
});
afterAll(() => ctx?.close());

const deniedRows = (action: string) =>
  ctx.db
    .selectFrom('audit_log as a')
    .leftJoin('audit_refusal_tally as t', (j) => j.onRef('t.chain', '=', 'a.chain').onRef('t.seq', '=', 'a.seq'))
    .select(['a.action', 'a.user_id', 'a.binding_id', 'a.role', 'a.target_id', 'a.outcome', 'a.payload', 't.count'])
    .where('a.outcome', '=', 'denied')
    .where('a.user_id', '=', psychId)
    .where('a.action', '=', action)
    .execute();

/** A burst must not straddle a minute boundary, or it would rightly be two entries. */
async function awayFromMinuteEnd() {
  const second = new Date().getSeconds();
  if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
}

describe('refusal audit', () => {
  it('records an action the actor never has (403) with actor, binding, route and outcome denied', async () => {
    await awayFromMinuteEnd();
    const res = await psych.get('/api/v1/audit');
    expect(res.statusCode).toBe(403);
    const rows = await deniedRows('audit.read');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.role).toBe('psych_teacher');
    expect(row.binding_id).not.toBeNull();
    expect(row.count).toBe(1);
    expect(JSON.parse(row.payload).detail).toMatchObject({ route: 'GET /api/v1/audit', status: 403 });
  });

  it('records a record outside the actor’s scope (404) with the target id as given', async () => {
    await awayFromMinuteEnd();
    const res = await psych.get(`/api/v1/students/${f.otherStudent.id}`);
    expect(res.statusCode).toBe(404);
    const rows = await deniedRows('student.read');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.target_id).toBe(f.otherStudent.id);
    expect(JSON.parse(rows[0]!.payload).detail).toMatchObject({ route: 'GET /api/v1/students/:id', status: 404 });
  });

  it('writes one entry with a count of 100 for a burst of 100 refusals, and the chain still verifies', async () => {
    await awayFromMinuteEnd();
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const answers = [];
    for (let i = 0; i < 100; i++) answers.push((await psych.get('/api/v1/staff')).statusCode);
    expect(new Set(answers)).toEqual(new Set([403]));
    const rows = await deniedRows('staff.read');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(100);
    const after = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const verified = await verifyAuditChains(ctx.db);
    expect(verified.problems).toEqual([]);
  });

  it('lists policy refusals, with their counts, on the compliance report’s refused-operations sheet', async () => {
    const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
    const report = await buildComplianceReport(ctx.db, f.home, year);
    expect(report.refusals).toContainEqual({ action: 'staff.read', outcome: 'denied', events: 100 });
    expect(report.refusals).toContainEqual({ action: 'audit.read', outcome: 'denied', events: 1 });
    for (const locale of ['zh-CN', 'en'] as const) {
      const sheet = complianceSheet(report, locale);
      const refused = sheet.tables.find((t) => t.title === (locale === 'en' ? 'Refused actions' : '被拒绝的操作'))!;
      const staffRow = refused.rows.find((r) => r.at(-1) === 100)!;
      expect(staffRow).toBeDefined();
      expect(staffRow[1]).toBe(locale === 'en' ? 'Refused by the access policy' : '超出权限被拒绝');
    }
  });
});
