import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataKeyOf, installKeyRing, keyRing } from '../crypto/field-crypto.js';
import { createSeededTestDatabase, type TestDatabase } from '../testing/test-db.js';
import type { DemoCity } from './demo.js';
import { DEMO_CRISES, DEMO_SUBMISSIONS, seedDemoActivity } from './demo-activity.js';
import { demoCampaignId } from './demo-screening.js';

// Issue 17.21: the demo city is not empty — a few hundred answered questionnaires with the spread of a real
// round and a handful of crisis alerts, all outside the schools of the demo cast.
let handle: TestDatabase;
let demo: DemoCity;
let cityId: string;
let result: Awaited<ReturnType<typeof seedDemoActivity>>;

beforeAll(async () => {
  // The closed case's notes are encrypted, as the server does once its keys are loaded.
  installKeyRing(keyRing(dataKeyOf(randomBytes(32).toString('base64'))));
  ({ handle, demo } = await createSeededTestDatabase());
  cityId = (await handle.db.selectFrom('org_unit').select('id').where('kind', '=', 'city').executeTakeFirstOrThrow())
    .id;
  result = await seedDemoActivity(handle.db, { cityId, accounts: demo.accounts });
});
afterAll(async () => {
  await handle?.close();
});

describe('the demo city’s activity', () => {
  it('answers a few hundred questionnaires of the open campaign through the submission path', async () => {
    expect(result.submitted).toBeGreaterThanOrEqual(200);
    expect(result.submitted).toBeLessThanOrEqual(DEMO_SUBMISSIONS);
    const completed = await handle.db
      .selectFrom('screening_assignment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', demoCampaignId(cityId))
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(Number(completed.n)).toBe(result.submitted);
    // Every answered assignment has its scored responses (PHQ-A, GAD-7, ASQ) and a tier suggestion.
    const responses = await handle.db
      .selectFrom('screening_response')
      .select(['instrument_code', 'band', 'total'])
      .where('campaign_id', '=', demoCampaignId(cityId))
      .execute();
    expect(responses.length).toBe(result.submitted * 3);
    const phqaBands = new Set(responses.filter((r) => r.instrument_code === 'phqa').map((r) => r.band));
    // A real round's spread, not one band for everyone.
    expect(phqaBands.size).toBeGreaterThanOrEqual(3);
    const tiers = await handle.db
      .selectFrom('tier_assessment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('school_id', 'in', result.schoolIds)
      .executeTakeFirstOrThrow();
    expect(Number(tiers.n)).toBe(result.submitted);
  });

  it('raises a handful of crisis alerts, open, in the active schools', async () => {
    expect(result.crises).toBe(DEMO_CRISES);
    const alerts = await handle.db.selectFrom('alert').select(['school_id', 'status']).execute();
    expect(alerts).toHaveLength(DEMO_CRISES);
    for (const a of alerts) expect(result.schoolIds).toContain(a.school_id);
    // All open but the one worked to a closed case.
    expect(alerts.filter((a) => a.status === 'open')).toHaveLength(DEMO_CRISES - 1);
  });

  it('works one crisis alert to a closed case through the case commands, with its whole timeline', async () => {
    expect(result.closedCaseId).toBeTruthy();
    const c = await handle.db
      .selectFrom('care_case')
      .select(['state', 'school_id', 'guardian_informed_at', 'conclusion_enc', 'risk_level'])
      .where('id', '=', result.closedCaseId!)
      .executeTakeFirstOrThrow();
    expect(c.state).toBe('closed');
    expect(result.schoolIds).toContain(c.school_id);
    expect(c.guardian_informed_at).not.toBeNull();
    expect(c.conclusion_enc).not.toBeNull();
    const linked = await handle.db
      .selectFrom('case_alert as ca')
      .innerJoin('alert as a', 'a.id', 'ca.alert_id')
      .select('a.status')
      .where('ca.case_id', '=', result.closedCaseId!)
      .execute();
    expect(linked).toHaveLength(1);
    expect(linked[0]!.status).not.toBe('open');
    const events = await handle.db
      .selectFrom('case_event')
      .select('type')
      .where('case_id', '=', result.closedCaseId!)
      .execute();
    const types = events.map((e) => e.type);
    for (const t of ['opened', 'assessed', 'planned', 'follow_ups_scheduled', 'follow_up_done'])
      expect(types).toContain(t);
    const open = await handle.db
      .selectFrom('follow_up')
      .select('id')
      .where('case_id', '=', result.closedCaseId!)
      .where('done_at', 'is', null)
      .execute();
    expect(open).toHaveLength(0);
    // Every step is audited under the teacher or leader who took it, marked as the seed's.
    const audited = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'request_id'])
      .where('target_id', '=', result.closedCaseId!)
      .execute();
    expect(audited.map((a) => a.action)).toContain('case.decide.closure');
    for (const a of audited) expect(a.request_id).toBe('seed:demo-activity');
  });

  it('leaves the demo cast’s schools as the walkthrough and the browser tests expect them', async () => {
    const cast = await handle.db
      .selectFrom('user_account')
      .select('school_id')
      .distinct()
      .where(
        'username',
        'in',
        demo.accounts.map((a) => a.username),
      )
      .where('school_id', 'is not', null)
      .execute();
    expect(cast.length).toBeGreaterThanOrEqual(2);
    for (const { school_id } of cast) expect(result.schoolIds).not.toContain(school_id);
    const touched = await handle.db
      .selectFrom('screening_assignment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'school_id',
        'in',
        cast.map((c) => c.school_id!),
      )
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(Number(touched.n)).toBe(0);
  });
});
