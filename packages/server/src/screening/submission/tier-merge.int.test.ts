import { randomUUID } from 'node:crypto';
import { mergeTierSuggestion, type CampaignTierAssessment, type Tier, type TierReason } from '@yuxin/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import { createTestDatabase } from '../../testing/test-db.js';
import { MERGE_TIER_SUGGESTION } from './tier-merge.js';

/**
 * The submission statement merges suggested tiers in SQL; core defines the rule. Every combination of a
 * stored assessment and a new suggestion goes through the statement's clause and must end as core says.
 * The probe table copies tier_assessment's columns, checks and unique key, without the rows it refers to.
 */
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await migrate(handle.db);
  await sql`create table tier_merge_probe (like tier_assessment including all)`.execute(handle.db);
});
afterAll(() => handle?.close());

const TIERS: Tier[] = [1, 2, 3];
const reason = (tier: Tier, instrument: string): TierReason => ({ instrument, rule: 'band', tier });

type Row = {
  suggested_tier: Tier;
  suggested_reasons: TierReason[];
  status: 'suggested' | 'confirmed';
  confirmed_tier: Tier | null;
};

async function mergeInSql(current: CampaignTierAssessment | null, incoming: { tier: Tier; reasons: TierReason[] }) {
  const db = handle.db;
  const key = { student: randomUUID(), campaign: randomUUID(), unit: randomUUID() };
  const insert = (tier: Tier, reasons: TierReason[]) => sql`
    insert into tier_merge_probe as existing (student_id, campaign_id, city_id, district_id, school_id, grade_id, class_id,
                                              suggested_tier, suggested_reasons)
    values (${key.student}::uuid, ${key.campaign}::uuid, ${key.unit}::uuid, ${key.unit}::uuid, ${key.unit}::uuid,
            ${key.unit}::uuid, ${key.unit}::uuid, ${tier}::int, ${JSON.stringify(reasons)}::jsonb)`;
  if (current) {
    await insert(current.suggestedTier, current.suggestedReasons).execute(db);
    await sql`update tier_merge_probe set status = ${current.status}, confirmed_tier = ${current.confirmedTier}::int
               where student_id = ${key.student}::uuid`.execute(db);
  }
  await sql`${insert(incoming.tier, incoming.reasons)} ${MERGE_TIER_SUGGESTION}`.execute(db);
  const { rows } = await sql<Row>`select suggested_tier, suggested_reasons, status, confirmed_tier
                                    from tier_merge_probe where student_id = ${key.student}::uuid`.execute(db);
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  return {
    suggestedTier: r.suggested_tier,
    suggestedReasons: r.suggested_reasons,
    status: r.status,
    confirmedTier: r.confirmed_tier,
  } satisfies CampaignTierAssessment;
}

describe('the tier merge in the submission statement', () => {
  it('agrees with core for every stored assessment and new suggestion', async () => {
    const currents: (CampaignTierAssessment | null)[] = [null];
    for (const suggestedTier of TIERS)
      for (const confirmedTier of [null, ...TIERS])
        currents.push({
          suggestedTier,
          suggestedReasons: [reason(suggestedTier, 'self')],
          status: confirmedTier === null ? 'suggested' : 'confirmed',
          confirmedTier,
        });
    let checked = 0;
    for (const current of currents)
      for (const tier of TIERS) {
        const incoming = { tier, reasons: [reason(tier, 'guardian')] };
        expect(await mergeInSql(current, incoming), JSON.stringify({ current, tier })).toEqual(
          mergeTierSuggestion(current, incoming),
        );
        checked++;
      }
    expect(checked).toBe(39);
  });
});
