import type { Kysely } from 'kysely';
import { cm } from '../cases/messages.js';
import type { Database } from '../db/types.js';
import { notFound } from '../http/problem.js';
import type { Locale } from '../http/locale.js';
import type { ServiceContext } from '../services/context.js';
import { decideAsGuardian } from './commands.js';

/**
 * A guardian's side of their children's referrals: what waits for their consent, with the consent text,
 * and their decision. The guardian sees the school, the hospital and what will be shared, never the case,
 * the reason, the summary or any score: the consent text names what is shared, not its content.
 */
type Db = Kysely<Database>;

/** The children a guardian decides for: their person-scoped bindings. Staff hold none. */
function childrenOf(ctx: ServiceContext): string[] {
  return ctx.access
    .scopes('referral.consent')
    .filter((s) => s.level === 'person')
    .map((s) => s.id);
}

export function referralConsentText(locale: Locale, p: { school: string; child: string; hospital: string }): string {
  return cm('consent.referral.text', locale, p);
}

type GuardianReferralState = 'waiting' | 'refused' | 'consented';

export async function listMyReferrals(ctx: ServiceContext) {
  const childIds = childrenOf(ctx);
  if (childIds.length === 0) return { items: [] };
  const rows = await ctx.db
    .selectFrom('referral as r')
    .innerJoin('student as s', 's.id', 'r.student_id')
    .innerJoin('org_unit as sch', 'sch.id', 'r.school_id')
    .innerJoin('hospital as h', 'h.id', 'r.hospital_id')
    .select([
      'r.id',
      'r.status',
      'r.fast_track',
      'r.created_at',
      'r.consent_recorded_at',
      'r.refused_at',
      'r.city_id',
      'r.district_id',
      'r.school_id',
      's.id as student_id',
      's.name as student_name',
      'sch.name_zh as school_name',
      'h.name_zh as hospital_name',
    ])
    .where('r.student_id', 'in', childIds)
    // Waiting for the guardian, or consented and not yet answered: what the guardian still needs to know.
    .where('r.status', 'in', ['awaiting_consent', 'sent'])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .execute();
  const items = rows.map((r) => {
    const state: GuardianReferralState = r.consent_recorded_at ? 'consented' : r.refused_at ? 'refused' : 'waiting';
    return {
      id: r.id,
      student: { id: r.student_id, name: r.student_name },
      schoolName: r.school_name,
      hospitalName: r.hospital_name,
      fastTrack: r.fast_track,
      createdAt: r.created_at.toISOString(),
      state,
      needsDecision: state !== 'consented',
      decidedAt: (r.consent_recorded_at ?? r.refused_at)?.toISOString() ?? null,
      consentText: referralConsentText(ctx.locale, {
        school: r.school_name,
        child: r.student_name,
        hospital: r.hospital_name,
      }),
    };
  });
  for (const r of rows)
    await ctx.audit(ctx.db, {
      action: 'referral.guardian.read',
      targetType: 'referral',
      targetId: r.id,
      placement: { cityId: r.city_id, districtId: r.district_id, schoolId: r.school_id },
    });
  return { items };
}

/** The guardian's decision; the guardian is the signed-in account's, never one named in the request. */
export async function decideMyReferral(ctx: ServiceContext, referralId: string, consent: boolean) {
  const guardian = await guardianOfAccount(ctx.db, ctx.actorId);
  if (!guardian) throw notFound();
  return decideAsGuardian(ctx, referralId, guardian, consent);
}

async function guardianOfAccount(db: Db, userId: string) {
  return db
    .selectFrom('user_account as u')
    .innerJoin('guardian as g', 'g.id', 'u.guardian_id')
    .select(['g.id', 'g.name'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}
