import { notFound } from '../../http/problem.js';
import { placementOfStudent } from '../../org/placement.js';
import type { ServiceContext } from '../../services/context.js';
import { loadInstrumentVersion } from '../instrument-store.js';
import { recordConsent, recordDecline, type ConsentDecision } from './consent.js';
import { conflict, fieldError, invalid } from './messages.js';
import { campaignStatus } from './status.js';
import { loadCampaign } from './visibility.js';

/*
 * Who decides whether a student takes part: a guardian consents (online) or staff record a paper form, and
 * a student may decline their own questionnaire. The stores in consent.ts write the decision; this decides
 * whether the actor may make it, for whom, and when.
 */

const STUDENT_PLACEMENT = ['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'] as const;

/** A guardian's decision for one child and campaign, or a paper form recorded by staff. */
export async function decideConsent(
  ctx: ServiceContext,
  campaignId: string,
  input: { studentId: string; decision: ConsentDecision; method?: 'online' | 'paper'; note?: string },
) {
  const { locale } = ctx;
  const { studentId, decision, note } = input;
  const c = await loadCampaign(ctx.db, campaignId);
  if (!c) throw notFound();
  const student = await ctx.db
    .selectFrom('student')
    .select(STUDENT_PLACEMENT)
    .where('id', '=', studentId)
    .executeTakeFirst();
  if (!student) throw notFound();
  // A guardian's binding is their child (person scope): any other child is outside it and answers 404.
  const binding = ctx.access.require('consent.record', placementOfStudent(student));
  const assigned = await ctx.db
    .selectFrom('screening_assignment')
    .select('id')
    .where('campaign_id', '=', c.id)
    .where('student_id', '=', student.id)
    .executeTakeFirst();
  if (!assigned) throw notFound();
  const byGuardian = binding.role === 'guardian';
  const method = input.method ?? (byGuardian ? 'online' : 'paper');
  if (byGuardian && method !== 'online') throw invalid([fieldError(locale, '/method', 'consent.method-guardian')]);
  if (!byGuardian && method !== 'paper') throw invalid([fieldError(locale, '/method', 'consent.method-staff')]);
  const status = campaignStatus(c, ctx.clock());
  if (status === 'cancelled') throw conflict(locale, 'campaign.cancelled');
  // Withdrawal stays possible after the window closes (PIPL: consent can always be taken back).
  if (status === 'closed' && decision !== 'withdrawn') throw conflict(locale, 'campaign.closed');
  const result = await ctx.db.transaction().execute(async (tx) => {
    const r = await recordConsent(tx, {
      campaignId: c.id,
      student,
      decision,
      method,
      guardianId: byGuardian ? ctx.guardianId : null,
      recordedBy: ctx.actorId,
      note: note?.trim() || null,
    });
    await ctx.audit(tx, {
      action: 'consent.record',
      targetType: 'student',
      targetId: student.id,
      placement: placementOfStudent(student),
      binding,
      detail: { campaignId: c.id, decision, method, consentStatus: r.consentStatus },
    });
    return r;
  });
  return {
    campaignId: c.id,
    studentId: student.id,
    decision,
    method,
    consentStatus: result.consentStatus,
    recordedAt: result.recordedAt.toISOString(),
  };
}

/** A student declines their own questionnaire, or takes the decline back; repeats change nothing. */
export async function declineScreening(ctx: ServiceContext, campaignId: string, undo: boolean) {
  const { locale } = ctx;
  // Only a student declines, and only their own questionnaire: the student is the signed-in person.
  const personId = ctx.access.actor.personId;
  if (!personId) throw notFound();
  const student = await ctx.db
    .selectFrom('student')
    .select(STUDENT_PLACEMENT)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!student) throw notFound();
  const binding = ctx.access.require('screening.take', placementOfStudent(student));
  const c = await loadCampaign(ctx.db, campaignId);
  if (!c) throw notFound();
  const assignment = await ctx.db
    .selectFrom('screening_assignment')
    .select(['id', 'campaign_id', 'status', 'started_at'])
    .where('campaign_id', '=', c.id)
    .where('student_id', '=', student.id)
    .where('respondent', '=', 'self')
    .executeTakeFirst();
  if (!assignment) throw notFound();
  const status = campaignStatus(c, ctx.clock());
  if (status === 'cancelled') throw conflict(locale, 'campaign.cancelled');
  if (status === 'closed') throw conflict(locale, 'campaign.closed');
  if (assignment.status === 'completed') throw conflict(locale, 'assignment.completed');
  if (undo ? assignment.status !== 'declined' : assignment.status === 'declined') {
    return { campaignId: c.id, status: assignment.status };
  }
  const next = await ctx.db.transaction().execute(async (tx) => {
    const next = await recordDecline(tx, { assignment, student, undo, recordedBy: ctx.actorId });
    await ctx.audit(tx, {
      action: undo ? 'screening.decline.undo' : 'screening.decline',
      targetType: 'screening_assignment',
      targetId: assignment.id,
      placement: placementOfStudent(student),
      binding,
      detail: { campaignId: c.id },
    });
    return next;
  });
  return { campaignId: c.id, status: next };
}

/** The open campaigns a guardian decides for, per child, with the last decision and what will be asked. */
export async function guardianConsents(ctx: ServiceContext) {
  // A guardian's person-scoped bindings are their children; staff hold none and see an empty list.
  const childIds = ctx.access
    .scopes('consent.record')
    .filter((s) => s.level === 'person')
    .map((s) => s.id);
  if (childIds.length === 0) return { items: [] };
  const now = ctx.clock();
  const rows = await ctx.db
    .selectFrom('screening_assignment as a')
    .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
    .innerJoin('student as s', 's.id', 'a.student_id')
    .select([
      'c.id as campaign_id',
      'c.name as campaign_name',
      'c.kind',
      'c.status',
      'c.opens_at',
      'c.closes_at',
      'c.notice_zh',
      'c.notice_en',
      's.id as student_id',
      's.name as student_name',
      's.city_id',
      's.district_id',
      's.school_id',
      'a.respondent',
      'a.instruments',
      'a.consent_status',
    ])
    .where('a.student_id', 'in', childIds)
    .where('c.status', '=', 'published')
    .where('c.closes_at', '>', now)
    .where('a.consent_status', '<>', 'not_required')
    .orderBy('c.opens_at')
    .orderBy('s.name')
    .execute();
  if (rows.length === 0) return { items: [] };
  const decisions = await ctx.db
    .selectFrom('consent_record')
    .select(['campaign_id', 'student_id', 'decision', 'method', 'recorded_at'])
    .where('student_id', 'in', childIds)
    .where('campaign_id', 'in', [...new Set(rows.map((r) => r.campaign_id))])
    .where('kind', '=', 'guardian_consent')
    .orderBy('recorded_at', 'desc')
    .execute();
  const byKey = new Map<string, ReturnType<typeof toItem>>();
  function toItem(r: (typeof rows)[number]) {
    const last = decisions.find((d) => d.campaign_id === r.campaign_id && d.student_id === r.student_id);
    return {
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      kind: r.kind,
      status: campaignStatus({ status: r.status, opens_at: r.opens_at, closes_at: r.closes_at }, now),
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
      noticeZh: r.notice_zh,
      noticeEn: r.notice_en,
      student: { id: r.student_id, name: r.student_name },
      consentStatus: r.consent_status,
      needsDecision: r.consent_status === 'pending',
      lastDecision: last
        ? {
            decision: last.decision as ConsentDecision,
            method: last.method,
            recordedAt: last.recorded_at.toISOString(),
          }
        : null,
      instruments: [] as Array<{
        code: string;
        shortName: string;
        name: { zh: string; en: string };
        respondent: 'self' | 'guardian';
      }>,
    };
  }
  // A student answering self-report and parent-report forms has two assignments but one decision.
  for (const r of rows) {
    const key = `${r.campaign_id}:${r.student_id}`;
    let item = byKey.get(key);
    if (!item) byKey.set(key, (item = toItem(r)));
    for (const ref of r.instruments) {
      const def = await loadInstrumentVersion(ctx.db, ref.code, ref.version);
      item.instruments.push({
        code: ref.code,
        shortName: def?.shortName ?? ref.code,
        name: def?.name ?? { zh: ref.code, en: ref.code },
        respondent: r.respondent,
      });
    }
  }
  const students = [...new Map(rows.map((r) => [r.student_id, r])).values()];
  for (const s of students) {
    await ctx.audit(ctx.db, {
      action: 'consent.list',
      targetType: 'student',
      targetId: s.student_id,
      placement: { cityId: s.city_id, districtId: s.district_id, schoolId: s.school_id },
    });
  }
  return { items: [...byKey.values()] };
}
