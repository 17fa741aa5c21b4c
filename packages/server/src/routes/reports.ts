import { bandLabel } from '@yuxin/core';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { rowLabels } from '../reports/labels.js';
import { tr } from '../reports/messages.js';
import { renderReportPdf } from '../reports/report-pdf.js';
import { reportSheet } from '../reports/report-sheet.js';
import { renderReportXlsx } from '../reports/report-xlsx.js';
import { ScreeningReportSchema } from '../reports/schemas.js';
import { loadScreeningReport } from '../reports/service.js';
import { requestContext } from '../services/context.js';

const ReportQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function reportsRoutes(api: Api, { db, readDb = db }: AppDeps) {
  const load = (
    req: FastifyRequest,
    campaignId: string,
    unitId: string | undefined,
    purpose: 'view' | 'pdf' | 'xlsx',
  ) => loadScreeningReport(requestContext(req, db, readDb), campaignId, unitId, purpose);

  api.get(
    '/v1/reports/campaigns/:id',
    {
      config: { policy: 'report.read' },
      schema: {
        tags: ['reports'],
        params: IdParams,
        querystring: ReportQuery,
        response: { 200: ScreeningReportSchema },
      },
    },
    async (req) => {
      const locale = requestLocale(req);
      const { report, students, parentReadable } = await load(req, req.params.id, req.query.unitId, 'view');
      return {
        ...report,
        labels: rowLabels(report, locale),
        parentReadable,
        bands: report.bands.map((b) => ({
          ...b,
          columnLabels: b.columns.map((c) => bandLabel(b.instrument, c, locale)),
        })),
        students,
      };
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    api.get(
      `/v1/reports/campaigns/:id/report.${format}`,
      { config: { policy: 'report.read' }, schema: { tags: ['reports'], params: IdParams, querystring: ReportQuery } },
      async (req, reply) => {
        const locale = requestLocale(req);
        const { report, students } = await load(req, req.params.id, req.query.unitId, format);
        const sheet = reportSheet(report, students, locale);
        const date = chinaDate();
        const bytes = format === 'pdf' ? await renderReportPdf(sheet, date) : await renderReportXlsx(sheet);
        const unitName = locale === 'en' ? (report.unit.nameEn ?? report.unit.name) : report.unit.name;
        const filename = `${unitName}-${report.campaign.name}-${tr('file.report', locale)}-${date}.${format}`;
        return reply
          .header('content-type', FILE_TYPES[format])
          .header('content-disposition', attachmentHeader(filename, `screening-report-${date}.${format}`))
          .header('cache-control', 'no-store')
          .send(bytes);
      },
    );
  }
}
