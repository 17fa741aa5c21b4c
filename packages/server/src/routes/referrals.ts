import { CONTACT_METHODS } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable, PageQuery, paged, Uuid } from '../http/schemas.js';
import {
  cancelReferral,
  correctConsent,
  recordConsent,
  recordFeedback,
  recordReturn,
  recordStay,
  rerouteReferral,
} from '../referrals/commands.js';
import { decideMyReferral, listMyReferrals } from '../referrals/guardian.js';
import { listReferralsForDoctor, readReferralPacket } from '../referrals/queries.js';
import { requestContext } from '../services/context.js';

const ReferralItem = Type.Object({
  id: Type.String(),
  student: Type.Object({ name: Type.String(), gender: Type.String(), birthDate: Nullable(Type.String()) }),
  schoolName: Type.String(),
  fastTrack: Type.Boolean(),
  status: Type.String(),
  consentRecordedAt: Type.String(),
  createdAt: Type.String(),
});

/** The hospital's record of an admission. */
const HospitalStay = Type.Object({
  admittedAt: Type.String(),
  dischargedAt: Nullable(Type.String()),
  dischargeSummary: Nullable(Type.String()),
  certificateRef: Nullable(Type.String({ description: 'The return-to-school certificate the doctor issued' })),
});

const Packet = Type.Object({
  ...ReferralItem.properties,
  reason: Type.String(),
  summary: Type.String(),
  screening: Type.Array(
    Type.Object({
      instrument: Type.String(),
      total: Nullable(Type.Integer()),
      band: Nullable(Type.String()),
      bandLabel: Nullable(Type.String({ description: "The band in the caller's language" })),
      critical: Type.Boolean(),
      at: Type.String(),
    }),
  ),
  feedback: Nullable(
    Type.Object({
      visitedAt: Nullable(Type.String()),
      recommendation: Nullable(Type.String()),
      admitted: Nullable(Type.Boolean()),
      at: Type.String(),
    }),
  ),
  stay: Nullable(HospitalStay),
});

/** When a step with the guardian really happened and how the guardian was reached (issue 17.14). */
const WhenAndHow = {
  occurredAt: Type.String({
    format: 'date-time',
    description: 'When it happened; not in the future, not before the case was opened',
  }),
  contactMethod: Type.Union(CONTACT_METHODS.map((m) => Type.Literal(m))),
};

const Reason = Type.String({ minLength: 1, maxLength: 2000 });

/** A referral of a guardian's own child, as the guardian sees it: no case, reason, summary or score. */
const GuardianReferral = Type.Object({
  id: Type.String(),
  student: Type.Object({ id: Type.String(), name: Type.String() }),
  schoolName: Type.String(),
  hospitalName: Type.String(),
  fastTrack: Type.Boolean(),
  createdAt: Type.String(),
  state: Type.Union([Type.Literal('waiting'), Type.Literal('refused'), Type.Literal('consented')]),
  needsDecision: Type.Boolean(),
  decidedAt: Nullable(Type.String()),
  consentText: Type.String({ description: "What the guardian agrees to, in the caller's language" }),
});

/** 转介 and 复学: the school's consent and return records, and the partner hospital's side. */
export async function referralsRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/referrals/:id/consent',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object(
          {
            guardianName: Type.String({ minLength: 1, maxLength: 60 }),
            method: Type.Union([Type.Literal('paper'), Type.Literal('online'), Type.Literal('in_person')]),
            ...WhenAndHow,
            proxyReason: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 500,
                description:
                  'Required when a guardian of the student has an account (and can decide on the phone): why staff record it for them',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String(), consentRecordedAt: Type.String() }) },
      },
    },
    (req) => recordConsent(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/referrals/:id/return',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object(
          {
            ...WhenAndHow,
            certificateRef: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            reassessment: Type.String({ minLength: 1, maxLength: 8000 }),
            returnPlan: Type.String({ minLength: 1, maxLength: 8000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), state: Type.String() }) },
      },
    },
    (req) => recordReturn(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/referrals/:id/consent/correction',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object(
          {
            guardianName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
            method: Type.Optional(
              Type.Union([Type.Literal('paper'), Type.Literal('online'), Type.Literal('in_person')]),
            ),
            occurredAt: Type.Optional(WhenAndHow.occurredAt),
            contactMethod: Type.Optional(WhenAndHow.contactMethod),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    (req) => correctConsent(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/referrals/:id/cancel',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String(), state: Type.String() }) },
      },
    },
    (req) => cancelReferral(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/referrals/:id/reroute',
    {
      config: { policy: 'case.manage' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object({ hospitalId: Uuid, reason: Reason }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.String(),
            referralId: Type.String({ description: 'The new referral, to the other hospital' }),
          }),
        },
      },
    },
    (req) => rerouteReferral(requestContext(req, db), req.params.id, req.body),
  );

  api.get(
    '/v1/referrals',
    {
      config: { policy: 'referral.read' },
      schema: {
        tags: ['referrals'],
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: paged(ReferralItem) },
      },
    },
    (req) => listReferralsForDoctor(requestContext(req, db), req.query),
  );

  api.get(
    '/v1/referrals/:id',
    {
      config: { policy: 'referral.read' },
      schema: { tags: ['referrals'], params: IdParams, response: { 200: Packet } },
    },
    (req) => readReferralPacket(requestContext(req, db), req.params.id),
  );

  api.put(
    '/v1/referrals/:id/stay',
    {
      config: { policy: 'referral.feedback' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object(
          {
            admittedAt: Type.String({ format: 'date-time' }),
            dischargedAt: Type.Optional(Type.String({ format: 'date-time' })),
            dischargeSummary: Type.Optional(Type.String({ minLength: 1, maxLength: 8000 })),
            certificateRef: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    (req) => recordStay(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/referrals/:id/feedback',
    {
      config: { policy: 'referral.feedback' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object(
          {
            visitedAt: Type.String({ format: 'date-time' }),
            recommendation: Type.String({ minLength: 1, maxLength: 8000 }),
            admitted: Type.Boolean(),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String(), feedbackAt: Type.String() }) },
      },
    },
    (req) => recordFeedback(requestContext(req, db), req.params.id, req.body),
  );

  api.get(
    '/v1/my/referrals',
    {
      config: { policy: 'referral.consent' },
      schema: { tags: ['referrals'], response: { 200: Type.Object({ items: Type.Array(GuardianReferral) }) } },
    },
    (req) => listMyReferrals(requestContext(req, db)),
  );

  api.post(
    '/v1/my/referrals/:id/decision',
    {
      config: { policy: 'referral.consent' },
      schema: {
        tags: ['referrals'],
        params: IdParams,
        body: Type.Object({ consent: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.String(),
            decision: Type.Union([Type.Literal('granted'), Type.Literal('refused')]),
          }),
        },
      },
    },
    (req) => decideMyReferral(requestContext(req, db), req.params.id, req.body.consent),
  );
}
