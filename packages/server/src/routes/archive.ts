import { ARCHIVE_SECTIONS, CASE_STATES } from '@yuxin/core';
import { Type } from 'typebox';
import { attachmentHeader } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import { readArchive } from '../archive/archive.js';
import { exportArchivePdf } from '../archive/export.js';
import { recordFamilyBackground, recordHomeContact } from '../archive/family.js';
import { CaseSummary, ReferralView } from '../cases/views.js';
import type { Api } from '../http/api.js';
import { IdParams, Nullable } from '../http/schemas.js';
import { requestContext } from '../services/context.js';

const HOME_CONTACT_MODES = ['visit', 'phone', 'online'] as const;
const Text = Type.String({ minLength: 1, maxLength: 8000 });

const Profile = Type.Object({
  id: Type.String(),
  studentNo: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  birthDate: Nullable(Type.String()),
  schoolName: Type.String(),
  gradeName: Type.String(),
  className: Type.String(),
  districtName: Type.String(),
  careTags: Type.Array(Type.String()),
  boarding: Type.Boolean(),
  status: Type.String(),
  guardians: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), relation: Type.String(), phone: Type.String() }),
  ),
  enrollments: Type.Array(
    Type.Object({
      schoolYear: Type.String(),
      schoolName: Type.String(),
      gradeName: Type.String(),
      className: Type.String(),
      from: Type.String(),
      to: Nullable(Type.String()),
    }),
  ),
});
const Screenings = Type.Object({
  series: Type.Array(
    Type.Object({
      instrument: Type.String(),
      points: Type.Array(
        Type.Object({
          responseId: Type.String(),
          at: Type.String(),
          total: Nullable(Type.Number()),
          band: Nullable(Type.String()),
          valid: Type.Boolean(),
          campaignKind: Nullable(Type.String()),
          critical: Type.Boolean(),
        }),
      ),
    }),
  ),
});
const Tiers = Type.Object({
  current: Nullable(Type.Integer()),
  confirmedAt: Nullable(Type.String()),
  history: Type.Array(
    Type.Object({
      id: Type.String(),
      campaignName: Nullable(Type.String()),
      suggestedTier: Nullable(Type.Integer()),
      confirmedTier: Nullable(Type.Integer()),
      reviewReason: Nullable(Type.String()),
      reviewedBy: Nullable(Type.String()),
      reviewedAt: Nullable(Type.String()),
    }),
    { description: 'Empty for a reader of the current tier only' },
  ),
});
const Observations = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      level: Nullable(Type.String()),
      signs: Type.Array(Type.String()),
      seenAt: Type.String(),
      urgency: Type.String(),
      filedRole: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
});
const CaseState = Type.Object({
  id: Type.String(),
  state: Type.Enum([...CASE_STATES]),
  openedAt: Type.String(),
  updatedAt: Type.String(),
});
const Cases = Type.Object({
  items: Type.Array(Type.Union([CaseSummary, CaseState]), {
    description: 'Full summaries for psychology teachers, the state alone for the school leader',
  }),
});
const FamilyVersion = Type.Object({
  version: Type.Integer(),
  family: Type.String({ description: '家庭情况' }),
  growth: Type.String({ description: '成长环境与经历' }),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
const HomeContact = Type.Object({
  id: Type.String(),
  contactedOn: Type.String(),
  mode: Type.Enum([...HOME_CONTACT_MODES]),
  participants: Type.String(),
  summary: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
const Archive = Type.Object({
  studentId: Type.String(),
  studentName: Type.String(),
  readable: Type.Array(Type.Enum([...ARCHIVE_SECTIONS]), { description: 'The sections present, in display order' }),
  may: Type.Object({ recordFamily: Type.Boolean(), export: Type.Boolean() }),
  sections: Type.Object(
    {
      profile: Type.Optional(Profile),
      screenings: Type.Optional(Screenings),
      tiers: Type.Optional(Tiers),
      observations: Type.Optional(Observations),
      cases: Type.Optional(Cases),
      referrals: Type.Optional(Type.Object({ items: Type.Array(ReferralView) })),
      handover: Type.Optional(
        Type.Object(
          {
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                kind: Type.Union([Type.Literal('transfer'), Type.Literal('graduation')]),
                fromSchool: Type.String(),
                toSchool: Type.String(),
                acceptedAt: Nullable(Type.String()),
                tier: Nullable(Type.Integer()),
                caseOpen: Type.Boolean(),
                followUpNeeds: Type.String(),
                attention: Type.String(),
                signedBy: Type.String(),
                signedAt: Type.String(),
              }),
            ),
          },
          { description: "Signed hand-over summaries of the student's accepted moves, oldest first" },
        ),
      ),
      family: Type.Optional(Type.Object({ current: Nullable(FamilyVersion), versions: Type.Array(FamilyVersion) })),
      homeContacts: Type.Optional(Type.Object({ items: Type.Array(HomeContact) })),
    },
    { description: 'Only the sections the reader may read; the others are absent' },
  ),
});

/** 一生一档: one archive per student, read by section, its PDF, and what head teachers record into it. */
export async function archiveRoutes(api: Api, { db }: AppDeps) {
  api.get(
    '/v1/students/:id/archive',
    {
      config: { policy: 'archive.read' },
      schema: { tags: ['archive'], params: IdParams, response: { 200: Archive } },
    },
    (req) => readArchive(requestContext(req, db), req.params.id),
  );

  api.get(
    '/v1/students/:id/archive.pdf',
    { config: { policy: 'archive.export' }, schema: { tags: ['archive'], params: IdParams } },
    async (req, reply) => {
      const file = await exportArchivePdf(requestContext(req, db), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(file.filename, file.asciiFilename))
        .header('cache-control', 'no-store')
        .send(file.bytes);
    },
  );

  api.post(
    '/v1/students/:id/family-background',
    {
      config: { policy: 'family.record' },
      schema: {
        tags: ['archive'],
        params: IdParams,
        body: Type.Object({ family: Text, growth: Text }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.String(), version: Type.Integer(), recordedAt: Type.String() }),
        },
      },
    },
    async (req, reply) => {
      const saved = await recordFamilyBackground(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return saved;
    },
  );

  api.post(
    '/v1/students/:id/home-contacts',
    {
      config: { policy: 'family.record' },
      schema: {
        tags: ['archive'],
        params: IdParams,
        body: Type.Object(
          {
            contactedOn: Type.String({ format: 'date', description: 'A China calendar day, YYYY-MM-DD' }),
            mode: Type.Enum([...HOME_CONTACT_MODES]),
            participants: Type.String({ minLength: 1, maxLength: 200 }),
            summary: Text,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (req, reply) => {
      const saved = await recordHomeContact(requestContext(req, db), req.params.id, req.body);
      reply.code(201);
      return saved;
    },
  );
}
