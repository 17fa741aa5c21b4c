import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChains } from '../../audit/verify.js';
import { foldReportCounts } from '../../reports/fold.js';
import { loadDraft, saveDraft } from './draft.js';
import { demoFixtures, startTestApp, type TestContext } from '../../testing/harness.js';
import type { Fixtures } from '../../testing/matrix.js';
import {
  CALM_ANSWERS,
  createCohort,
  submitDirect,
  PHQA_ITEM9_TWO,
  SELF_REPORT,
  type CohortMember,
} from '../../testing/screening-factory.js';

// Runs on PGlite by default and on a real PostgreSQL when YUXIN_TEST_PG is set (npm run test:pg).
let ctx: TestContext;
let f: Fixtures;

function submit(m: CohortMember, body: Record<string, unknown>) {
  return ctx.app.inject({
    method: 'POST',
    url: `/api/v1/my/screenings/${m.assignmentId}/submit`,
    headers: { cookie: m.cookie, 'x-csrf-token': m.csrf, 'accept-language': 'zh-CN' },
    payload: body,
  });
}

const count = async (
  table: 'screening_response' | 'tier_assessment' | 'alert',
  column: 'campaign_id' | 'student_id',
  ids: string | string[],
) => {
  const q = ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  const row = await (
    Array.isArray(ids) ? q.where(column, 'in', ids) : q.where(column, '=', ids)
  ).executeTakeFirstOrThrow();
  return Number(row.n);
};

/** The report's counts of a campaign (all students, no care tag), after folding what is committed. */
async function reportCounts(campaignId: string) {
  await foldReportCounts(ctx.db);
  const { rows } = await sql<{ measure: string; key: string; n: string }>`
    select measure, key, sum(n)::text as n from report_cell where campaign_id = ${campaignId}::uuid and care_tag = ''
     group by 1, 2 having sum(n) <> 0 order by 1, 2`.execute(ctx.db);
  return rows;
}

/** The same counts from the stored rows, by the fact functions the report triggers use. */
async function recount(campaignId: string) {
  const { rows } = await sql<{ measure: string; key: string; n: string }>`
    select f.measure, f.key, sum(f.delta)::text as n
      from (select * from report_assignment_facts((select array_agg(x) from screening_assignment x where x.campaign_id = ${campaignId}::uuid), 1)
            union all select * from report_response_facts((select array_agg(x) from screening_response x where x.campaign_id = ${campaignId}::uuid), 1)
            union all select * from report_tier_facts((select array_agg(x) from tier_assessment x where x.campaign_id = ${campaignId}::uuid), 1)
            union all select * from report_alert_facts((select array_agg(x) from alert x), 1)) f
     where f.campaign_id = ${campaignId}::uuid
     group by 1, 2 having sum(f.delta) <> 0 order by 1, 2`.execute(ctx.db);
  return rows;
}

// One transaction per request: duplicates, alerts and audit rows must come out exact under a burst.
describe('a class-sized burst of submissions', () => {
  beforeAll(async () => {
    ctx = await startTestApp();
    f = await demoFixtures(ctx.db);
  });
  afterAll(() => ctx?.close());

  it('200 concurrent submissions for the same campaign, each sent twice, leave exactly 200 responses', async () => {
    const { campaignId, members } = await createCohort(ctx.db, f.home, 200);
    // Every fourth student reports thoughts of self-harm: their alerts must be exactly one each.
    const flagged = (i: number) => i % 4 === 0;
    const bodies = members.map((_, i) => ({
      submissionId: randomUUID(),
      answers: flagged(i) ? PHQA_ITEM9_TWO : CALM_ANSWERS,
      durationMs: 60_000 + i,
    }));
    const started = Date.now();
    const results = await Promise.all(members.flatMap((m, i) => [submit(m, bodies[i]!), submit(m, bodies[i]!)]));
    const elapsed = Date.now() - started;
    console.info(`400 submit requests (200 distinct) on ${ctx.handle.engine}: ${elapsed} ms`);

    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    members.forEach((_, i) => {
      const [a, b] = [results[2 * i]!.json(), results[2 * i + 1]!.json()];
      expect(a).toEqual(b);
      expect(a.receiptId).toBe(bodies[i]!.submissionId);
    });

    const studentIds = members.map((m) => m.studentId);
    expect(await count('screening_response', 'campaign_id', campaignId)).toBe(200 * SELF_REPORT.length);
    const perSubmission = await ctx.db
      .selectFrom('screening_response')
      .select(['submission_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy('submission_id')
      .execute();
    expect(perSubmission).toHaveLength(200);
    expect(perSubmission.every((r) => Number(r.n) === SELF_REPORT.length)).toBe(true);
    const completed = await ctx.db
      .selectFrom('screening_assignment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(Number(completed.n)).toBe(200);
    expect(await count('tier_assessment', 'campaign_id', campaignId)).toBe(200);
    expect(await count('alert', 'student_id', studentIds)).toBe(members.filter((_, i) => flagged(i)).length);
    const drafts = await ctx.db
      .selectFrom('response_draft')
      .select('assignment_id')
      .where(
        'assignment_id',
        'in',
        members.map((m) => m.assignmentId),
      )
      .execute();
    expect(drafts).toEqual([]);

    const audits = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'screening.submit')
      .where(
        'target_id',
        'in',
        members.map((m) => m.assignmentId),
      )
      .executeTakeFirstOrThrow();
    expect(Number(audits.n)).toBe(200);
    expect((await verifyAuditChains(ctx.db)).problems).toEqual([]);

    // The report triggers counted every submit of the burst exactly once: what the stored rows say.
    const counts = await reportCounts(campaignId);
    expect(counts).toEqual(await recount(campaignId));
    expect(counts).toContainEqual({ measure: 'participation', key: 'completed', n: '200' });
    expect(counts).toContainEqual({ measure: 'participation', key: 'invited', n: '200' });
    expect(counts).toContainEqual({ measure: 'critical', key: 'phqa_item9', n: '50' });
    expect(counts).toContainEqual({ measure: 'alert', key: 'raised', n: '50' });
  });

  it('reads the drafts of questionnaires opened together, each its own', async () => {
    const { members } = await createCohort(ctx.db, f.home, 3);
    const place = { district_id: f.home.district_id!, school_id: f.home.school_id! };
    await saveDraft(ctx.db, { id: members[0]!.assignmentId, ...place }, { phqa: [1] }, null);
    await saveDraft(
      ctx.db,
      { id: members[2]!.assignmentId, ...place },
      { phqa: [2, 3] },
      { instrument: 'phqa', item: 2 },
    );
    const drafts = await Promise.all(members.map((m) => loadDraft(ctx.db, m.assignmentId)));
    expect(drafts.map((d) => d?.answers ?? null)).toEqual([{ phqa: [1] }, null, { phqa: [2, 3] }]);
    expect(drafts[2]?.position).toEqual({ instrument: 'phqa', item: 2 });
  });

  it('counts a submit and the other writes of its transaction once each', async () => {
    const { campaignId, members } = await createCohort(ctx.db, f.home, 4);
    const [a, b, c, d] = members.map((m) => m.assignmentId) as [string, string, string, string];
    // In one transaction, as a paper import does: a submit, then other writes the triggers must still count.
    await ctx.db.transaction().execute(async (tx) => {
      await submitDirect(tx, a, CALM_ANSWERS);
      await tx.updateTable('screening_assignment').set({ status: 'completed' }).where('id', '=', b).execute();
      // With a crisis answer: the alert's trigger still counts the alert.
      await submitDirect(tx, c, PHQA_ITEM9_TWO);
      await tx.updateTable('screening_assignment').set({ status: 'in_progress' }).where('id', '=', a).execute();
    });
    // A submit that finds its assignment already completed counts nothing.
    await expect(submitDirect(ctx.db, b, CALM_ANSWERS)).rejects.toThrow(/not open/);
    await submitDirect(ctx.db, d, CALM_ANSWERS);
    const counts = await reportCounts(campaignId);
    expect(counts).toEqual(await recount(campaignId));
    expect(counts).toContainEqual({ measure: 'participation', key: 'completed', n: '3' });
    expect(counts).toContainEqual({ measure: 'critical', key: 'phqa_item9', n: '1' });
  });

  it('takes a deleted submission out of the counts, and leaves nothing of a completion undone in one fold', async () => {
    const { campaignId, members } = await createCohort(ctx.db, f.home, 3);
    const [a, b, c] = members.map((m) => m.assignmentId) as [string, string, string];
    await foldReportCounts(ctx.db);
    // The completion writes only what changed (completed +1): the trigger nets invited −1 +1 itself.
    // Read before the commit, where the background fold cannot have taken them yet.
    const pending = await ctx.db.transaction().execute(async (tx) => {
      await submitDirect(tx, a, CALM_ANSWERS);
      const { rows } = await sql<{ key: string; delta: string }>`
        select key, delta::text from report_delta where student_id = ${members[0]!.studentId}::uuid and measure = 'participation'
         order by key, delta`.execute(tx);
      return rows;
    });
    await submitDirect(ctx.db, b, PHQA_ITEM9_TWO);
    expect(pending).toEqual([{ key: 'completed', delta: '1' }]);
    // As an erasure would: the first submission's responses go and its assignment opens again.
    await ctx.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom('alert')
        .where('response_id', 'in', tx.selectFrom('screening_response').select('id').where('assignment_id', '=', a))
        .execute();
      await tx.deleteFrom('screening_response').where('assignment_id', '=', a).execute();
      await tx
        .updateTable('screening_assignment')
        .set({ status: 'pending', completed_at: null })
        .where('id', '=', a)
        .execute();
    });
    await submitDirect(ctx.db, c, CALM_ANSWERS);
    const counts = await reportCounts(campaignId);
    expect(counts).toEqual(await recount(campaignId));
    expect(counts).toContainEqual({ measure: 'participation', key: 'completed', n: '2' });
    expect(counts).toContainEqual({ measure: 'participation', key: 'invited', n: '3' });
    expect(counts).toContainEqual({ measure: 'critical', key: 'phqa_item9', n: '1' });
  });

  it('a retry after the burst still gets its receipt, and a new id for a done assignment gets 409', async () => {
    const { members } = await createCohort(ctx.db, f.home, 3);
    const body = { submissionId: randomUUID(), answers: CALM_ANSWERS, durationMs: 70_000 };
    const first = await submit(members[0]!, body);
    const retry = await submit(members[0]!, body);
    expect(retry.json()).toEqual(first.json());
    expect((await submit(members[0]!, { ...body, submissionId: randomUUID() })).statusCode).toBe(409);
    // Another student cannot submit into someone else's assignment, even with a valid session.
    expect(
      (
        await submit(
          { ...members[1]!, assignmentId: members[2]!.assignmentId },
          { ...body, submissionId: randomUUID() },
        )
      ).statusCode,
    ).toBe(404);
  });
});
