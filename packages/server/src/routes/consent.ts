import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound } from '../http/problem.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { loadInstrumentVersion } from '../screening/instrument-store.js';
import { recordConsent, recordDecline } from '../screening/campaigns/consent.js';
import { conflict, fieldError, invalid } from '../screening/campaigns/messages.js';
import { Bilingual, CampaignKind, CampaignStatusSchema, Respondent } from '../screening/campaigns/schemas.js';
import { campaignStatus } from '../screening/campaigns/status.js';
import { loadCampaign } from '../screening/campaigns/visibility.js';
import { placementOfStudent } from '../org/placement.js';

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
    async (req) => {
      const locale = requestLocale(req);
      const { studentId, decision, note } = req.body;
      const c = await loadCampaign(db, req.params.id);
      if (!c) throw notFound();
      const student = await db
        .selectFrom('student')
        .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
        .where('id', '=', studentId)
        .executeTakeFirst();
      if (!student) throw notFound();
      // A guardian's binding is their child (person scope): any other child is outside it and answers 404.
      const binding = req.access.require('consent.record', placementOfStudent(student));
      const assigned = await db
        .selectFrom('screening_assignment')
        .select('id')
        .where('campaign_id', '=', c.id)
        .where('student_id', '=', student.id)
        .executeTakeFirst();
      if (!assigned) throw notFound();
      const byGuardian = binding.role === 'guardian';
      const method = req.body.method ?? (byGuardian ? 'online' : 'paper');
      if (byGuardian && method !== 'online') throw invalid([fieldError(locale, '/method', 'consent.method-guardian')]);
      if (!byGuardian && method !== 'paper') throw invalid([fieldError(locale, '/method', 'consent.method-staff')]);
      const status = campaignStatus(c);
      if (status === 'cancelled') throw conflict(locale, 'campaign.cancelled');
      // Withdrawal stays possible after the window closes (PIPL: consent can always be taken back).
      if (status === 'closed' && decision !== 'withdrawn') throw conflict(locale, 'campaign.closed');
      const result = await db.transaction().execute(async (tx) => {
        const r = await recordConsent(tx, {
          campaignId: c.id,
          student,
          decision,
          method,
          guardianId: byGuardian ? req.signedIn!.account.guardian_id : null,
          recordedBy: req.signedIn!.account.id,
          note: note?.trim() || null,
        });
        await auditRequest(tx, req, {
          action: 'consent.record',
          targetType: 'student',
          targetId: student.id,
          placement: placementOfStudent(student),
          binding,
          detail: { campaignId: c.id, decision, method, consentStatus: r.consentStatus },
        });
        return r;
      });
      return {
        campaignId: c.id,
        studentId: student.id,
        decision,
        method,
        consentStatus: result.consentStatus,
        recordedAt: result.recordedAt.toISOString(),
      };
    },
  );

  api.post(
    '/v1/campaigns/:id/decline',
    {
      config: { policy: 'screening.take' },
      schema: { tags: ['consent'], params: IdParams, body: DeclineBody, response: { 200: DeclineResult } },
    },
    async (req) => {
      const locale = requestLocale(req);
      const undo = req.body.undo ?? false;
      // Only a student declines, and only their own questionnaire: the student is the signed-in person.
      const personId = req.access.actor.personId;
      if (!personId) throw notFound();
      const student = await db
        .selectFrom('student')
        .select(['id', 'city_id', 'district_id', 'school_id', 'grade_id', 'class_id'])
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!student) throw notFound();
      const binding = req.access.require('screening.take', placementOfStudent(student));
      const c = await loadCampaign(db, req.params.id);
      if (!c) throw notFound();
      const assignment = await db
        .selectFrom('screening_assignment')
        .select(['id', 'campaign_id', 'status', 'started_at'])
        .where('campaign_id', '=', c.id)
        .where('student_id', '=', student.id)
        .where('respondent', '=', 'self')
        .executeTakeFirst();
      if (!assignment) throw notFound();
      const status = campaignStatus(c);
      if (status === 'cancelled') throw conflict(locale, 'campaign.cancelled');
      if (status === 'closed') throw conflict(locale, 'campaign.closed');
      if (assignment.status === 'completed') throw conflict(locale, 'assignment.completed');
      // Repeats change nothing: a second decline, or taking back a decline that is not there.
      if (undo ? assignment.status !== 'declined' : assignment.status === 'declined') {
        return { campaignId: c.id, status: assignment.status };
      }
      const next = await db.transaction().execute(async (tx) => {
        const next = await recordDecline(tx, { assignment, student, undo, recordedBy: req.signedIn!.account.id });
        await auditRequest(tx, req, {
          action: undo ? 'screening.decline.undo' : 'screening.decline',
          targetType: 'screening_assignment',
          targetId: assignment.id,
          placement: placementOfStudent(student),
          binding,
          detail: { campaignId: c.id },
        });
        return next;
      });
      return { campaignId: c.id, status: next };
    },
  );

  api.get(
    '/v1/my/consents',
    {
      config: { policy: 'consent.record' },
      schema: { tags: ['consent'], response: { 200: Type.Object({ items: Type.Array(MyConsent) }) } },
    },
    async (req) => {
      // A guardian's person-scoped bindings are their children; staff hold none and see an empty list.
      const childIds = req.access
        .scopes('consent.record')
        .filter((s) => s.level === 'person')
        .map((s) => s.id);
      if (childIds.length === 0) return { items: [] };
      const now = new Date();
      const rows = await db
        .selectFrom('screening_assignment as a')
        .innerJoin('campaign as c', 'c.id', 'a.campaign_id')
        .innerJoin('student as s', 's.id', 'a.student_id')
        .select([
          'c.id as campaign_id',
          'c.name as campaign_name',
          'c.kind',
          'c.status',
          'c.opens_at',
          'c.closes_at',
          'c.notice_zh',
          'c.notice_en',
          's.id as student_id',
          's.name as student_name',
          's.city_id',
          's.district_id',
          's.school_id',
          'a.respondent',
          'a.instruments',
          'a.consent_status',
        ])
        .where('a.student_id', 'in', childIds)
        .where('c.status', '=', 'published')
        .where('c.closes_at', '>', now)
        .where('a.consent_status', '<>', 'not_required')
        .orderBy('c.opens_at')
        .orderBy('s.name')
        .execute();
      if (rows.length === 0) return { items: [] };
      const decisions = await db
        .selectFrom('consent_record')
        .select(['campaign_id', 'student_id', 'decision', 'method', 'recorded_at'])
        .where('student_id', 'in', childIds)
        .where('campaign_id', 'in', [...new Set(rows.map((r) => r.campaign_id))])
        .where('kind', '=', 'guardian_consent')
        .orderBy('recorded_at', 'desc')
        .execute();
      const byKey = new Map<string, ReturnType<typeof toItem>>();
      function toItem(r: (typeof rows)[number]) {
        const last = decisions.find((d) => d.campaign_id === r.campaign_id && d.student_id === r.student_id);
        return {
          campaignId: r.campaign_id,
          campaignName: r.campaign_name,
          kind: r.kind,
          status: campaignStatus({ status: r.status, opens_at: r.opens_at, closes_at: r.closes_at }, now),
          opensAt: r.opens_at.toISOString(),
          closesAt: r.closes_at.toISOString(),
          noticeZh: r.notice_zh,
          noticeEn: r.notice_en,
          student: { id: r.student_id, name: r.student_name },
          consentStatus: r.consent_status,
          needsDecision: r.consent_status === 'pending',
          lastDecision: last
            ? {
                decision: last.decision as 'granted' | 'refused' | 'withdrawn',
                method: last.method,
                recordedAt: last.recorded_at.toISOString(),
              }
            : null,
          instruments: [] as Array<{
            code: string;
            shortName: string;
            name: { zh: string; en: string };
            respondent: 'self' | 'guardian';
          }>,
        };
      }
      // A student answering self-report and parent-report forms has two assignments but one decision.
      for (const r of rows) {
        const key = `${r.campaign_id}:${r.student_id}`;
        let item = byKey.get(key);
        if (!item) byKey.set(key, (item = toItem(r)));
        for (const ref of r.instruments) {
          const def = await loadInstrumentVersion(db, ref.code, ref.version);
          item.instruments.push({
            code: ref.code,
            shortName: def?.shortName ?? ref.code,
            name: def?.name ?? { zh: ref.code, en: ref.code },
            respondent: r.respondent,
          });
        }
      }
      const students = [...new Map(rows.map((r) => [r.student_id, r])).values()];
      for (const s of students) {
        await auditRequest(db, req, {
          action: 'consent.list',
          targetType: 'student',
          targetId: s.student_id,
          placement: { cityId: s.city_id, districtId: s.district_id, schoolId: s.school_id },
        });
      }
      return { items: [...byKey.values()] };
    },
  );
}
