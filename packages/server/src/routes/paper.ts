import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { LOCALES, type Locale } from '../http/locale.js';
import { notFound, Problem } from '../http/problem.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { createJob } from '../jobs/jobs.js';
import { jobRunnerFor } from '../jobs/runner.js';
import { campaignStatus } from '../screening/campaigns/status.js';
import { requireReadableCampaign } from '../screening/campaigns/visibility.js';
import { formsOf, loadClassSheet } from '../screening/paper/class-sheet.js';
import { renderPaperFormsPdf } from '../screening/paper/forms-pdf.js';
import { PAPER_IMPORT_KIND, runPaperImport } from '../screening/paper/import-job.js';
import { pt } from '../screening/paper/messages.js';
import { paperTemplateXlsx } from '../screening/paper/template.js';
import { placementOfUnit } from '../org/placement.js';
import { findClass } from '../org/org-store.js';
import { receiveFile, spreadsheetKind } from '../http/upload.js';
import { requestContext } from '../services/context.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Lang = Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l))));
const PrintQuery = Type.Object({ classId: Uuid, locale: Lang }, { additionalProperties: false });
const FormsQuery = Type.Object(
  {
    classId: Uuid,
    locale: Lang,
    blank: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'One unnamed form per instrument set of the class instead of one per student.',
      }),
    ),
  },
  { additionalProperties: false },
);

export async function paperRoutes(api: Api, { db, config }: AppDeps) {
  /** The campaign (404 unless readable) and the class (404 unless the action covers it). */
  const campaignAndClass = async (
    req: FastifyRequest,
    campaignId: string,
    classId: string,
    action: 'paper.print' | 'paper.import',
  ) => {
    const campaign = await requireReadableCampaign(db, req.access, campaignId);
    const klass = await findClass(db, classId);
    if (!klass) throw notFound();
    const binding = req.access.require(action, placementOfUnit(klass));
    return { campaign, klass, binding };
  };

  /** Names of a class leave the server on paper: which students, by whom, is audited. */
  const printed = async (
    req: FastifyRequest,
    what: 'forms' | 'blank-forms' | 'template',
    locale: Locale,
    campaignId: string,
    classId: string,
  ) => {
    const { campaign, klass, binding } = await campaignAndClass(req, campaignId, classId, 'paper.print');
    const sheet = await loadClassSheet(db, campaign.id, klass, locale);
    await auditRequest(db, req, {
      action: 'paper.print',
      targetType: 'class',
      targetId: klass.id,
      placement: placementOfUnit(klass),
      binding,
      detail: { campaignId: campaign.id, what, students: sheet.students.map((s) => s.assignment.student_id) },
    });
    return { campaign, sheet };
  };

  api.get(
    '/v1/campaigns/:id/paper-forms',
    {
      config: { policy: 'paper.print' },
      schema: {
        tags: ['paper'],
        params: IdParams,
        querystring: FormsQuery,
        description:
          "A PDF with one paper questionnaire per student of the class who answers this campaign's self-report forms.",
      },
    },
    async (req, reply) => {
      const locale = req.query.locale ?? requestLocale(req);
      const blank = req.query.blank ?? false;
      const { campaign, sheet } = await printed(
        req,
        blank ? 'blank-forms' : 'forms',
        locale,
        req.params.id,
        req.query.classId,
      );
      const pdf = await renderPaperFormsPdf(sheet, formsOf(sheet, blank), { campaignName: campaign.name, locale });
      const date = chinaDate();
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          attachmentHeader(`${sheet.className}-${pt('file.forms', locale)}-${date}.pdf`, `paper-forms-${date}.pdf`),
        )
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  api.get(
    '/v1/campaigns/:id/paper-template',
    {
      config: { policy: 'paper.print' },
      schema: {
        tags: ['paper'],
        params: IdParams,
        querystring: PrintQuery,
        description:
          'The .xlsx to type paper answers into: 学籍号, 姓名 and one column per item, pre-filled with the class.',
      },
    },
    async (req, reply) => {
      const locale = req.query.locale ?? requestLocale(req);
      const { sheet } = await printed(req, 'template', locale, req.params.id, req.query.classId);
      const body = await paperTemplateXlsx(sheet, locale);
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          attachmentHeader(`${sheet.className}-${pt('file.template', locale)}.xlsx`, 'paper-answers.xlsx'),
        )
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  api.post(
    '/v1/campaigns/:id/paper-import',
    {
      config: { policy: 'paper.import' },
      schema: {
        tags: ['paper'],
        params: IdParams,
        querystring: Type.Object({ classId: Uuid }, { additionalProperties: false }),
        consumes: ['multipart/form-data'],
        description:
          'Upload the filled answer template (.xlsx or .csv) in multipart field `file`; poll GET /api/v1/jobs/{jobId} for progress and the report.',
        response: { 202: Type.Object({ jobId: Type.String() }) },
      },
    },
    async (req, reply) => {
      // Checked before the upload is read: nobody sends answers for a class they may not enter.
      const { campaign, klass, binding } = await campaignAndClass(
        req,
        req.params.id,
        req.query.classId,
        'paper.import',
      );
      const locale = requestLocale(req);
      const status = campaignStatus(campaign);
      if (status === 'draft' || status === 'scheduled')
        throw new Problem('conflict', {
          detail: pt('campaign.not-started', locale),
          extra: { code: 'campaign.not-started' },
        });
      if (status === 'cancelled')
        throw new Problem('conflict', {
          detail: pt('campaign.cancelled', locale),
          extra: { code: 'campaign.cancelled' },
        });
      const upload = await receiveFile(
        req.isMultipart() ? await req.file() : undefined,
        pt('file.missing', locale),
        config.uploadLimitBytes,
      );
      const kind = spreadsheetKind(upload, locale);
      const jobId = await createJob(db, {
        kind: PAPER_IMPORT_KIND,
        createdBy: req.signedIn!.account.id,
        cityId: klass.city_id,
        districtId: klass.district_id,
        schoolId: klass.school_id,
        owner: jobRunnerFor(db).owner,
      });
      jobRunnerFor(db).enqueue({
        id: jobId,
        kind: PAPER_IMPORT_KIND,
        schoolId: klass.school_id,
        log: req.log,
        run: () =>
          runPaperImport(db, {
            jobId,
            campaignId: campaign.id,
            klass,
            kind,
            file: upload.buffer,
            actor: requestContext(req, db),
            binding,
          }),
      });
      return reply.code(202).send({ jobId });
    },
  );
}
