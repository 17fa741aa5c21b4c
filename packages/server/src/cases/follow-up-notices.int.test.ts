import { ESCALATE_AFTER_DAYS } from '@yuxin/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixtures, startTestApp, type TestContext } from '../testing/harness.js';
import { caseRef } from './follow-up-notices.js';

// The loop's clock: real time plus whatever the test has "waited". Nothing sleeps.
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const DAY = 86_400_000;

let ctx: TestContext;
let f: Awaited<ReturnType<typeof demoFixtures>>;
let responsibleId: string;
let leaderIds: string[];

beforeAll(async () => {
  ctx = await startTestApp({}, { warning: { clock, intervalMs: 0 } });
  f = await demoFixtures(ctx.db);
  responsibleId = (
    await ctx.db.selectFrom('user_account').select('id').where('username', '=', 'head03-8-1').executeTakeFirstOrThrow()
  ).id;
  const leaders = await ctx.db
    .selectFrom('role_binding')
    .select('user_id')
    .where('role', '=', 'school_leader')
    .where('scope_level', '=', 'school')
    .where('scope_id', '=', f.demoStudent.school_id)
    .execute();
  leaderIds = leaders.map((r) => r.user_id);
});
afterAll(() => ctx?.close());

const followUp = (id: string) =>
  ctx.db.selectFrom('follow_up').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** Sets the loop's clock to `days` after the follow-up's due date. */
async function daysAfterDue(id: string, days: number) {
  offsetMs = (await followUp(id)).due_at.getTime() + days * DAY - Date.now();
}
const notes = (followUpId: string) =>
  ctx.db
    .selectFrom('notification')
    .select(['id', 'user_id', 'kind', 'payload'])
    .where(sql<string>`payload->>'followUpId'`, '=', followUpId)
    .orderBy('created_at')
    .execute();
const outbox = (followUpId: string) =>
  ctx.db
    .selectFrom('notification_outbox')
    .select(['dedupe_key', 'recipient_id', 'status', 'payload'])
    .where('dedupe_key', 'like', `followup:${followUpId}:%`)
    .execute();
const caseEvents = (caseId: string, type: string) =>
  ctx.db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).where('type', '=', type).execute();

async function studentOf(followUpId: string) {
  return ctx.db
    .selectFrom('follow_up as fu')
    .innerJoin('care_case as c', 'c.id', 'fu.case_id')
    .innerJoin('student as s', 's.id', 'c.student_id')
    .select(['s.name', 's.student_no', 'c.id as case_id'])
    .where('fu.id', '=', followUpId)
    .executeTakeFirstOrThrow();
}

describe('overdue follow-ups', () => {
  it('tell the responsible person once, then the school leaders once, without the student name', async () => {
    expect(leaderIds.length).toBeGreaterThan(0);
    const id = await f.cases.followUp('home', 'overdue');
    const { name, student_no, case_id: caseId } = await studentOf(id);

    await daysAfterDue(id, -1);
    await ctx.app.warning.tick();
    expect(await notes(id)).toHaveLength(0);

    // Due yesterday: two sweepers at once and a third later still tell the responsible person once.
    await daysAfterDue(id, 1);
    await Promise.all([ctx.app.warning.tick(), ctx.app.warning.tick()]);
    await ctx.app.warning.tick();
    let sent = await notes(id);
    expect(sent.map((n) => [n.user_id, n.kind])).toEqual([[responsibleId, 'followup.overdue']]);
    expect((await outbox(id)).map((o) => [o.dedupe_key, o.status])).toEqual([
      [`followup:${id}:overdue:${responsibleId}:log`, 'sent'],
    ]);
    expect(await caseEvents(caseId, 'followup_overdue_notified')).toHaveLength(1);
    expect((await followUp(id)).overdue_notified_at).not.toBeNull();

    // The person sees it in the bell, in their language, pointing at the case.
    const head = await ctx.signIn('head03-8-1');
    const zh = (await head.get('/api/v1/notifications'))
      .json()
      .items.find((n: { kind: string; caseId: string }) => n.kind === 'followup.overdue' && n.caseId === caseId);
    expect(zh.title).toBe('随访已逾期');
    expect(zh.body).toContain(caseRef(caseId));
    const en = (await head.get('/api/v1/notifications', { 'accept-language': 'en' }))
      .json()
      .items.find((n: { id: string }) => n.id === zh.id);
    expect(en.title).toBe('Follow-up overdue');
    expect(en.alertId).toBeNull();

    // Past the escalation threshold: the leaders, once, and nobody else again.
    await daysAfterDue(id, ESCALATE_AFTER_DAYS + 0.5);
    await Promise.all([ctx.app.warning.tick(), ctx.app.warning.tick()]);
    await ctx.app.warning.tick();
    sent = await notes(id);
    expect(sent.filter((n) => n.kind === 'followup.overdue')).toHaveLength(1);
    expect(
      sent
        .filter((n) => n.kind === 'followup.escalated')
        .map((n) => n.user_id)
        .sort(),
    ).toEqual([...leaderIds].sort());
    expect(await caseEvents(caseId, 'followup_escalated')).toHaveLength(1);

    // No student's name or number anywhere a notice goes: in-app, outbox, or the delivered log.
    const delivered = await ctx.db
      .selectFrom('notification_log')
      .select('payload')
      .where(sql<string>`payload->>'followUpId'`, '=', id)
      .execute();
    expect(delivered.length).toBe(1 + leaderIds.length);
    for (const text of [...sent, ...(await outbox(id)), ...delivered].map((r) => JSON.stringify(r.payload))) {
      expect(text).not.toContain(name);
      expect(text).not.toContain(student_no);
      expect(text).toContain(caseId);
    }

    // The leader opens the case from the notice and sees both on the timeline.
    const leader = await ctx.signIn('leader03');
    const timeline = (await leader.get(`/api/v1/cases/${caseId}/timeline`))
      .json()
      .items.map((e: { type: string }) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['followup_overdue_notified', 'followup_escalated']));
  });

  it('first seen already escalated, tells the responsible person and the leaders, each once', async () => {
    const id = await f.cases.followUp('home', 'late');
    await daysAfterDue(id, ESCALATE_AFTER_DAYS + 2);
    await ctx.app.warning.tick();
    await ctx.app.warning.tick();
    const sent = await notes(id);
    expect(sent.filter((n) => n.kind === 'followup.overdue').map((n) => n.user_id)).toEqual([responsibleId]);
    expect(sent.filter((n) => n.kind === 'followup.escalated')).toHaveLength(leaderIds.length);
  });

  it('never tells anyone about a follow-up that was done', async () => {
    const id = await f.cases.followUp('home', 'done');
    await ctx.db
      .updateTable('follow_up')
      .set({ done_at: new Date(), done_by: responsibleId })
      .where('id', '=', id)
      .execute();
    for (const days of [1, ESCALATE_AFTER_DAYS + 1, 30]) {
      await daysAfterDue(id, days);
      await ctx.app.warning.tick();
    }
    expect(await notes(id)).toHaveLength(0);
    expect(await outbox(id)).toHaveLength(0);
    const f0 = await followUp(id);
    expect([f0.overdue_notified_at, f0.escalated_notified_at]).toEqual([null, null]);
  });
});
