import {
  ARCHIVE_SECTIONS,
  authorize,
  readableSections,
  type ArchiveSection,
  type Reach,
  type ReadableSections,
} from '@yuxin/core';
import { caseScopeColumns } from '../cases/store.js';
import { scoreTrajectory } from '../cases/monitoring.js';
import { caseListQuery, caseSummary, studentReferrals } from '../cases/views.js';
import { notFound } from '../http/problem.js';
import { placementOfStudent } from '../org/placement.js';
import { loadStudentDetail, studentBase, type StudentRow } from '../org/student-profile.js';
import { listTierAssessments, studentWithTier } from '../screening/submission/tier-queue.js';
import type { ServiceContext } from '../services/context.js';
import { acceptedSummariesOf } from '../transfers/handover.js';
import { studentObservations } from '../warning/observations.js';
import { familyVersions, homeContacts } from './family.js';

/** The kind of record each section's read is audited as, so the compliance report counts it by kind. */
const AUDIT_TARGET: Record<ArchiveSection, string> = {
  profile: 'student',
  screenings: 'screening_response',
  tiers: 'tier',
  observations: 'observation',
  cases: 'case',
  referrals: 'referral',
  handover: 'handover_summary',
  family: 'family_background',
  homeContacts: 'home_contact',
};

/** The most tier-history rows an archive shows: years of screenings and reviews fit well inside. */
const TIER_HISTORY_LIMIT = 200;

type Loader = (ctx: ServiceContext, s: StudentRow, reach: Reach) => Promise<unknown>;

/** How each section is read, through the stores that own its records. */
const LOAD = {
  profile: async (ctx, s) => {
    const { account: _account, ...profile } = await loadStudentDetail(ctx.db, s);
    return profile;
  },
  screenings: async (ctx, s) => ({ series: await scoreTrajectory(ctx.db, s.id) }),
  tiers: async (ctx, s, reach) => {
    const current = await studentWithTier(ctx.db, s.id);
    const base = { current: current?.tier ?? null, confirmedAt: current?.confirmed_at?.toISOString() ?? null };
    if (reach !== 'full') return { ...base, history: [] };
    const { items } = await listTierAssessments(
      ctx.db,
      ctx.access,
      { status: 'confirmed', studentId: s.id },
      1,
      TIER_HISTORY_LIMIT,
      ctx.locale,
    );
    const history = items
      .map((t) => ({
        id: t.id,
        campaignName: t.campaignName,
        suggestedTier: t.suggestedTier,
        confirmedTier: t.confirmedTier,
        reviewReason: t.reviewReason,
        reviewedBy: t.reviewedBy,
        reviewedAt: t.reviewedAt,
      }))
      .sort((a, b) => (b.reviewedAt ?? '').localeCompare(a.reviewedAt ?? ''));
    return { ...base, history };
  },
  observations: async (ctx, s, reach) => ({
    items: await studentObservations(ctx.db, s.id, reach === 'own' ? ctx.actorId : undefined),
  }),
  cases: async (ctx, s, reach) => {
    const rows = await caseListQuery(ctx.db, ctx.clock())
      .where(ctx.access.filter('case.read', caseScopeColumns('c')))
      .where('c.student_id', '=', s.id)
      .orderBy('c.opened_at', 'desc')
      .execute();
    const items = rows.map(caseSummary);
    // The leader sees whether a case is open and since when, not who works it or its follow-ups.
    if (reach !== 'full')
      return { items: items.map((c) => ({ id: c.id, state: c.state, openedAt: c.openedAt, updatedAt: c.updatedAt })) };
    return { items };
  },
  referrals: async (ctx, s) => ({ items: await studentReferrals(ctx.db, s.id) }),
  handover: async (ctx, s) => ({ items: await acceptedSummariesOf(ctx.db, s.id) }),
  family: async (ctx, s) => {
    const versions = await familyVersions(ctx.db, s.id);
    return { current: versions[0] ?? null, versions };
  },
  homeContacts: async (ctx, s) => ({ items: await homeContacts(ctx.db, s.id) }),
} satisfies Record<ArchiveSection, Loader>;

export type ArchiveSections = { [S in ArchiveSection]?: Awaited<ReturnType<(typeof LOAD)[S]>> };

async function openArchive(ctx: ServiceContext, studentId: string) {
  const student = await studentBase(ctx.db).where('s.id', '=', studentId).executeTakeFirst();
  if (!student) throw notFound();
  const placement = placementOfStudent(student);
  const binding = ctx.access.require('archive.read', placement);
  return { student, placement, binding, readable: readableSections(ctx.access.actor, placement) };
}

async function loadSections(ctx: ServiceContext, student: StudentRow, readable: ReadableSections) {
  const sections: Record<string, unknown> = {};
  for (const section of ARCHIVE_SECTIONS) {
    const reach = readable[section];
    if (reach) sections[section] = await (LOAD[section] as Loader)(ctx, student, reach);
  }
  return sections as ArchiveSections;
}

/**
 * One student's archive (一生一档): only the sections the reader's roles read (core's READERS); the rest
 * are absent, not empty, so a reader cannot tell an empty section from one withheld. Each section read is
 * its own audit row, under the kind of record it holds.
 */
export async function readArchive(ctx: ServiceContext, studentId: string) {
  const { student, placement, binding, readable } = await openArchive(ctx, studentId);
  const sections = await loadSections(ctx, student, readable);
  for (const section of ARCHIVE_SECTIONS) {
    if (!readable[section]) continue;
    await ctx.audit(ctx.db, {
      action: 'archive.read',
      targetType: AUDIT_TARGET[section],
      targetId: student.id,
      placement,
      binding,
      detail: { section, reach: readable[section] },
    });
  }
  return {
    studentId: student.id,
    studentName: student.name,
    readable: ARCHIVE_SECTIONS.filter((s) => readable[s]),
    may: {
      recordFamily: authorize(ctx.access.actor, 'family.record', placement).allowed,
      export: authorize(ctx.access.actor, 'archive.export', placement).allowed,
    },
    sections,
  };
}

/** Everything of the archive for the PDF, after the export check; the caller audits the export. */
export async function archiveForExport(ctx: ServiceContext, studentId: string) {
  const student = await studentBase(ctx.db).where('s.id', '=', studentId).executeTakeFirst();
  if (!student) throw notFound();
  const placement = placementOfStudent(student);
  const binding = ctx.access.require('archive.export', placement);
  const sections = await loadSections(ctx, student, readableSections(ctx.access.actor, placement));
  return { student, placement, binding, sections };
}

export type ArchiveContent = Awaited<ReturnType<typeof archiveForExport>>;
