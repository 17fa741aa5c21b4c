import {
  type ContactMethod,
  decide,
  decideReferral,
  REFERRAL_INITIAL_STATUS,
  returnRecordComplete,
  type CaseState,
  type OrgPlacement,
  type ReferralStatus,
} from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import {
  allowed,
  occurredAt,
  referralAllowed,
  runCaseCommand,
  stateChanged,
  type AlreadyDone,
  type CommandDone,
} from '../cases/command.js';
import { caseProblem, cm } from '../cases/messages.js';
import type { ReferralNotificationPayload } from '../warning/channels.js';
import { enqueueNotifications, usersWithRole } from '../warning/notify.js';
import { getWarningSettings } from '../warning/settings.js';
import {
  caseFacts,
  findCase,
  findReferral,
  tenantOf,
  writeState,
  type CaseRow,
  type ReferralRow,
} from '../cases/store.js';
import { encryptOptional, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';
import { noticeOnCase } from '../cases/notices.js';
import { guardianAccountsOf, notifyGuardiansOfReferral, schoolPsychTeachers } from './guardian-notices.js';
import { findConsentedReferral } from './queries.js';

/**
 * 转介 and 复学 after the referral is written: the guardian's consent and the return to school (the school's
 * side), the doctor's answer (the hospital's). Each moves the referral only through core's
 * `decideReferral` and goes through the case command helper, so its timeline entry and audit row are kept.
 */
type Db = Kysely<Database>;

const lockedReferral = (referralId: string, lockCase: boolean) => async (tx: Db) => {
  const r = await findReferral(tx, referralId, true);
  return { r, c: await findCase(tx, r.case_id, lockCase) };
};

export interface ConsentInput {
  guardianName: string;
  method: 'paper' | 'online' | 'in_person';
  /** When the guardian really consented; not in the future, not before the case was opened. */
  occurredAt: string;
  contactMethod: ContactMethod;
  /**
   * Why staff record it on the guardian's behalf when the guardian has an account and could consent on the
   * phone themself (a paper form signed at a meeting, a grandparent without a phone).
   */
  proxyReason?: string;
}

type ConsentResult = { id: string; status: ReferralStatus; consentRecordedAt: string };

/** A consent as it is applied: who gave it, how, when, and who wrote it down. */
interface ConsentFacts {
  guardianName: string;
  method: ConsentInput['method'];
  given: Date;
  contactMethod: ContactMethod;
  /** The guardian who consented in the app themself; null when staff write down a consent. */
  guardianId: string | null;
  proxyReason: string | null;
}

/**
 * The one rule of a referral's consent, whoever records it (the school's staff or the guardian on the
 * phone): core decides the move, the referral is sent, the hospital's doctors are told, and the case counts
 * the guardian as informed. A consent already recorded answers the same (a retry, or the other parent).
 */
async function applyConsent(
  ctx: ServiceContext,
  tx: Db,
  { r, c }: { r: ReferralRow; c: CaseRow },
  f: ConsentFacts,
): Promise<CommandDone<ConsentResult> | AlreadyDone<ConsentResult>> {
  if (r.consent_recorded_at)
    return {
      alreadyDone: true,
      result: { id: r.id, status: r.status, consentRecordedAt: r.consent_recorded_at.toISOString() },
    };
  const move = referralAllowed(
    ctx.locale,
    decideReferral('record_consent', { status: r.status, admitted: r.admitted }),
  );
  const at = ctx.clock();
  await tx
    .updateTable('referral')
    .set({
      consent_given_at: f.given,
      consent_contact_method: f.contactMethod,
      consent_recorded_at: at,
      consent_recorded_by: ctx.actorId,
      consent_guardian_name: f.guardianName,
      consent_method: f.method,
      consent_guardian_id: f.guardianId,
      consent_proxy_reason_enc: encryptOptional(f.proxyReason ?? undefined),
      // A consent after a refusal replaces it: the guardian changed their mind.
      refused_at: null,
      refused_by_guardian: null,
      status: move.to,
    })
    .where('id', '=', r.id)
    .execute();
  // The hospital may now see the referral: its doctors are told, in this transaction, through the outbox.
  await notifyReferralReceived(tx, r);
  // Consent to a referral is a contact with the guardian: the guardian is informed of the case.
  await tx
    .updateTable('care_case')
    .set({ guardian_informed_at: sql<Date>`coalesce(guardian_informed_at, ${f.given})`, updated_at: at })
    .where('id', '=', c.id)
    .execute();
  const byGuardian = f.guardianId !== null;
  return {
    result: { id: r.id, status: move.to, consentRecordedAt: at.toISOString() },
    events: [
      {
        type: 'referral_consent',
        payload: {
          referralId: r.id,
          method: f.method,
          guardianName: f.guardianName,
          occurredAt: f.given.toISOString(),
          contactMethod: f.contactMethod,
          byGuardian,
          onBehalf: f.proxyReason !== null,
        },
        note: f.proxyReason,
      },
    ],
    audit: {
      action: 'referral.consent',
      targetType: 'referral',
      targetId: r.id,
      detail: {
        caseId: c.id,
        method: f.method,
        occurredAt: f.given.toISOString(),
        contactMethod: f.contactMethod,
        byGuardian,
        onBehalf: f.proxyReason !== null,
      },
    },
  };
}

/**
 * Staff write down a guardian's consent (a paper form, in person, on the phone). When the guardian has an
 * account and can decide in the app, staff need a reason to do it for them: the decision is the guardian's.
 */
export function recordConsent(ctx: ServiceContext, referralId: string, input: ConsentInput): Promise<ConsentResult> {
  return runCaseCommand(ctx, { policy: 'case.manage', find: lockedReferral(referralId, false) }, async (tx, found) => {
    const proxyReason = input.proxyReason?.trim() || null;
    if (!found.r.consent_recorded_at && !proxyReason && (await guardianAccountsOf(tx, found.r.student_id)).length > 0)
      throw caseProblem(ctx.locale, 'validation', 'referral.proxy-reason-required', undefined, '/proxyReason');
    const given = occurredAt(ctx.locale, input.occurredAt, found.c, ctx.clock());
    return applyConsent(ctx, tx, found, {
      guardianName: input.guardianName,
      method: input.method,
      given,
      contactMethod: input.contactMethod,
      guardianId: null,
      proxyReason,
    });
  });
}

type GuardianDecision = { id: string; status: ReferralStatus; decision: 'granted' | 'refused' };

/**
 * A guardian's own decision on a referral of their child, in the app. Consent goes through the same rule as
 * staff's; a refusal is written down and the referral keeps waiting, so the school can talk with the family
 * and cancel or re-route it. Another family's referral is the same 404 as one that does not exist.
 */
export function decideAsGuardian(
  ctx: ServiceContext,
  referralId: string,
  guardian: { id: string; name: string },
  consent: boolean,
): Promise<GuardianDecision> {
  return runCaseCommand<{ r: ReferralRow; c: CaseRow }, GuardianDecision>(
    ctx,
    {
      policy: 'referral.consent',
      find: lockedReferral(referralId, false),
      placement: ({ r }) => placementOfReferralStudent(r),
    },
    async (tx, found) => {
      const { r, c } = found;
      if (consent) {
        const done = await applyConsent(ctx, tx, found, {
          guardianName: guardian.name,
          method: 'online',
          given: ctx.clock(),
          contactMethod: 'online',
          guardianId: guardian.id,
          proxyReason: null,
        });
        return 'alreadyDone' in done
          ? { alreadyDone: true, result: { id: done.result.id, status: done.result.status, decision: 'granted' } }
          : { ...done, result: { id: done.result.id, status: done.result.status, decision: 'granted' } };
      }
      // Once consented, a refusal is no longer a decision on the referral: the school cancels it.
      if (r.consent_recorded_at) throw caseProblem(ctx.locale, 'conflict', 'referral.guardian-already-consented');
      referralAllowed(ctx.locale, decideReferral('record_consent', { status: r.status, admitted: r.admitted }));
      if (r.refused_at) return { alreadyDone: true, result: { id: r.id, status: r.status, decision: 'refused' } };
      const at = ctx.clock();
      await tx
        .updateTable('referral')
        .set({ refused_at: at, refused_by_guardian: guardian.id })
        .where('id', '=', r.id)
        .execute();
      await noticeOnCase(tx, c, 'referral.consent_refused', await schoolPsychTeachers(tx, c), ctx.actorId, r.id);
      return {
        result: { id: r.id, status: r.status, decision: 'refused' },
        events: [{ type: 'referral_consent_refused', payload: { referralId: r.id, guardianName: guardian.name } }],
        audit: { action: 'referral.consent.refuse', targetType: 'referral', targetId: r.id, detail: { caseId: c.id } },
      };
    },
  );
}

/** Where a referral sits for a person-scoped guardian: their child's placement. */
function placementOfReferralStudent(r: ReferralRow): OrgPlacement {
  return {
    cityId: r.city_id,
    districtId: r.district_id,
    schoolId: r.school_id,
    personId: r.student_id,
  };
}

export interface ReturnInput {
  /** When the student really came back (the return meeting); not in the future, not before the case. */
  occurredAt: string;
  contactMethod: ContactMethod;
  certificateRef?: string;
  reassessment: string;
  returnPlan: string;
}

/** 复学: the referral is finished and the case goes back to intervention, both or neither. */
export function recordReturn(
  ctx: ServiceContext,
  referralId: string,
  input: ReturnInput,
): Promise<{ id: string; state: CaseState }> {
  return runCaseCommand(
    ctx,
    { policy: 'case.manage', find: lockedReferral(referralId, true) },
    async (tx, { r, c }) => {
      const returnedOn = occurredAt(ctx.locale, input.occurredAt, c, ctx.clock());
      // The certificate the doctor issued counts as given; the school types a number only when there is none.
      const certificateRef = input.certificateRef ?? r.hospital_certificate_ref ?? undefined;
      const certificate = Boolean(certificateRef);
      const finished = referralAllowed(
        ctx.locale,
        decideReferral('record_return', { status: r.status, admitted: r.admitted, certificateGiven: certificate }),
      );
      const facts = await caseFacts(tx, c);
      // The machine judges the case with the 复学 record this request brings.
      const returnRecorded = returnRecordComplete({
        admitted: r.admitted,
        certificate,
        reassessment: true,
        returnPlan: true,
      });
      const asked = { ...facts, referral: facts.referral && { ...facts.referral, returnRecorded } };
      const move = allowed(ctx.locale, decide('return_to_school', asked), asked);
      const at = ctx.clock();
      await tx
        .updateTable('referral')
        .set({
          certificate_ref: certificateRef ?? null,
          reassessment_enc: encryptText(input.reassessment),
          return_plan_enc: encryptText(input.returnPlan),
          status: finished.to,
          returned_at: at,
          return_occurred_at: returnedOn,
          return_method: input.contactMethod,
        })
        .where('id', '=', r.id)
        .execute();
      await writeState(tx, c, move.to, at);
      return {
        result: { id: c.id, state: move.to },
        events: [
          stateChanged('return_to_school', move, { payload: { referralId: r.id } }),
          {
            type: 'returned_to_school',
            payload: {
              referralId: r.id,
              certificateRef: certificateRef ?? null,
              occurredAt: returnedOn.toISOString(),
              contactMethod: input.contactMethod,
            },
            note: `${input.reassessment}\n\n${input.returnPlan}`,
          },
        ],
        audit: {
          action: 'referral.return',
          targetType: 'referral',
          targetId: r.id,
          detail: {
            caseId: c.id,
            certificate,
            occurredAt: returnedOn.toISOString(),
            contactMethod: input.contactMethod,
          },
        },
      };
    },
  );
}

export interface FeedbackInput {
  visitedAt: string;
  recommendation: string;
  admitted: boolean;
}

/** The partner hospital's answer; it reaches the case's timeline. */
export function recordFeedback(
  ctx: ServiceContext,
  referralId: string,
  input: FeedbackInput,
): Promise<{ id: string; status: ReferralStatus; feedbackAt: string }> {
  return runCaseCommand(
    ctx,
    {
      policy: 'referral.feedback',
      find: async (tx) => {
        const r = await findConsentedReferral(ctx, tx, referralId, 'referral.feedback', true);
        return { r, c: await findCase(tx, r.case_id) };
      },
      placement: ({ r }) => ({ cityId: r.city_id, hospitalId: r.hospital_id }),
    },
    async (tx, { r }) => {
      const move = referralAllowed(
        ctx.locale,
        decideReferral('record_feedback', { status: r.status, admitted: r.admitted }),
      );
      const at = ctx.clock();
      await tx
        .updateTable('referral')
        .set({
          visited_at: new Date(input.visitedAt),
          recommendation_enc: encryptText(input.recommendation),
          admitted: input.admitted,
          feedback_by: ctx.actorId,
          feedback_at: at,
          status: move.to,
        })
        .where('id', '=', r.id)
        .execute();
      return {
        result: { id: r.id, status: move.to, feedbackAt: at.toISOString() },
        events: [
          {
            type: 'referral_feedback',
            payload: { referralId: r.id, visitedAt: input.visitedAt, admitted: input.admitted },
            note: input.recommendation,
          },
        ],
        audit: {
          action: 'referral.feedback',
          targetType: 'referral',
          targetId: r.id,
          detail: { admitted: input.admitted },
        },
      };
    },
  );
}

/** The referral's facts for core's rules, with what this request brings. */
const referralFacts = (r: ReferralRow, extra: { reasonGiven?: boolean; sameHospital?: boolean } = {}) => ({
  status: r.status,
  admitted: r.admitted,
  ...extra,
});

/**
 * Cancels a referral before the student is admitted (the guardian declines, the risk passed): it ends with
 * its reason, and the case goes back to intervention. Both or neither, by core's two machines.
 */
export function cancelReferral(
  ctx: ServiceContext,
  referralId: string,
  input: { reason: string },
): Promise<{ id: string; status: ReferralStatus; state: CaseState }> {
  return runCaseCommand(
    ctx,
    { policy: 'case.manage', find: lockedReferral(referralId, true) },
    async (tx, { r, c }) => {
      const reason = input.reason.trim();
      const ended = referralAllowed(
        ctx.locale,
        decideReferral('cancel', referralFacts(r, { reasonGiven: reason.length > 0 })),
      );
      const facts = await caseFacts(tx, c, true);
      const move = allowed(ctx.locale, decide('cancel_referral', facts), facts);
      const at = ctx.clock();
      await tx
        .updateTable('referral')
        .set({ status: ended.to, ended_at: at, ended_by: ctx.actorId, end_reason_enc: encryptText(reason) })
        .where('id', '=', r.id)
        .execute();
      await writeState(tx, c, move.to, at);
      return {
        result: { id: r.id, status: ended.to, state: move.to },
        events: [
          stateChanged('cancel_referral', move, { payload: { referralId: r.id, from: r.status }, note: reason }),
        ],
        audit: {
          action: 'referral.cancel',
          targetType: 'referral',
          targetId: r.id,
          detail: { caseId: c.id, from: r.status, caseFrom: c.state, caseTo: move.to },
        },
      };
    },
  );
}

/**
 * Re-routes a referral to another partner hospital before the student is admitted. This one ends as
 * `rerouted`; a new referral with the same reason and summary goes to the other hospital and waits for the
 * guardian's consent again, because consent is given to one hospital: the first one's doctor keeps seeing
 * only what was sent to them, the second sees nothing before that consent. The case stays referred.
 */
export function rerouteReferral(
  ctx: ServiceContext,
  referralId: string,
  input: { hospitalId: string; reason: string },
): Promise<{ id: string; status: ReferralStatus; referralId: string }> {
  return runCaseCommand(
    ctx,
    { policy: 'case.manage', find: lockedReferral(referralId, true) },
    async (tx, { r, c }) => {
      const hospital = await tx
        .selectFrom('hospital')
        .select(['id', 'name_zh'])
        .where('id', '=', input.hospitalId)
        .where('city_id', '=', c.city_id)
        // A hospital the city stopped working with (deactivated, 0022) takes no new referrals.
        .where('deactivated_at', 'is', null)
        .executeTakeFirst();
      if (!hospital) throw caseProblem(ctx.locale, 'validation', 'hospital.unknown', undefined, '/hospitalId');
      const reason = input.reason.trim();
      const ended = referralAllowed(
        ctx.locale,
        decideReferral(
          'reroute',
          referralFacts(r, { reasonGiven: reason.length > 0, sameHospital: hospital.id === r.hospital_id }),
        ),
      );
      const at = ctx.clock();
      const next = await tx
        .insertInto('referral')
        .values({
          case_id: c.id,
          ...tenantOf(c),
          student_id: r.student_id,
          hospital_id: hospital.id,
          fast_track: r.fast_track,
          reason_enc: r.reason_enc,
          summary_enc: r.summary_enc,
          status: REFERRAL_INITIAL_STATUS,
          created_by: ctx.actorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('referral')
        .set({
          status: ended.to,
          ended_at: at,
          ended_by: ctx.actorId,
          end_reason_enc: encryptText(reason),
          rerouted_to: next.id,
        })
        .where('id', '=', r.id)
        .execute();
      // Consent is given to one hospital: the guardian is asked again for the new one.
      await notifyGuardiansOfReferral(tx, { ...tenantOf(c), id: next.id, student_id: r.student_id });
      const from = await tx.selectFrom('hospital').select('name_zh').where('id', '=', r.hospital_id).executeTakeFirst();
      return {
        result: { id: r.id, status: ended.to, referralId: next.id },
        events: [
          {
            type: 'referral_rerouted',
            payload: {
              referralId: r.id,
              newReferralId: next.id,
              fromHospital: from?.name_zh ?? null,
              hospital: hospital.name_zh,
            },
            note: reason,
          },
        ],
        audit: {
          action: 'referral.reroute',
          targetType: 'referral',
          targetId: r.id,
          detail: { caseId: c.id, fromHospitalId: r.hospital_id, hospitalId: hospital.id, newReferralId: next.id },
        },
      };
    },
  );
}

export interface ConsentCorrection {
  guardianName?: string;
  method?: ConsentInput['method'];
  occurredAt?: string;
  contactMethod?: ContactMethod;
  reason: string;
}

/**
 * Corrects a consent written down wrongly (the other parent, the wrong day): the fields given replace the
 * recorded ones, the reason is required, and the timeline entry and the audit row keep what was there before.
 */
export function correctConsent(
  ctx: ServiceContext,
  referralId: string,
  input: ConsentCorrection,
): Promise<{ id: string; status: ReferralStatus }> {
  return runCaseCommand(
    ctx,
    { policy: 'case.manage', find: lockedReferral(referralId, false) },
    async (tx, { r, c }) => {
      const reason = input.reason.trim();
      const same = referralAllowed(
        ctx.locale,
        decideReferral('correct_consent', referralFacts(r, { reasonGiven: reason.length > 0 })),
      );
      const now = ctx.clock();
      const givenAt = input.occurredAt === undefined ? undefined : occurredAt(ctx.locale, input.occurredAt, c, now);
      const before = {
        guardianName: r.consent_guardian_name,
        method: r.consent_method,
        occurredAt: r.consent_given_at?.toISOString() ?? null,
        contactMethod: r.consent_contact_method,
      };
      const after = {
        guardianName: input.guardianName ?? before.guardianName,
        method: input.method ?? before.method,
        occurredAt: givenAt?.toISOString() ?? before.occurredAt,
        contactMethod: input.contactMethod ?? before.contactMethod,
      };
      await tx
        .updateTable('referral')
        .set({
          consent_guardian_name: after.guardianName,
          consent_method: after.method,
          consent_given_at: after.occurredAt ? new Date(after.occurredAt) : null,
          consent_contact_method: after.contactMethod,
        })
        .where('id', '=', r.id)
        .execute();
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((k) => after[k] !== before[k]);
      // The audit row names what changed and keeps the old values, except the guardian's name (personal data):
      // the old name stays in the case's own timeline, where the consent entry already shows it.
      const { guardianName: _name, ...beforeOther } = before;
      return {
        result: { id: r.id, status: same.to },
        events: [
          { type: 'referral_consent_corrected', payload: { referralId: r.id, before, after, changed }, note: reason },
        ],
        audit: {
          action: 'referral.consent.correct',
          targetType: 'referral',
          targetId: r.id,
          detail: { caseId: c.id, changed, before: beforeOther },
        },
      };
    },
  );
}

export interface StayInput {
  admittedAt: string;
  dischargedAt?: string;
  dischargeSummary?: string;
  certificateRef?: string;
}

/**
 * The hospital's record of an admission: the dates, and at discharge the summary (encrypted like case notes)
 * and the number of the return-to-school certificate, which the school's return step then takes as given.
 * The doctor may send it again to complete it (the discharge after the admission).
 */
export function recordStay(
  ctx: ServiceContext,
  referralId: string,
  input: StayInput,
): Promise<{ id: string; status: ReferralStatus }> {
  return runCaseCommand(
    ctx,
    {
      policy: 'referral.feedback',
      find: async (tx) => {
        const r = await findConsentedReferral(ctx, tx, referralId, 'referral.feedback', true);
        return { r, c: await findCase(tx, r.case_id) };
      },
      placement: ({ r }) => ({ cityId: r.city_id, hospitalId: r.hospital_id }),
    },
    async (tx, { r, c }) => {
      const stay = {
        admittedAt: new Date(input.admittedAt),
        dischargedAt: input.dischargedAt ? new Date(input.dischargedAt) : null,
        summaryGiven: Boolean(input.dischargeSummary),
        certificateGiven: Boolean(input.certificateRef),
      };
      const same = referralAllowed(
        ctx.locale,
        decideReferral('record_stay', { status: r.status, admitted: r.admitted, stay, now: ctx.clock() }),
      );
      const at = ctx.clock();
      await tx
        .updateTable('referral')
        .set({
          admitted_at: stay.admittedAt,
          discharged_at: stay.dischargedAt,
          discharge_summary_enc: encryptOptional(input.dischargeSummary),
          hospital_certificate_ref: input.certificateRef ?? null,
          stay_recorded_by: ctx.actorId,
          stay_recorded_at: at,
        })
        .where('id', '=', r.id)
        .execute();
      const facts = {
        referralId: r.id,
        admittedAt: stay.admittedAt.toISOString(),
        dischargedAt: stay.dischargedAt?.toISOString() ?? null,
        certificateRef: input.certificateRef ?? null,
      };
      return {
        result: { id: r.id, status: same.to },
        events: [{ type: 'hospital_stay', payload: facts, note: input.dischargeSummary ?? null }],
        audit: {
          action: 'referral.stay',
          targetType: 'referral',
          targetId: r.id,
          detail: { caseId: c.id, ...facts, summary: stay.summaryGiven },
        },
      };
    },
  );
}

/** Tells the hospital's doctors that a consented referral waits for them (issue 17.13). */
async function notifyReferralReceived(tx: Db, r: ReferralRow): Promise<void> {
  const users = await usersWithRole(tx, 'hospital_doctor', 'hospital', r.hospital_id);
  if (users.length === 0) return;
  const { channels } = await getWarningSettings(tx, r.city_id);
  const school = await tx.selectFrom('org_unit').select('name_zh').where('id', '=', r.school_id).executeTakeFirst();
  const both = (text: (l: 'zh-CN' | 'en') => string) => ({ 'zh-CN': text('zh-CN'), en: text('en') });
  const payload: ReferralNotificationPayload = {
    kind: 'referral.received',
    referralId: r.id,
    fastTrack: r.fast_track,
    title: both((l) => cm('notice.referral.title', l)),
    body: both((l) =>
      cm('notice.referral.body', l, {
        school: school?.name_zh ?? '',
        track: cm(r.fast_track ? 'notice.referral.fast' : 'notice.referral.normal', l),
      }),
    ),
  };
  await enqueueNotifications(tx, { users, payload, channels, dedupePrefix: `referral:${r.id}:received` });
}
