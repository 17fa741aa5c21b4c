import { ACTIVITY_KINDS, INDICATOR_IDS, STANDARD_PRESETS } from '@yuxin/core';
import { Type } from 'typebox';
import { attachmentHeader } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import { ts } from '../supervision/messages.js';
import { recordTemplateXlsx } from '../supervision/template.js';
import {
  importSupervisionRecords,
  recordSupervision,
  requireRecordingSchool,
  schoolSupervision,
  unitSupervision,
} from '../supervision/school-supervision.js';
import { receiveFile, spreadsheetKind } from '../http/upload.js';
import { getSupervisionStandards, saveSupervisionStandards } from '../supervision/standards.js';
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
    async (req) => schoolSupervision(requestContext(req, db), req.params.id, req.query),
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
    async (req) => unitSupervision(requestContext(req, db), req.params.id, req.query),
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
      const { schoolId, ...input } = req.body;
      return reply.code(201).send(await recordSupervision(requestContext(req, db), schoolId, input));
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
      const imported = await importSupervisionRecords(requestContext(req, db), req.query.schoolId, async () => {
        const upload = await receiveFile(
          req.isMultipart() ? await req.file() : undefined,
          ts('import.missing', locale),
          config.uploadLimitBytes,
        );
        return { buffer: upload.buffer, kind: spreadsheetKind(upload, locale) };
      });
      return reply.code(201).send(imported);
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
      // Only those who may import for this school get its template; the file itself holds no records,
      // so, like the roster template, fetching it is not audited.
      await requireRecordingSchool(requestContext(req, db), req.query.schoolId);
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
