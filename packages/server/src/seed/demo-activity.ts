import { randomUUID } from 'node:crypto';
import type { InstrumentDefinition, InstrumentItem } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { getScreeningSettings } from '../screening/settings.js';
import type { AnswerMap } from '../screening/submission/answers.js';
import { assignmentQuery } from '../screening/submission/assignment.js';
import { evaluateSubmission } from '../screening/submission/evaluate.js';
import { loadPinned } from '../screening/submission/pinned.js';
import { storeSubmission } from '../screening/submission/store.js';
import { demoCampaignId } from './demo-screening.js';
import type { DemoSignIn } from './demo-sign-in.js';
import { seededRandom, type Random } from './random.js';

/** How many questionnaires the demo city shows as answered: enough for charts, a few minutes of seeding. */
export const DEMO_SUBMISSIONS = 300;
/** Of those, how many carry a crisis answer (PHQ-A item 9, a positive ASQ) and so raise an alert. */
export const DEMO_CRISES = 5;
/** Schools that get the activity: not the demo cast's, so the browser tests find their schools untouched. */
const ACTIVE_SCHOOLS = 2;

/**
 * Issue 17.21: a visitor of the demo city sees what a city sees — a few hundred answered questionnaires in
 * the city's open campaign, spread over the bands as a real round is (most students well, some mild, a few
 * moderate), and a handful of crisis answers that raised their alerts through the ordinary submission path
 * (scores, tiers, alerts and their notices are what a real submission leaves). Only in schools where no
 * demo account works: the cast's schools keep the state the walkthrough and the browser tests start from.
 * Seeded once, on a first start, with a fixed seed so every machine shows the same city.
 */
export async function seedDemoActivity(
  db: Kysely<Database>,
  args: { cityId: string; accounts: readonly DemoSignIn[] },
  seed = 20261205,
): Promise<{ submitted: number; crises: number; schoolIds: string[] }> {
  const rnd = seededRandom(seed);
  const castSchools = await db
    .selectFrom('user_account')
    .select('school_id')
    .distinct()
    .where(
      'username',
      'in',
      args.accounts.map((a) => a.username),
    )
    .where('school_id', 'is not', null)
    .execute();
  const excluded = castSchools.map((r) => r.school_id!);
  const schools = await db
    .selectFrom('screening_assignment as a')
    .innerJoin('org_unit as s', 's.id', 'a.school_id')
    .select(['a.school_id', 's.name_zh'])
    .distinct()
    .where('a.campaign_id', '=', demoCampaignId(args.cityId))
    .where('a.respondent', '=', 'self')
    .$if(excluded.length > 0, (q) => q.where('a.school_id', 'not in', excluded))
    .orderBy('s.name_zh')
    .limit(ACTIVE_SCHOOLS)
    .execute();
  const schoolIds = schools.map((s) => s.school_id);
  if (schoolIds.length === 0) return { submitted: 0, crises: 0, schoolIds };

  const open = await assignmentQuery(db)
    .where('a.campaign_id', '=', demoCampaignId(args.cityId))
    .where('a.school_id', 'in', schoolIds)
    .where('a.respondent', '=', 'self')
    .where('a.status', '=', 'pending')
    .where('a.consent_status', 'in', ['granted', 'not_required'])
    .orderBy('s.student_no')
    .execute();
  // Every other student of the schools, in a fixed order, so the answered share differs by class.
  const chosen = open.filter(() => rnd.chance(0.85)).slice(0, DEMO_SUBMISSIONS);
  const crisisAt = new Set<number>();
  while (crisisAt.size < Math.min(DEMO_CRISES, chosen.length)) crisisAt.add(rnd.int(0, chosen.length - 1));

  const settings = await getScreeningSettings(db, args.cityId);
  const pinnedCache = new Map<string, InstrumentDefinition[]>();
  let crises = 0;
  for (const [i, assignment] of chosen.entries()) {
    const key = JSON.stringify(assignment.instruments);
    let defs = pinnedCache.get(key);
    if (!defs) {
      defs = await loadPinned(db, assignment.instruments);
      pinnedCache.set(key, defs);
    }
    const crisis = crisisAt.has(i);
    const answers: AnswerMap = Object.fromEntries(
      defs.map((def) => [def.code, def.items.map((item) => answerOf(rnd, def, item, crisis))]),
    );
    // Real answering takes minutes; never the "too fast" careless mark.
    const durationMs = rnd.int(180, 600) * 1000;
    const evaluation = evaluateSubmission(defs, answers, {
      durationMs,
      tierRules: settings.tierRules,
      minSecondsPerItem: settings.minSecondsPerItem,
    });
    const outcome = await storeSubmission(db, {
      assignment,
      submissionId: randomUUID(),
      durationMs,
      submittedBy: null,
      evaluation,
      ruleSetVersion: `${settings.tierRules.id}@${settings.tierRules.version}`,
      audit: null,
    });
    if (outcome.kind === 'stored' && outcome.alertId) crises++;
  }
  return { submitted: chosen.length, crises, schoolIds };
}

/** How a student of this demo round feels, as answer weights from the lowest option up. */
const WELL = [0.62, 0.28, 0.08, 0.02];
const STRUGGLING = [0.15, 0.35, 0.35, 0.15];

/**
 * One answer. Options are drawn from the least to the most concerning (lowest code first on every default
 * instrument); the crisis items (PHQ-A item 9, the ASQ) stay "no" except for a crisis student, whose
 * positive ASQ is followed by the acuity question, answered "no" (a non-acute positive).
 */
function answerOf(rnd: Random, def: InstrumentDefinition, item: InstrumentItem, crisis: boolean): number | null {
  const codes = (item.options ?? def.options).map((o) => o.code).sort((a, b) => a - b);
  if (codes.length === 0) return null;
  if (def.code === 'asq') {
    if (item.number === 5) return crisis ? 0 : null;
    return crisis && item.number === 2 ? 1 : 0;
  }
  if (item.critical) return crisis ? codes[Math.min(2, codes.length - 1)]! : codes[0]!;
  const weights = crisis ? STRUGGLING : WELL;
  let x = rnd.next();
  for (let k = 0; k < codes.length; k++) {
    x -= weights[k] ?? 0;
    if (x < 0) return codes[k]!;
  }
  return codes[codes.length - 1]!;
}
