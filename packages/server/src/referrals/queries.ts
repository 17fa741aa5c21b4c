import { bandLabel } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import { decryptOptional, decryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import { notFound, Problem } from '../http/problem.js';
import type { ServiceContext } from '../services/context.js';
import { placementOf } from '../org/placement.js';

/** The hospital's side of referrals: what a partner hospital's doctor may see, and nothing before consent. */
type Db = Kysely<Database>;

/** Referrals the doctor may see: to their hospital, and only after the guardian's consent is recorded. */
function doctorQuery(db: Db) {
  return db
    .selectFrom('referral as r')
    .innerJoin('student as s', 's.id', 'r.student_id')
    .innerJoin('org_unit as sch', 'sch.id', 'r.school_id')
    .selectAll('r')
    .select(['s.name as student_name', 's.gender', 's.birth_date', 'sch.name_zh as school_name'])
    .where('r.consent_recorded_at', 'is not', null);
}
type DoctorRow = Awaited<ReturnType<ReturnType<typeof doctorQuery>['executeTakeFirstOrThrow']>>;

function item(r: DoctorRow) {
  return {
    id: r.id,
    student: { name: r.student_name, gender: r.gender, birthDate: r.birth_date },
    schoolName: r.school_name,
    fastTrack: r.fast_track,
    status: r.status,
    consentRecordedAt: r.consent_recorded_at!.toISOString(),
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * A consented referral, for the hospital. Before consent it does not exist for the hospital: the same 404
 * as another hospital's; the caller checks the doctor's scope on it.
 */
export async function findConsentedReferral(
  ctx: ServiceContext,
  db: Db,
  id: string,
  action: 'referral.read' | 'referral.feedback',
  lock = false,
): Promise<DoctorRow> {
  let q = doctorQuery(db).where('r.id', '=', id);
  if (lock) q = q.forUpdate('r');
  const r = await q.executeTakeFirst();
  if (!r) {
    if (!ctx.access.can(action)) throw new Problem('forbidden');
    throw notFound();
  }
  return r;
}

export async function listReferralsForDoctor(ctx: ServiceContext, query: { page?: number; pageSize?: number }) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = doctorQuery(ctx.db).where(ctx.access.filter('referral.read', { hospital: 'r.hospital_id' }));
  const { total } = (await q
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirst()) ?? { total: 0 };
  const rows = await q
    .orderBy('r.consent_recorded_at', 'desc')
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const items = rows.map(item);
  await ctx.audit(ctx.db, {
    action: 'referral.list',
    targetType: 'referrals',
    detail: { returned: items.map((i) => i.id) },
  });
  return { items, total, page, pageSize };
}

/** The referral packet: reason, summary, recent screening and the hospital's own answer. */
export async function readReferralPacket(ctx: ServiceContext, id: string) {
  const r = await findConsentedReferral(ctx, ctx.db, id, 'referral.read');
  const binding = ctx.access.require('referral.read', { cityId: r.city_id, hospitalId: r.hospital_id });
  const screening = await ctx.db
    .selectFrom('screening_response')
    .select(['instrument_code', 'total', 'band', 'critical_flags', 'submitted_at'])
    .where('student_id', '=', r.student_id)
    .where('valid', '=', true)
    .orderBy('submitted_at', 'desc')
    .limit(10)
    .execute();
  await ctx.audit(ctx.db, {
    action: 'referral.read',
    targetType: 'referral',
    targetId: r.id,
    placement: placementOf(r),
    binding,
    detail: { studentId: r.student_id },
  });
  return {
    ...item(r),
    reason: decryptText(r.reason_enc),
    summary: decryptText(r.summary_enc),
    screening: screening.map((s) => ({
      instrument: s.instrument_code,
      total: s.total,
      band: s.band,
      bandLabel: s.band ? bandLabel(s.instrument_code, s.band, ctx.locale) : null,
      critical: s.critical_flags.length > 0,
      at: s.submitted_at.toISOString(),
    })),
    feedback: r.feedback_at
      ? {
          visitedAt: r.visited_at?.toISOString() ?? null,
          recommendation: decryptOptional(r.recommendation_enc),
          admitted: r.admitted,
          at: r.feedback_at.toISOString(),
        }
      : null,
    stay: stayView(r),
  };
}

/** The hospital's record of an admission, for the doctor and for the school's case page. */
export function stayView(r: {
  admitted_at: Date | null;
  discharged_at: Date | null;
  discharge_summary_enc: string | null;
  hospital_certificate_ref: string | null;
}) {
  return r.admitted_at
    ? {
        admittedAt: r.admitted_at.toISOString(),
        dischargedAt: r.discharged_at?.toISOString() ?? null,
        dischargeSummary: decryptOptional(r.discharge_summary_enc),
        certificateRef: r.hospital_certificate_ref,
      }
    : null;
}
