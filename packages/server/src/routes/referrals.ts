import { bandLabel } from '@yuxin/core';
import { sql, type Kysely } from 'kysely';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { auditRequest } from '../audit/request-audit.js';
import { caseProblem } from '../cases/messages.js';
import { appendEvent, auditPlacement, casePlacement, findCase, transition } from '../cases/store.js';
import { decryptOptional, decryptText, encryptText } from '../crypto/field-crypto.js';
import type { Database } from '../db/types.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound, Problem } from '../http/problem.js';
import { IdParams, PageQuery, paged } from '../http/schemas.js';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

const ReferralItem = Type.Object({
  id: Type.String(),
  student: Type.Object({ name: Type.String(), gender: Type.String(), birthDate: Nullable(Type.String()) }),
  schoolName: Type.String(),
  fastTrack: Type.Boolean(),
  status: Type.String(),
  consentRecordedAt: Type.String(),
  createdAt: Type.String(),
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
});

/** Referrals the doctor may see: to their hospital, and only after the guardian's consent is recorded. */
function doctorQuery(db: Kysely<Database>) {
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

async function loadForDoctor(
  db: Kysely<Database>,
  req: FastifyRequest,
  id: string,
  action: 'referral.read' | 'referral.feedback',
) {
  const r = await doctorQuery(db).where('r.id', '=', id).executeTakeFirst();
  // Before consent the referral does not exist for the hospital: the same 404 as another hospital's.
  if (!r) {
    if (!req.access.can(action)) throw new Problem('forbidden');
    throw notFound();
  }
  const binding = req.access.require(action, { cityId: r.city_id, hospitalId: r.hospital_id });
  return { r, binding };
}

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
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String(), consentRecordedAt: Type.String() }) },
      },
    },
    async (req) => {
      return db.transaction().execute(async (tx) => {
        const r = await tx
          .selectFrom('referral')
          .selectAll()
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!r) throw notFound();
        const c = await findCase(tx, r.case_id);
        const binding = req.access.require('case.manage', casePlacement(c));
        if (r.consent_recorded_at)
          return { id: r.id, status: r.status, consentRecordedAt: r.consent_recorded_at.toISOString() };
        const at = new Date();
        const me = req.signedIn!.account.id;
        await tx
          .updateTable('referral')
          .set({
            consent_recorded_at: at,
            consent_recorded_by: me,
            consent_guardian_name: req.body.guardianName,
            consent_method: req.body.method,
            status: 'sent',
          })
          .where('id', '=', r.id)
          .execute();
        // Consent to a referral is a contact with the guardian: the guardian is informed of the case.
        await tx
          .updateTable('care_case')
          .set({ guardian_informed_at: sql<Date>`coalesce(guardian_informed_at, ${at})`, updated_at: at })
          .where('id', '=', c.id)
          .execute();
        await appendEvent(tx, c, me, 'referral_consent', {
          referralId: r.id,
          method: req.body.method,
          guardianName: req.body.guardianName,
        });
        await auditRequest(tx, req, {
          action: 'referral.consent',
          targetType: 'referral',
          targetId: r.id,
          placement: auditPlacement(c),
          binding,
          detail: { caseId: c.id, method: req.body.method },
        });
        return { id: r.id, status: 'sent', consentRecordedAt: at.toISOString() };
      });
    },
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
            certificateRef: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            reassessment: Type.String({ minLength: 1, maxLength: 8000 }),
            returnPlan: Type.String({ minLength: 1, maxLength: 8000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ id: Type.String(), state: Type.String() }) },
      },
    },
    async (req) => {
      const body = req.body;
      return db.transaction().execute(async (tx) => {
        const r = await tx
          .selectFrom('referral')
          .selectAll()
          .where('id', '=', req.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!r) throw notFound();
        const c = await findCase(tx, r.case_id, true);
        const binding = req.access.require('case.manage', casePlacement(c));
        if (r.returned_at) throw caseProblem(req, 'conflict', 'referral.returned');
        if (!r.feedback_at) throw caseProblem(req, 'conflict', 'referral.no-feedback');
        if (r.admitted && !body.certificateRef)
          throw caseProblem(req, 'validation', 'referral.certificate-required', undefined, '/certificateRef');
        const me = req.signedIn!.account.id;
        // The 复学 record is written first so the state machine sees it; a refusal rolls both back.
        await tx
          .updateTable('referral')
          .set({
            certificate_ref: body.certificateRef ?? null,
            reassessment_enc: encryptText(body.reassessment),
            return_plan_enc: encryptText(body.returnPlan),
            status: 'returned',
          })
          .where('id', '=', r.id)
          .execute();
        const state = await transition(tx, req, c, 'return_to_school', { payload: { referralId: r.id } });
        await tx.updateTable('referral').set({ returned_at: new Date() }).where('id', '=', r.id).execute();
        await appendEvent(
          tx,
          c,
          me,
          'returned_to_school',
          { referralId: r.id, certificateRef: body.certificateRef ?? null },
          `${body.reassessment}\n\n${body.returnPlan}`,
        );
        await auditRequest(tx, req, {
          action: 'referral.return',
          targetType: 'referral',
          targetId: r.id,
          placement: auditPlacement(c),
          binding,
          detail: { caseId: c.id, certificate: Boolean(body.certificateRef) },
        });
        return { id: c.id, state };
      });
    },
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
    async (req) => {
      const page = req.query.page ?? 1;
      const pageSize = req.query.pageSize ?? 20;
      const q = doctorQuery(db).where(req.access.filter('referral.read', { hospital: 'r.hospital_id' }));
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
      await auditRequest(db, req, {
        action: 'referral.list',
        targetType: 'referrals',
        detail: { returned: items.map((i) => i.id) },
      });
      return { items, total, page, pageSize };
    },
  );

  api.get(
    '/v1/referrals/:id',
    {
      config: { policy: 'referral.read' },
      schema: { tags: ['referrals'], params: IdParams, response: { 200: Packet } },
    },
    async (req) => {
      const { r, binding } = await loadForDoctor(db, req, req.params.id, 'referral.read');
      const screening = await db
        .selectFrom('screening_response')
        .select(['instrument_code', 'total', 'band', 'critical_flags', 'submitted_at'])
        .where('student_id', '=', r.student_id)
        .where('valid', '=', true)
        .orderBy('submitted_at', 'desc')
        .limit(10)
        .execute();
      await auditRequest(db, req, {
        action: 'referral.read',
        targetType: 'referral',
        targetId: r.id,
        placement: auditPlacement(r),
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
          bandLabel: s.band ? bandLabel(s.instrument_code, s.band, requestLocale(req)) : null,
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
      };
    },
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
    async (req) => {
      const { r, binding } = await loadForDoctor(db, req, req.params.id, 'referral.feedback');
      if (r.returned_at) throw caseProblem(req, 'conflict', 'referral.returned');
      const me = req.signedIn!.account.id;
      const at = new Date();
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('referral')
          .set({
            visited_at: new Date(req.body.visitedAt),
            recommendation_enc: encryptText(req.body.recommendation),
            admitted: req.body.admitted,
            feedback_by: me,
            feedback_at: at,
            status: 'answered',
          })
          .where('id', '=', r.id)
          .execute();
        const c = await findCase(tx, r.case_id);
        await appendEvent(
          tx,
          c,
          me,
          'referral_feedback',
          { referralId: r.id, visitedAt: req.body.visitedAt, admitted: req.body.admitted },
          req.body.recommendation,
        );
        await auditRequest(tx, req, {
          action: 'referral.feedback',
          targetType: 'referral',
          targetId: r.id,
          placement: auditPlacement(r),
          binding,
          detail: { admitted: req.body.admitted },
        });
      });
      return { id: r.id, status: 'answered', feedbackAt: at.toISOString() };
    },
  );
}
