import {
  type ContactMethod,
  decide,
  decideReferral,
  returnRecordComplete,
  type CaseState,
  type ReferralStatus,
} from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import { allowed, occurredAt, referralAllowed, runCaseCommand, stateChanged } from '../cases/command.js';
import { caseFacts, findCase, findReferral, writeState } from '../cases/store.js';
import { encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { ServiceContext } from '../services/context.js';
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
}

export function recordConsent(
  ctx: ServiceContext,
  referralId: string,
  input: ConsentInput,
): Promise<{ id: string; status: ReferralStatus; consentRecordedAt: string }> {
  return runCaseCommand(
    ctx,
    { policy: 'case.manage', find: lockedReferral(referralId, false) },
    async (tx, { r, c }) => {
      // A retried consent finds it recorded and answers the same.
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
      const given = occurredAt(ctx.locale, input.occurredAt, c, at);
      await tx
        .updateTable('referral')
        .set({
          consent_given_at: given,
          consent_contact_method: input.contactMethod,
          consent_recorded_at: at,
          consent_recorded_by: ctx.actorId,
          consent_guardian_name: input.guardianName,
          consent_method: input.method,
          status: move.to,
        })
        .where('id', '=', r.id)
        .execute();
      // Consent to a referral is a contact with the guardian: the guardian is informed of the case.
      await tx
        .updateTable('care_case')
        .set({ guardian_informed_at: sql<Date>`coalesce(guardian_informed_at, ${given})`, updated_at: at })
        .where('id', '=', c.id)
        .execute();
      return {
        result: { id: r.id, status: move.to, consentRecordedAt: at.toISOString() },
        events: [
          {
            type: 'referral_consent',
            payload: {
              referralId: r.id,
              method: input.method,
              guardianName: input.guardianName,
              occurredAt: given.toISOString(),
              contactMethod: input.contactMethod,
            },
          },
        ],
        audit: {
          action: 'referral.consent',
          targetType: 'referral',
          targetId: r.id,
          detail: {
            caseId: c.id,
            method: input.method,
            occurredAt: given.toISOString(),
            contactMethod: input.contactMethod,
          },
        },
      };
    },
  );
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
      const certificate = Boolean(input.certificateRef);
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
          certificate_ref: input.certificateRef ?? null,
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
              certificateRef: input.certificateRef ?? null,
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
