import type { Api } from '../http/api.js';
import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { SCHOOL_STAGES } from '@yuxin/core';
import { IdParams, Nullable, Uuid } from '../http/schemas.js';
import {
  changeHospital,
  changeSchoolYear,
  changeUnit,
  createHospital,
  createSchoolYear,
  createUnit,
  listHospitals,
  listSchoolYears,
} from '../org/org-admin.js';
import type { HospitalRow } from '../org/org-store.js';
import { listUnits, readUnit, unitViews } from '../org/org-units.js';
import { previewRollover, rolloverScope, runRollover, YEAR_ROLLOVER_KIND } from '../org/rollover.js';
import { createJob } from '../jobs/jobs.js';
import { jobRunnerFor } from '../jobs/runner.js';
import { requestContext } from '../services/context.js';
import { sheetImportRoutes } from '../http/sheet-import-routes.js';
import { orgImportText } from '../org/import-messages.js';
import { orgTemplateFileName, orgTemplateXlsx } from '../org/import-sheet.js';
import { importOrgTree } from '../org/org-import.js';

const OrgUnitView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  stage: Type.Union([Type.String(), Type.Null()]),
  gradeLevel: Type.Union([Type.Integer(), Type.Null()]),
  classNo: Type.Union([Type.Integer(), Type.Null()]),
  /** A district's guidance centre (区县学生心理健康指导中心). */
  centreName: Type.Union([Type.String(), Type.Null()]),
  /** A school's partner hospital (绿色通道): its referrals offer it first. */
  partnerHospitalId: Type.Union([Type.String(), Type.Null()]),
  /** False once deactivated; nothing is deleted. */
  active: Type.Boolean(),
  studentCount: Type.Integer(),
  childCount: Type.Integer(),
});

const Name = Type.String({ minLength: 1, maxLength: 100 });

const RolloverBody = Type.Object({ unitId: Uuid }, { additionalProperties: false });
const RolloverCounts = {
  promoted: Type.Integer({ description: 'Students who move up a grade' }),
  graduated: Type.Integer({ description: "Students who finish their school's final grade" }),
  unplaced: Type.Integer({ description: 'Students the rollover cannot place (their grade has no level of the stage)' }),
  gradesToCreate: Type.Integer(),
  classesToCreate: Type.Integer(),
};
const RolloverPreview = Type.Object({
  /** The current school year: students enrolled in an earlier one are waiting to move up. */
  schoolYear: Type.String(),
  schools: Type.Array(Type.Object({ schoolId: Type.String(), name: Type.String(), ...RolloverCounts })),
  totals: Type.Object(RolloverCounts),
});
const Stage = Type.Union(SCHOOL_STAGES.map((s) => Type.Literal(s)));

const NewUnitBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('district'), Type.Literal('school'), Type.Literal('grade'), Type.Literal('class')]),
    parentId: Uuid,
    name: Name,
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    code: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    stage: Type.Optional(Stage),
    gradeLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
    classNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
    centreName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    partnerHospitalId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

const UnitPatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    stage: Type.Optional(Stage),
    centreName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    partnerHospitalId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const HospitalView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
const hospitalView = (h: HospitalRow) => ({
  id: h.id,
  name: h.name_zh,
  nameEn: h.name_en,
  active: h.deactivated_at === null,
});
const HospitalBody = Type.Object(
  { name: Name, nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
  { additionalProperties: false },
);
const HospitalPatchBody = Type.Object(
  {
    name: Type.Optional(Name),
    nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const YearCode = Type.String({ pattern: '^[0-9]{4}-[0-9]{4}$', maxLength: 9 });
const Day = Type.String({ format: 'date' });
const SchoolYearView = Type.Object({
  code: Type.String(),
  startsOn: Type.String(),
  endsOn: Type.String(),
  term1EndsOn: Type.String(),
  current: Type.Boolean(),
});
const schoolYearView = (y: {
  code: string;
  starts_on: string;
  ends_on: string;
  term1_ends_on: string;
  is_current: boolean;
}) => ({
  code: y.code,
  startsOn: y.starts_on,
  endsOn: y.ends_on,
  term1EndsOn: y.term1_ends_on,
  current: y.is_current,
});
const SchoolYearBody = Type.Object(
  { code: YearCode, startsOn: Day, endsOn: Day, term1EndsOn: Day, current: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const SchoolYearPatchBody = Type.Object(
  {
    startsOn: Type.Optional(Day),
    endsOn: Type.Optional(Day),
    term1EndsOn: Type.Optional(Day),
    current: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const OrgImportReport = Type.Object({
  /** True once the file's units were written; a preview, or a file with any error, writes nothing. */
  applied: Type.Boolean(),
  rows: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
  items: Type.Array(
    Type.Object({
      row: Type.Integer(),
      kind: Type.Union([
        Type.Literal('district'),
        Type.Literal('school'),
        Type.Literal('grade'),
        Type.Literal('class'),
        Type.Literal('hospital'),
        Type.Literal('partnerHospital'),
      ]),
      path: Type.String(),
      value: Type.Optional(Type.String()),
      status: Type.Union([Type.Literal('create'), Type.Literal('exists'), Type.Literal('update')]),
    }),
  ),
  counts: Type.Object({ create: Type.Integer(), exists: Type.Integer(), update: Type.Integer() }),
});

export async function orgRoutes(api: Api, deps: AppDeps) {
  const { db } = deps;
  sheetImportRoutes(api, deps, {
    tag: 'org',
    policy: 'org.manage',
    templatePath: '/v1/org/import/template',
    importPath: '/v1/org/imports',
    templateDescription:
      'The org tree import template (xlsx): an empty sheet to fill in, an example sheet that is never imported, and column instructions.',
    importDescription:
      'Upload the org tree sheet (.xlsx or .csv) in multipart field `file`. `preview` lists what would be created and what exists, with every row error; `apply` writes all of it in one transaction, or nothing when any row is wrong. Importing the same file again creates nothing.',
    report: OrgImportReport,
    template: (locale) => ({ name: orgTemplateFileName(locale), xlsx: () => orgTemplateXlsx(locale) }),
    missingFile: (locale) => orgImportText('file.missing', locale),
    run: importOrgTree,
  });

  const ListQuery = Type.Object({ parentId: Type.Optional(Uuid) }, { additionalProperties: false });
  api.get(
    '/v1/org/units',
    {
      config: { policy: 'org.read' },
      schema: { tags: ['org'], querystring: ListQuery, response: { 200: Type.Array(OrgUnitView) } },
    },
    async (req) => listUnits(requestContext(req, db), req.query.parentId),
  );

  api.get(
    '/v1/org/units/:id',
    {
      config: { policy: 'org.read' },
      schema: {
        tags: ['org'],
        params: IdParams,
        response: {
          200: Type.Intersect([
            OrgUnitView,
            Type.Object({
              ancestors: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), name: Type.String() })),
            }),
          ]),
        },
      },
    },
    async (req) => readUnit(requestContext(req, db), req.params.id),
  );

  api.post(
    '/v1/org/units',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], body: NewUnitBody, response: { 201: OrgUnitView } },
    },
    async (req, reply) => {
      const ctx = requestContext(req, db);
      const unit = await createUnit(ctx, req.body);
      reply.code(201);
      const [view] = await unitViews(ctx, [unit]);
      return view!;
    },
  );

  api.patch(
    '/v1/org/units/:id',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], params: IdParams, body: UnitPatchBody, response: { 200: OrgUnitView } },
    },
    async (req) => {
      const ctx = requestContext(req, db);
      const [view] = await unitViews(ctx, [await changeUnit(ctx, req.params.id, req.body)]);
      return view!;
    },
  );

  api.get(
    '/v1/org/hospitals',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], response: { 200: Type.Array(HospitalView) } },
    },
    async (req) => (await listHospitals(requestContext(req, db), req.signedIn!.account.city_id)).map(hospitalView),
  );

  api.post(
    '/v1/org/hospitals',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], body: HospitalBody, response: { 201: HospitalView } },
    },
    async (req, reply) => {
      const row = await createHospital(requestContext(req, db), req.signedIn!.account.city_id, req.body);
      reply.code(201);
      return hospitalView(row);
    },
  );

  api.patch(
    '/v1/org/hospitals/:id',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], params: IdParams, body: HospitalPatchBody, response: { 200: HospitalView } },
    },
    async (req) =>
      hospitalView(
        await changeHospital(requestContext(req, db), req.signedIn!.account.city_id, req.params.id, req.body),
      ),
  );

  api.get(
    '/v1/org/school-years',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], response: { 200: Type.Array(SchoolYearView) } },
    },
    async (req) => (await listSchoolYears(requestContext(req, db), req.signedIn!.account.city_id)).map(schoolYearView),
  );

  api.post(
    '/v1/org/school-years',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], body: SchoolYearBody, response: { 201: SchoolYearView } },
    },
    async (req, reply) => {
      const year = await createSchoolYear(requestContext(req, db), req.signedIn!.account.city_id, req.body);
      reply.code(201);
      return schoolYearView(year);
    },
  );

  api.patch(
    '/v1/org/school-years/:code',
    {
      config: { policy: 'org.manage' },
      schema: {
        tags: ['org'],
        params: Type.Object({ code: YearCode }),
        body: SchoolYearPatchBody,
        response: { 200: SchoolYearView },
      },
    },
    async (req) =>
      schoolYearView(
        await changeSchoolYear(requestContext(req, db), req.signedIn!.account.city_id, req.params.code, req.body),
      ),
  );

  api.post(
    '/v1/org/rollover/preview',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], body: RolloverBody, response: { 200: RolloverPreview } },
    },
    async (req) => previewRollover(requestContext(req, db), req.body.unitId),
  );

  api.post(
    '/v1/org/rollover',
    {
      config: { policy: 'org.manage' },
      schema: { tags: ['org'], body: RolloverBody, response: { 202: Type.Object({ jobId: Type.String() }) } },
    },
    async (req, reply) => {
      const ctx = requestContext(req, db);
      const scope = await rolloverScope(ctx, req.body.unitId);
      const runner = jobRunnerFor(db);
      const jobId = await createJob(db, {
        kind: YEAR_ROLLOVER_KIND,
        createdBy: ctx.actorId,
        cityId: scope.unit.city_id,
        districtId: scope.unit.district_id,
        schoolId: scope.unit.school_id,
        owner: runner.owner,
      });
      runner.enqueue({
        id: jobId,
        kind: YEAR_ROLLOVER_KIND,
        schoolId: scope.unit.school_id ?? '',
        log: req.log,
        run: () => runRollover(ctx, { jobId, scope }),
      });
      return reply.code(202).send({ jobId });
    },
  );
}
