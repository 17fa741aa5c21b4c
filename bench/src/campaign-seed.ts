import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/types.js';
import type { Random } from '../../packages/server/src/seed/random.js';
import { checkSubmittedAnswers, type AnswerMap } from '../../packages/server/src/screening/submission/answers.js';
import { evaluateSubmission, type Evaluation } from '../../packages/server/src/screening/submission/evaluate.js';
import { loadPinned } from '../../packages/server/src/screening/submission/pinned.js';
import { getScreeningSettings } from '../../packages/server/src/screening/settings.js';
import { latestInstrumentVersion } from '../../packages/server/src/screening/instrument-store.js';

/** The screening the load test drives: PHQ-A, GAD-7 and ASQ, answered by secondary students themselves. */
export const BENCH_INSTRUMENTS = ['phqa', 'gad7', 'asq'] as const;
export const BENCH_GRADES = { from: 7, to: 12 } as const;
/** Share of assignments already submitted when the load test starts, so reports have data to count. */
export const COMPLETED_SHARE = 0.4;

export interface BenchCampaign {
  id: string;
  instruments: Array<{ code: string; version: number }>;
  /** A pool of scored answer sets: scoring a million submissions one by one would dominate the seeding time. */
  pool: Array<{ answers: AnswerMap; evaluation: Evaluation }>;
  ruleSetVersion: string;
}

/** Answers drawn the way a city's students answer: most calm, some moderate, a few severe, ~2% ASQ positive. */
export function randomAnswers(rnd: Random): AnswerMap {
  const r = rnd.next();
  const [lo, hi] = r < 0.75 ? [0, 1] : r < 0.93 ? [0, 2] : [1, 3];
  const likert = (n: number) => Array.from({ length: n }, () => rnd.int(lo, hi));
  const asqPositive = rnd.chance(0.02);
  const asq = asqPositive ? [1, rnd.int(0, 1), 0, rnd.int(0, 1), 0] : [0, 0, 0, 0, null];
  return { phqa: likert(9), gad7: likert(7), asq };
}

export async function createBenchCampaign(
  db: Kysely<Database>,
  cityId: string,
  schoolYear: string,
  rnd: Random,
): Promise<BenchCampaign> {
  const instruments: BenchCampaign['instruments'] = [];
  for (const code of BENCH_INSTRUMENTS) {
    const def = await latestInstrumentVersion(db, code);
    if (!def) throw new Error(`instrument ${code} is not installed`);
    instruments.push({ code, version: def.version });
  }
  const id = randomUUID();
  const now = Date.now();
  await db
    .insertInto('campaign')
    .values({
      id,
      city_id: cityId,
      owner_level: 'city',
      owner_id: cityId,
      kind: 'universal',
      name: '基准测试 秋季普查',
      school_year: schoolYear,
      term: 1,
      opens_at: new Date(now - 3 * 86_400_000),
      closes_at: new Date(now + 30 * 86_400_000),
      // Consent is measured elsewhere; here every assignment must be answerable straight away.
      consent_required_under_age: 0,
      status: 'published',
      published_at: new Date(now - 3 * 86_400_000),
    })
    .execute();
  await db.insertInto('campaign_target').values({ campaign_id: id, org_unit_id: cityId }).execute();
  await db
    .insertInto('campaign_instrument')
    .values(
      instruments.map((i, sort) => ({
        campaign_id: id,
        grade_from: BENCH_GRADES.from,
        grade_to: BENCH_GRADES.to,
        instrument_code: i.code,
        instrument_version: i.version,
        respondent: 'self' as const,
        sort,
      })),
    )
    .execute();

  const defs = await loadPinned(db, instruments);
  const settings = await getScreeningSettings(db, cityId);
  const pool: BenchCampaign['pool'] = [];
  while (pool.length < 200) {
    const answers = randomAnswers(rnd);
    if (checkSubmittedAnswers(defs, answers, 'en').length > 0)
      throw new Error(`bench answers do not validate: ${JSON.stringify(answers)}`);
    pool.push({
      answers,
      evaluation: evaluateSubmission(defs, answers, {
        durationMs: 120_000,
        tierRules: settings.tierRules,
        minSecondsPerItem: settings.minSecondsPerItem,
      }),
    });
  }
  return { id, instruments, pool, ruleSetVersion: `${settings.tierRules.id}@${settings.tierRules.version}` };
}
