import { authorize } from '@yuxin/core';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { forbidden, notFound } from '../http/problem.js';
import { IdParams, PageQuery, Uuid } from '../http/schemas.js';
import {
  completionRows,
  defaultLevel,
  levelFits,
  sumCounts,
  unfinishedStudents,
} from '../screening/campaigns/completion.js';
import { dueRows, dueStudents } from '../screening/campaigns/due.js';
import { conflict, fieldError, invalid } from '../screening/campaigns/messages.js';
import { currentPeriod } from '../screening/campaigns/period.js';
import { remindClass } from '../screening/campaigns/reminders.js';
import { CompletionCountsProps, Respondent, UnitRef } from '../screening/campaigns/schemas.js';
import { campaignStatus } from '../screening/campaigns/status.js';
import { requireReadableCampaign } from '../screening/campaigns/visibility.js';
import { getScreeningSettings } from '../screening/settings.js';
import { ORG_SCOPE_COLUMNS, placementOfUnit } from '../org/placement.js';

const Level = Type.Union([
  Type.Literal('district'),
  Type.Literal('school'),
  Type.Literal('grade'),
  Type.Literal('class'),
]);
const CompletionRow = Type.Object({
  unitId: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  ...CompletionCountsProps,
});
const CompletionResult = Type.Object({
  campaignId: Type.String(),
  level: Level,
  unit: Type.Union([UnitRef, Type.Null()]),
  rows: Type.Array(CompletionRow),
  total: Type.Object(CompletionCountsProps),
});

const UnfinishedResult = Type.Object({
  campaignId: Type.String(),
  classId: Type.String(),
  items: Type.Array(
    Type.Object({
      studentId: Type.String(),
      name: Type.String(),
      studentNo: Type.String(),
      respondent: Respondent,
      status: Type.Union([Type.Literal('pending'), Type.Literal('in_progress')]),
      consentStatus: Type.Union([
        Type.Literal('not_required'),
        Type.Literal('pending'),
        Type.Literal('granted'),
        Type.Literal('refused'),
      ]),
      lastRemindedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      reminderCount: Type.Integer(),
    }),
  ),
});

const DueResult = Type.Object({
  unit: UnitRef,
  frequency: Type.Union([Type.Literal('school_year'), Type.Literal('term')]),
  period: Type.Object({
    schoolYear: Type.String(),
    term: Type.Union([Type.Integer(), Type.Null()]),
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
  }),
  rows: Type.Array(
    Type.Object({
      unitId: Type.String(),
      kind: Type.String(),
      name: Type.String(),
      nameEn: Type.Union([Type.String(), Type.Null()]),
      students: Type.Integer(),
      due: Type.Integer(),
    }),
  ),
  total: Type.Object({ students: Type.Integer(), due: Type.Integer() }),
  /** Names only where the caller may list the unit's students; null otherwise. */
  students: Type.Union([
    Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          studentNo: Type.String(),
          gradeName: Type.String(),
          className: Type.String(),
          lastScreenedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        }),
      ),
      total: Type.Integer(),
      page: Type.Integer(),
      pageSize: Type.Integer(),
    }),
    Type.Null(),
  ]),
});

const unitRef = (u: { id: string; kind: string; name_zh: string; name_en: string | null }) => ({
  id: u.id,
  kind: u.kind,
  name: u.name_zh,
  nameEn: u.name_en,
});
const prefixed = (prefix: string) =>
  Object.fromEntries(Object.entries(ORG_SCOPE_COLUMNS).map(([k, v]) => [k, prefix + v]));

export async function completionRoutes(api: Api, { db }: AppDeps) {
  const loadUnit = (id: string) => db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  const loadClass = (id: string) =>
    db.selectFrom('org_unit').selectAll().where('id', '=', id).where('kind', '=', 'class').executeTakeFirst();

  api.get(
    '/v1/campaigns/:id/completion',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        querystring: Type.Object(
          { level: Type.Optional(Level), unitId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: CompletionResult },
      },
    },
    async (req) => {
      const c = await requireReadableCampaign(db, req.access, req.params.id);
      let within = null;
      if (req.query.unitId) {
        within = await loadUnit(req.query.unitId);
        if (!within) throw notFound();
        req.access.require('completion.read', placementOfUnit(within));
      }
      const level = req.query.level ?? defaultLevel(within?.kind);
      if (within && !levelFits(level, within))
        throw invalid([fieldError(requestLocale(req), '/level', 'level.not-below')]);
      // Counts only, and only for units wholly inside the caller's scope: never a district total built
      // from the one class a head teacher can see.
      const rows = await completionRows(db, c.id, level, within, req.access.filter('completion.read', prefixed('u.')));
      return { campaignId: c.id, level, unit: within ? unitRef(within) : null, rows, total: sumCounts(rows) };
    },
  );

  api.get(
    '/v1/campaigns/:id/completion/students',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        querystring: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        response: { 200: UnfinishedResult },
      },
    },
    async (req) => {
      const c = await requireReadableCampaign(db, req.access, req.params.id);
      const klass = await loadClass(req.query.classId);
      if (!klass) throw notFound();
      req.access.require('completion.read', placementOfUnit(klass));
      // District and city staff see how many, never who.
      if (!req.access.can('student.list')) throw forbidden();
      const binding = req.access.require('student.list', placementOfUnit(klass));
      const items = await unfinishedStudents(db, c.id, klass.id);
      await auditRequest(db, req, {
        action: 'completion.students',
        targetType: 'class',
        targetId: klass.id,
        placement: placementOfUnit(klass),
        binding,
        detail: { campaignId: c.id, returned: items.map((i) => i.studentId) },
      });
      return { campaignId: c.id, classId: klass.id, items };
    },
  );

  api.post(
    '/v1/campaigns/:id/reminders',
    {
      config: { policy: 'completion.remind' },
      schema: {
        tags: ['completion'],
        params: IdParams,
        body: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ count: Type.Integer(), skipped: Type.Integer() }) },
      },
    },
    async (req) => {
      const c = await requireReadableCampaign(db, req.access, req.params.id);
      const klass = await loadClass(req.body.classId);
      if (!klass) throw notFound();
      const binding = req.access.require('completion.remind', placementOfUnit(klass));
      if (campaignStatus(c) !== 'open') throw conflict(requestLocale(req), 'campaign.not-open');
      return db.transaction().execute(async (tx) => {
        const result = await remindClass(tx, {
          campaignId: c.id,
          classId: klass.id,
          remindedBy: req.signedIn!.account.id,
        });
        await auditRequest(tx, req, {
          action: 'completion.remind',
          targetType: 'class',
          targetId: klass.id,
          placement: placementOfUnit(klass),
          binding,
          detail: { campaignId: c.id, ...result },
        });
        return result;
      });
    },
  );

  api.get(
    '/v1/screening/due',
    {
      config: { policy: 'completion.read' },
      schema: {
        tags: ['completion'],
        querystring: Type.Object({ unitId: Uuid, ...PageQuery }, { additionalProperties: false }),
        response: { 200: DueResult },
      },
    },
    async (req) => {
      const unit = await loadUnit(req.query.unitId);
      if (!unit) throw notFound();
      req.access.require('completion.read', placementOfUnit(unit));
      const settings = await getScreeningSettings(db, unit.city_id);
      const period = await currentPeriod(db, unit.city_id, settings.frequency);
      const rows = await dueRows(db, unit, period, settings.defaultInstrumentSets);
      const total = { students: rows.reduce((n, r) => n + r.students, 0), due: rows.reduce((n, r) => n + r.due, 0) };
      let students = null;
      const named = authorize(req.access.actor, 'student.list', placementOfUnit(unit));
      if (named.allowed) {
        const page = req.query.page ?? 1;
        const pageSize = req.query.pageSize ?? 20;
        const found = await dueStudents(db, unit, period, settings.defaultInstrumentSets, { page, pageSize });
        students = { ...found, page, pageSize };
        await auditRequest(db, req, {
          action: 'screening.due',
          targetType: unit.kind,
          targetId: unit.id,
          placement: placementOfUnit(unit),
          binding: named.binding,
          detail: { period, returned: found.items.map((s) => s.id) },
        });
      }
      return { unit: unitRef(unit), frequency: settings.frequency, period, rows, total, students };
    },
  );
}
