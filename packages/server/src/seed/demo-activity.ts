import { randomUUID } from 'node:crypto';
import type { InstrumentDefinition, InstrumentItem } from '@yuxin/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import {
  addRecord,
  completeFollowUp,
  decideOnCase,
  moveCase,
  recordAssessment,
  recordPlan,
  scheduleFollowUps,
} from '../cases/commands.js';
import { openCase } from '../cases/open.js';
import { getScreeningSettings } from '../screening/settings.js';
import { accountContext } from '../services/context.js';
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
): Promise<{ submitted: number; crises: number; schoolIds: string[]; closedCaseId: string | null }> {
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
  if (schoolIds.length === 0) return { submitted: 0, crises: 0, schoolIds, closedCaseId: null };

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
  let firstAlertId: string | null = null;
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
    if (outcome.kind === 'stored' && outcome.alertId) {
      crises++;
      firstAlertId ??= outcome.alertId;
    }
  }
  const closedCaseId = firstAlertId ? await closeDemoCase(db, firstAlertId) : null;
  return { submitted: chosen.length, crises, schoolIds, closedCaseId };
}

/** A staff account of the school holding the role, by username: the seed names them in a fixed order. */
async function schoolStaff(db: Kysely<Database>, schoolId: string, role: 'psych_teacher' | 'school_leader') {
  const row = await db
    .selectFrom('role_binding as b')
    .innerJoin('user_account as u', 'u.id', 'b.user_id')
    .select('u.id')
    .where('b.role', '=', role)
    .where('b.scope_id', '=', schoolId)
    .orderBy('u.username')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * One crisis alert of the round worked to a closed case (一案一清), through the same case commands the
 * school's psychology teacher and leader use, so a visitor sees a finished case with its whole timeline:
 * assessment, plan and helpers, guardian contact, follow-ups, conclusion and the leader's approval.
 */
async function closeDemoCase(db: Kysely<Database>, alertId: string): Promise<string> {
  const alert = await db.selectFrom('alert').select('school_id').where('id', '=', alertId).executeTakeFirstOrThrow();
  const psych = await accountContext(db, await schoolStaff(db, alert.school_id, 'psych_teacher'), 'seed:demo-activity');
  const leader = await accountContext(
    db,
    await schoolStaff(db, alert.school_id, 'school_leader'),
    'seed:demo-activity',
  );
  const { id } = await openCase(psych, [alertId], '普测危机预警，当天约谈学生。');
  await moveCase(psych, id, { event: 'start_assessment' });
  await recordAssessment(psych, id, {
    riskLevel: 'moderate',
    reasons: ['suicidal_ideation'],
    interview: '约谈：近期学业压力大，偶有消极想法，无计划、无行为；愿意与老师和家长沟通。',
  });
  await recordPlan(psych, id, {
    goals: ['每周心理辅导一次，四周内情绪平稳', '与监护人共同关注作息'],
    actions: ['talk', 'guardian_contact'],
    helpers: [
      { role: 'psych_teacher', userId: psych.actorId },
      { role: 'peer', name: '心理委员' },
    ],
  });
  await moveCase(psych, id, { event: 'start_intervention' });
  await addRecord(psych, id, {
    type: 'action',
    kind: 'guardian_contact',
    contactMethod: 'phone',
    guardianInformed: true,
    note: '电话联系母亲，告知约谈情况，母亲表示会多陪伴并配合学校。',
  });
  const { dueDates } = await scheduleFollowUps(psych, id, {
    responsibleUserId: psych.actorId,
    phases: [{ everyDays: 7, count: 2 }],
  });
  await moveCase(psych, id, { event: 'start_follow_up' });
  const followUps = await db.selectFrom('follow_up').select('id').where('case_id', '=', id).execute();
  for (const f of followUps) await completeFollowUp(psych, f.id, '随访：情绪平稳，睡眠和学习状态恢复。');
  await moveCase(psych, id, {
    event: 'request_closure',
    conclusion: `情绪稳定，${dueDates.length} 次随访均已完成，监护人知情，申请结案。`,
  });
  await decideOnCase(leader, id, { kind: 'closure', outcome: 'approved', note: '同意结案。' });
  return id;
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
