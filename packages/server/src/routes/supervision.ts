import { ACTIVITY_KINDS, INDICATOR_IDS, STANDARD_PRESETS } from '@yuxin/core';
import { Type } from 'typebox';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { notFound, Problem } from '../http/problem.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { schoolYearContaining, termOfDay } from '../screening/campaigns/period.js';
import { termWindow } from '../supervision/figures.js';
import { schoolIndicators } from '../supervision/indicators.js';
import { parseRecordSheet } from '../supervision/import.js';
import { ts } from '../supervision/messages.js';
import { checkRecord, insertRecord } from '../supervision/records.js';
import { recordTemplateXlsx } from '../supervision/template.js';
import { receiveFile, spreadsheetKind } from '../http/upload.js';
import { getSupervisionStandards, saveSupervisionStandards } from '../supervision/standards.js';
import { placementOfUnit } from '../org/placement.js';
import { requireCityManager } from '../access/city-manager.js';
import { requestContext } from '../services/context.js';
import { changeCitySetting } from '../settings/city-settings.js';

const Term = Type.Union([Type.Literal(1), Type.Literal(2)]);
const PeriodQuery = Type.Object(
  { schoolYear: Type.Optional(Type.String({ maxLength: 9, pattern: '^\\d{4}-\\d{4}$' })), term: Type.Optional(Term) },
  { additionalProperties: false },
);
const Rag = Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red')]);
const Indicator = Type.Object({
  id: Type.Enum([...INDICATOR_IDS]),
  value: Type.Number(),
  target: Type.Number(),
  rag: Rag,
  shortfalls: Type.Array(
    Type.Object({ key: Type.String(), name: Type.String(), value: Type.Number(), target: Type.Number() }),
  ),
});
const Window = Type.Object({ schoolYear: Type.String(), term: Term, from: Type.String(), to: Type.String() });
const SchoolIndicators = Type.Object({
  school: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.Union([Type.String(), Type.Null()]) }),
  window: Window,
  standards: Type.String(),
  figures: Type.Record(Type.String(), Type.Number()),
  indicators: Type.Array(Indicator),
  activities: Type.Object(
    Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, Type.Integer({ minimum: 0 })])) as Record<
      (typeof ACTIVITY_KINDS)[number],
      ReturnType<typeof Type.Integer>
    >,
    { description: 'The activity ledger’s entries of the term by kind, voided ones not counted' },
  ),
  classesShortOfLessons: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), lessons: Type.Integer(), target: Type.Integer() }),
  ),
});
const RecordKind = Type.Union(
  ['lesson', 'training', 'guardian_lecture', 'family_contact', 'counseling_hours'].map((k) => Type.Literal(k)),
);
const StaffGroup = Type.Union(
  ['psych_full_time', 'psych_part_time', 'head_teacher', 'all_staff'].map((k) => Type.Literal(k)),
);
const RecordBody = Type.Object(
  {
    schoolId: Uuid,
    kind: RecordKind,
    occurredOn: Type.String({ format: 'date' }),
    hours: Type.Number({ minimum: 0, maximum: 1000 }),
    classId: Type.Optional(Uuid),
    gradeId: Type.Optional(Uuid),
    studentId: Type.Optional(Uuid),
    staffId: Type.Optional(Uuid),
    staffGroup: Type.Optional(StaffGroup),
    certificate: Type.Optional(Type.Union(['A', 'B', 'C', 'D'].map((k) => Type.Literal(k)))),
    supervision: Type.Optional(Type.Boolean()),
    topic: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const PresetName = Type.Union(Object.keys(STANDARD_PRESETS).map((k) => Type.Literal(k)));

export async function supervisionRoutes(api: Api, { db, config }: AppDeps) {
  const loadSchool = async (id: string) => {
    const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
    return unit?.kind === 'school' ? unit : undefined;
  };
  /** The term asked for, or the one today falls in. */
  const periodOf = async (cityId: string, q: { schoolYear?: string; term?: 1 | 2 }) => {
    const year = await schoolYearContaining(db, cityId, chinaDate());
    return termWindow(db, cityId, q.schoolYear ?? year.code, q.term ?? termOfDay(year, chinaDate()));
  };

  api.get(
    '/v1/supervision/schools/:id',
    {
      config: { policy: 'supervision.read' },
      schema: {
        tags: ['supervision'],
        params: IdParams,
        querystring: PeriodQuery,
        response: { 200: SchoolIndicators },
      },
    },
    async (req) => {
      const school = await loadSchool(req.params.id);
      if (!school) throw notFound();
      req.access.require('supervision.read', placementOfUnit(school));
      const window = await periodOf(school.city_id, req.query);
      const standards = await getSupervisionStandards(db, school.city_id);
      const result = await schoolIndicators(db, school, window, standards);
      return {
        school: { id: school.id, name: school.name_zh, nameEn: school.name_en },
        window,
        standards: standards.id,
        ...result,
      };
    },
  );

  api.get(
    '/v1/supervision/units/:id',
    {
      config: { policy: 'supervision.read' },
      schema: {
        tags: ['supervision'],
        params: IdParams,
        querystring: PeriodQuery,
        response: {
          200: Type.Object({
            window: Window,
            standards: Type.String(),
            schools: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                nameEn: Type.Union([Type.String(), Type.Null()]),
                rag: Type.Record(Type.String(), Rag),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const unit = await db.selectFrom('org_unit').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!unit || (unit.kind !== 'city' && unit.kind !== 'district')) throw notFound();
      req.access.require('supervision.read', placementOfUnit(unit));
      const window = await periodOf(unit.city_id, req.query);
      const standards = await getSupervisionStandards(db, unit.city_id);
      const schools = await db
        .selectFrom('org_unit')
        .selectAll()
        .where('kind', '=', 'school')
        .where(unit.kind === 'city' ? 'city_id' : 'district_id', '=', unit.id)
        .orderBy('sort')
        .orderBy('name_zh')
        .execute();
      const rows = [];
      // One school at a time: a district has tens of schools, and each is a handful of indexed counts.
      for (const s of schools) {
        const { indicators } = await schoolIndicators(db, s, window, standards);
        rows.push({
          id: s.id,
          name: s.name_zh,
          nameEn: s.name_en,
          rag: Object.fromEntries(indicators.map((i) => [i.id, i.rag])),
        });
      }
      return { window, standards: standards.id, schools: rows };
    },
  );

  api.post(
    '/v1/supervision/records',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['supervision'],
        body: RecordBody,
        response: { 201: Type.Object({ id: Type.String(), schoolYear: Type.String(), term: Term }) },
      },
    },
    async (req, reply) => {
      const school = await loadSchool(req.body.schoolId);
      if (!school) throw notFound();
      const binding = req.access.require('supervision.record', placementOfUnit(school));
      const { schoolId: _school, ...input } = req.body;
      const problem = await checkRecord(db, school, input, requestLocale(req));
      if (problem)
        throw new Problem('validation', {
          errors: [{ field: `/${problem.field}`, key: 'field.invalid', message: problem.message }],
        });
      const stored = await db.transaction().execute(async (tx) => {
        const row = await insertRecord(tx, school, input, req.signedIn!.account.id);
        await auditRequest(tx, req, {
          action: 'supervision.record',
          targetType: 'supervision_record',
          targetId: row.id,
          placement: placementOfUnit(school),
          binding,
          detail: { kind: input.kind, schoolYear: row.schoolYear, term: row.term, hours: input.hours },
        });
        return row;
      });
      return reply.code(201).send(stored);
    },
  );

  api.post(
    '/v1/supervision/records/import',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['supervision'],
        querystring: Type.Object({ schoolId: Uuid }, { additionalProperties: false }),
        consumes: ['multipart/form-data'],
        description:
          'Upload a sheet (.xlsx or .csv) in multipart field `file` with the header 类型, 日期, 时长（小时）, and as the kinds need 年级, 班级, 学籍号, 账号, 人员类别, 督导学时, 主题. All rows are stored, or none.',
        response: { 201: Type.Object({ count: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const locale = requestLocale(req);
      const school = await loadSchool(req.query.schoolId);
      if (!school) throw notFound();
      // Checked before the upload is read: nobody sends records for a school that is not theirs.
      const binding = req.access.require('supervision.record', placementOfUnit(school));
      const upload = await receiveFile(
        req.isMultipart() ? await req.file() : undefined,
        ts('import.missing', locale),
        config.uploadLimitBytes,
      );
      const parsed = await parseRecordSheet(db, school, upload.buffer, spreadsheetKind(upload, locale), locale);
      if ('errors' in parsed) {
        throw new Problem('validation', {
          errors: parsed.errors.map((e) => ({
            field: `/file/rows/${e.row}/${e.column}`,
            key: 'field.invalid',
            message: e.message,
          })),
        });
      }
      await db.transaction().execute(async (tx) => {
        for (const r of parsed.records) await insertRecord(tx, school, r, req.signedIn!.account.id);
        const kinds: Record<string, number> = {};
        for (const r of parsed.records) kinds[r.kind] = (kinds[r.kind] ?? 0) + 1;
        await auditRequest(tx, req, {
          action: 'supervision.import',
          targetType: 'school',
          targetId: school.id,
          placement: placementOfUnit(school),
          binding,
          detail: { count: parsed.records.length, kinds },
        });
      });
      return reply.code(201).send({ count: parsed.records.length });
    },
  );

  api.get(
    '/v1/supervision/records/template.xlsx',
    {
      config: { policy: 'supervision.record' },
      schema: {
        tags: ['supervision'],
        querystring: Type.Object({ schoolId: Uuid }, { additionalProperties: false }),
        description:
          'The empty import sheet with its header in the caller’s language, and a sheet explaining each column.',
      },
    },
    async (req, reply) => {
      const school = await loadSchool(req.query.schoolId);
      if (!school) throw notFound();
      // Only those who may import for this school get its template; the file itself holds no records,
      // so, like the roster template, fetching it is not audited.
      req.access.require('supervision.record', placementOfUnit(school));
      const locale = requestLocale(req);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          attachmentHeader(`${ts('template.name', locale)}.xlsx`, 'supervision-records.xlsx'),
        )
        .header('cache-control', 'no-store')
        .send(await recordTemplateXlsx(locale));
    },
  );

  api.get(
    '/v1/supervision/standards',
    {
      config: { policy: 'supervision.read' },
      schema: {
        tags: ['supervision'],
        response: {
          200: Type.Object({
            standards: Type.Record(Type.String(), Type.Unknown()),
            presets: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (req) => ({
      standards: { ...(await getSupervisionStandards(db, req.signedIn!.account.city_id)) },
      presets: Object.keys(STANDARD_PRESETS),
    }),
  );

  api.put(
    '/v1/supervision/standards',
    {
      config: { policy: 'campaign.manage' },
      schema: {
        tags: ['supervision'],
        body: Type.Object(
          {
            preset: PresetName,
            overrides: Type.Optional(
              Type.Object(
                {
                  psychTeachersPer1000: Type.Optional(Type.Number({ minimum: 0, maximum: 20 })),
                  lessonHoursPerTerm: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
                  guardianLecturesPerGradeTerm: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
                  // null: the city sets no number, the indicator is not checked.
                  lecturesPerTerm: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 50 }))),
                  groupSessionsPerTerm: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 50 }))),
                  supervisionHoursPerYear: Type.Optional(Type.Number({ minimum: 0, maximum: 200 })),
                  amberFrom: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
                },
                { additionalProperties: false },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            standards: Type.Record(Type.String(), Type.Unknown()),
            presets: Type.Array(Type.String()),
          }),
        },
      },
    },
    async (req) => {
      const cityId = req.signedIn!.account.city_id;
      const binding = requireCityManager(req.access, cityId);
      await changeCitySetting(requestContext(req, db), {
        cityId,
        binding,
        action: 'settings.supervision.update',
        detail: { ...req.body },
        save: (tx) => saveSupervisionStandards(tx, cityId, req.body.preset, req.body.overrides ?? {}),
      });
      return { standards: { ...(await getSupervisionStandards(db, cityId)) }, presets: Object.keys(STANDARD_PRESETS) };
    },
  );
}
