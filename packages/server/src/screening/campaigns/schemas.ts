import { Type } from 'typebox';
import { Nullable } from '../../http/schemas.js';

/** HTTP shapes shared by the campaign, consent, completion and settings routes (the web reads them from OpenAPI). */

export const CampaignKind = Type.Union([
  Type.Literal('universal'),
  Type.Literal('intake'),
  Type.Literal('targeted'),
  Type.Literal('monitoring'),
]);
export const CampaignStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('scheduled'),
  Type.Literal('open'),
  Type.Literal('closed'),
  Type.Literal('cancelled'),
]);
export const Respondent = Type.Union([Type.Literal('self'), Type.Literal('guardian')]);
export const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });

export const InstrumentSetBody = Type.Object(
  {
    gradeFrom: Type.Integer({ minimum: 1, maximum: 12 }),
    gradeTo: Type.Integer({ minimum: 1, maximum: 12 }),
    respondent: Respondent,
    instruments: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const UnitRef = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
});

const summaryProps = {
  id: Type.String(),
  name: Type.String(),
  kind: CampaignKind,
  status: CampaignStatusSchema,
  owner: UnitRef,
  schoolYear: Type.String(),
  term: Nullable(Type.Integer()),
  opensAt: Type.String({ format: 'date-time' }),
  closesAt: Type.String({ format: 'date-time' }),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  targets: Type.Array(UnitRef),
  studentCount: Type.Integer(),
  /** Whether the caller may change, publish or cancel it. */
  canManage: Type.Boolean(),
};

export const CampaignSummarySchema = Type.Object(summaryProps);

export const CampaignDetailSchema = Type.Object({
  ...summaryProps,
  noticeZh: Type.String(),
  noticeEn: Type.String(),
  consentRequiredUnderAge: Type.Integer(),
  instrumentSets: Type.Array(
    Type.Object({
      gradeFrom: Type.Integer(),
      gradeTo: Type.Integer(),
      respondent: Respondent,
      instruments: Type.Array(
        Type.Object({ code: Type.String(), version: Type.Integer(), shortName: Type.String(), name: Bilingual }),
      ),
    }),
  ),
  students: Type.Array(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  assignmentCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const CompletionCountsProps = {
  invited: Type.Integer(),
  completed: Type.Integer(),
  inProgress: Type.Integer(),
  notStarted: Type.Integer(),
  declined: Type.Integer(),
  consentPending: Type.Integer(),
  consentRefused: Type.Integer(),
  completionRate: Type.Number(),
};
