import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { declineScreening, decideConsent, guardianConsents } from '../screening/campaigns/consent-decisions.js';
import { Bilingual, CampaignKind, CampaignStatusSchema, Respondent } from '../screening/campaigns/schemas.js';
import { requestContext } from '../services/context.js';

const ConsentStatus = Type.Union([
  Type.Literal('not_required'),
  Type.Literal('pending'),
  Type.Literal('granted'),
  Type.Literal('refused'),
]);
const Decision = Type.Union([Type.Literal('granted'), Type.Literal('refused'), Type.Literal('withdrawn')]);
const Method = Type.Union([Type.Literal('online'), Type.Literal('paper')]);

const ConsentBody = Type.Object(
  {
    studentId: Uuid,
    decision: Decision,
    /** Guardians consent `online`, staff record `paper` forms; left out, it follows from who records. */
    method: Type.Optional(Method),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

const ConsentResult = Type.Object({
  campaignId: Type.String(),
  studentId: Type.String(),
  decision: Decision,
  method: Method,
  consentStatus: ConsentStatus,
  recordedAt: Type.String({ format: 'date-time' }),
});

const DeclineBody = Type.Object({ undo: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const DeclineResult = Type.Object({
  campaignId: Type.String(),
  status: Type.Union([Type.Literal('declined'), Type.Literal('pending'), Type.Literal('in_progress')]),
});

const MyConsent = Type.Object({
  campaignId: Type.String(),
  campaignName: Type.String(),
  kind: CampaignKind,
  status: CampaignStatusSchema,
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  noticeZh: Type.String(),
  noticeEn: Type.String(),
  student: Type.Object({ id: Type.String(), name: Type.String() }),
  consentStatus: ConsentStatus,
  needsDecision: Type.Boolean(),
  lastDecision: Type.Union([
    Type.Object({ decision: Decision, method: Method, recordedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ]),
  instruments: Type.Array(
    Type.Object({ code: Type.String(), shortName: Type.String(), name: Bilingual, respondent: Respondent }),
  ),
});

export async function consentRoutes(api: Api, { db }: AppDeps) {
  api.post(
    '/v1/campaigns/:id/consents',
    {
      config: { policy: 'consent.record' },
      schema: { tags: ['consent'], params: IdParams, body: ConsentBody, response: { 200: ConsentResult } },
    },
    (req) => decideConsent(requestContext(req, db), req.params.id, req.body),
  );

  api.post(
    '/v1/campaigns/:id/decline',
    {
      config: { policy: 'screening.take' },
      schema: { tags: ['consent'], params: IdParams, body: DeclineBody, response: { 200: DeclineResult } },
    },
    (req) => declineScreening(requestContext(req, db), req.params.id, req.body.undo ?? false),
  );

  api.get(
    '/v1/my/consents',
    {
      config: { policy: 'consent.record' },
      schema: { tags: ['consent'], response: { 200: Type.Object({ items: Type.Array(MyConsent) }) } },
    },
    (req) => guardianConsents(requestContext(req, db)),
  );
}
