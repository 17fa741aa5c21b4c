import { authorize, bandLabel } from '@yuxin/core';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { IdParams, Uuid } from '../http/schemas.js';
import { namesBinding, resolveReportUnit } from '../reports/access.js';
import { rowLabels } from '../reports/labels.js';
import { tr } from '../reports/messages.js';
import { buildScreeningReport } from '../reports/report.js';
import { renderReportPdf } from '../reports/report-pdf.js';
import { reportSheet } from '../reports/report-sheet.js';
import { renderReportXlsx } from '../reports/report-xlsx.js';
import { ScreeningReportSchema } from '../reports/schemas.js';
import { followUpStudents } from '../reports/students.js';
import { requireReadableCampaign } from '../screening/campaigns/visibility.js';
import { placementOfUnit } from '../org/placement.js';

const ReportQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function reportsRoutes(api: Api, { db }: AppDeps) {
  /** The report, and the named list where the caller may see it (that read is audited). */
  async function load(
    req: FastifyRequest,
    campaignId: string,
    unitId: string | undefined,
    purpose: 'view' | 'pdf' | 'xlsx',
  ) {
    const campaign = await requireReadableCampaign(db, req.access, campaignId);
    const { unit, binding } = await resolveReportUnit(db, req.access, requestLocale(req), campaign, unitId);
    const report = await buildScreeningReport(db, campaign, unit);
    const named = namesBinding(req.access, unit);
    const students = named ? await followUpStudents(db, campaign.id, unit.id) : null;
    // Aggregates read in the page are not records; a named list and every file leaving the system are.
    if (students || purpose !== 'view') {
      await auditRequest(db, req, {
        action: purpose === 'view' ? 'report.students' : 'report.export',
        targetType: unit.kind,
        targetId: unit.id,
        placement: placementOfUnit(unit),
        binding: named ?? binding,
        detail: {
          campaignId: campaign.id,
          format: purpose === 'view' ? undefined : purpose,
          returned: students?.map((s) => s.id) ?? [],
        },
      });
    }
    // A school's parent is its district, a district's the city: may the caller go up?
    const parentPlacement =
      unit.kind === 'school' ? { cityId: unit.city_id, districtId: unit.district_id } : { cityId: unit.city_id };
    const parentReadable = unit.kind !== 'city' && authorize(req.access.actor, 'report.read', parentPlacement).allowed;
    return { report, students, parentReadable };
  }

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
