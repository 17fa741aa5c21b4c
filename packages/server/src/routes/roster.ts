import { Type } from 'typebox';
import type { AppDeps } from '../app-deps.js';
import { requestLocale } from '../http/error-handler.js';
import type { Api } from '../http/api.js';
import { LOCALES, type Locale } from '../http/locale.js';
import { notFound } from '../http/problem.js';
import { Uuid } from '../http/schemas.js';
import { createJob } from '../jobs/jobs.js';
import { jobRunnerFor } from '../jobs/runner.js';
import { ROSTER_IMPORT_KIND, runRosterImport } from '../roster/import-job.js';
import { rosterText } from '../roster/messages.js';
import { templateCsv, templateFileName, templateXlsx } from '../roster/template.js';
import { receiveFile, spreadsheetKind } from '../http/upload.js';
import { placementOfUnit } from '../org/placement.js';
import { findSchool } from '../org/org-store.js';
import { requestContext } from '../services/context.js';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export async function rosterRoutes(api: Api, { db, config }: AppDeps) {
  const TemplateQuery = Type.Object(
    {
      format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' })),
      lang: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
    },
    { additionalProperties: false },
  );
  api.get(
    '/v1/roster/template',
    {
      config: { policy: 'roster.import' },
      schema: {
        tags: ['roster'],
        querystring: TemplateQuery,
        description: 'The roster file template with an example row; xlsx adds a sheet explaining each column.',
      },
    },
    async (req, reply) => {
      const format = req.query.format ?? 'xlsx';
      const locale: Locale = req.query.lang ?? requestLocale(req);
      const body = format === 'xlsx' ? await templateXlsx(locale) : templateCsv(locale);
      const name = templateFileName(locale, format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`,
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  const ImportQuery = Type.Object({ schoolId: Uuid }, { additionalProperties: false });
  api.post(
    '/v1/roster/imports',
    {
      config: { policy: 'roster.import' },
      schema: {
        tags: ['roster'],
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        description:
          'Upload a roster (.xlsx or .csv) in multipart field `file`; poll GET /api/v1/jobs/{jobId} for progress and the report.',
        response: { 202: Type.Object({ jobId: Type.String() }) },
      },
    },
    async (req, reply) => {
      const school = await findSchool(db, req.query.schoolId);
      if (!school) throw notFound();
      // Checked before the upload is read: a school admin never gets to send another school's roster.
      const binding = req.access.require('roster.import', placementOfUnit(school));
      const locale = requestLocale(req);
      const upload = await receiveFile(
        req.isMultipart() ? await req.file() : undefined,
        rosterText('file.missing', locale),
        config.uploadLimitBytes,
      );
      const kind = spreadsheetKind(upload, locale);
      const jobId = await createJob(db, {
        kind: ROSTER_IMPORT_KIND,
        createdBy: req.signedIn!.account.id,
        cityId: school.city_id,
        districtId: school.district_id,
        schoolId: school.id,
        owner: jobRunnerFor(db).owner,
      });
      jobRunnerFor(db).enqueue({
        id: jobId,
        kind: ROSTER_IMPORT_KIND,
        schoolId: school.id,
        log: req.log,
        run: () =>
          runRosterImport(db, { jobId, school, kind, file: upload.buffer, actor: requestContext(req, db), binding }),
      });
      return reply.code(202).send({ jobId });
    },
  );
}
