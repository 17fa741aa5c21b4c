import { Type } from 'typebox';
import { attachmentHeader, chinaDate } from '../accounts/content-disposition.js';
import type { AppDeps } from '../app-deps.js';
import { auditRequest } from '../audit/request-audit.js';
import { complianceLabels } from '../compliance/labels.js';
import { tcm } from '../compliance/messages.js';
import { buildComplianceReport } from '../compliance/report.js';
import { complianceSheet } from '../compliance/sheet.js';
import { caughtUpReadDb } from '../db/replica.js';
import type { Api } from '../http/api.js';
import { requestLocale } from '../http/error-handler.js';
import { forbidden, notFound } from '../http/problem.js';
import { Uuid } from '../http/schemas.js';
import { renderReportPdf } from '../reports/report-pdf.js';
import { renderReportXlsx } from '../reports/report-xlsx.js';
import { placementOfUnit } from '../org/placement.js';
import { findUnit } from '../org/org-store.js';
import type { FastifyRequest } from 'fastify';

const Query = Type.Object(
  { unitId: Type.Optional(Uuid), year: Type.Optional(Type.Integer({ minimum: 2020, maximum: 2100 })) },
  { additionalProperties: false },
);
const Count = Type.Integer();
const ComplianceView = Type.Object({
  unit: Type.Object({
    id: Type.String(),
    kind: Type.String(),
    name: Type.String(),
    nameEn: Type.Union([Type.String(), Type.Null()]),
  }),
  year: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  access: Type.Array(
    Type.Object({
      username: Type.String(),
      roles: Type.Array(Type.String(), {
        description: 'Roles the account acted in (its current roles where the entries carry none)',
      }),
      targetType: Type.String(),
      events: Count,
    }),
  ),
  exports: Type.Array(Type.Object({ action: Type.String(), role: Type.String(), events: Count, users: Count })),
  consents: Type.Array(Type.Object({ kind: Type.String(), decision: Type.String(), count: Count })),
  consentsHeld: Count,
  disclosures: Type.Array(Type.Object({ told: Type.String(), count: Count })),
  retention: Type.Array(Type.Object({ action: Type.String(), events: Count })),
  accountsDisabled: Type.Array(Type.Object({ kind: Type.String(), count: Count })),
  refusals: Type.Array(Type.Object({ action: Type.String(), outcome: Type.String(), events: Count })),
  /** The codes above named in the caller's language, per kind of code. */
  labels: Type.Record(Type.String(), Type.Record(Type.String(), Type.String())),
});
const WIDTH: Record<string, number> = { city: 0, district: 1, school: 2 };
const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function complianceRoutes(api: Api, { db, readDb = db }: AppDeps) {
  /** The report of a city, district or school in the caller's scope; reading it is itself audited. */
  async function load(
    req: FastifyRequest,
    asked: string | undefined,
    year: number | undefined,
    format: 'view' | 'pdf' | 'xlsx',
  ) {
    // Without a unit: the widest one the caller answers for, so the page opens on it.
    const unitId =
      asked ??
      req.access
        .scopes('compliance.read')
        .filter((s) => s.level in WIDTH)
        .sort((a, b) => WIDTH[a.level]! - WIDTH[b.level]!)[0]?.id;
    if (!unitId) throw forbidden();
    const unit = await findUnit(db, unitId);
    if (!unit || !['city', 'district', 'school'].includes(unit.kind)) throw notFound();
    const binding = req.access.require('compliance.read', placementOfUnit(unit));
    // A year of the audit log is the heaviest read there is: the replica's, once it has replayed up to now.
    const source = await caughtUpReadDb(db, readDb);
    const report = await buildComplianceReport(source, unit, year ?? Number(chinaDate().slice(0, 4)));
    await auditRequest(db, req, {
      action: format === 'view' ? 'compliance.read' : 'compliance.export',
      targetType: unit.kind,
      targetId: unit.id,
      placement: placementOfUnit(unit),
      binding,
      detail: { year: report.year, ...(format === 'view' ? {} : { format }) },
    });
    return report;
  }

  api.get(
    '/v1/compliance/report',
    {
      config: { policy: 'compliance.read' },
      schema: { tags: ['compliance'], querystring: Query, response: { 200: ComplianceView } },
    },
    async (req) => {
      const report = await load(req, req.query.unitId, req.query.year, 'view');
      return { ...report, labels: complianceLabels(report, requestLocale(req)) };
    },
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    api.get(
      `/v1/compliance/report.${format}`,
      { config: { policy: 'compliance.read' }, schema: { tags: ['compliance'], querystring: Query } },
      async (req, reply) => {
        const locale = requestLocale(req);
        const report = await load(req, req.query.unitId, req.query.year, format);
        const sheet = complianceSheet(report, locale);
        const date = chinaDate();
        const bytes = format === 'pdf' ? await renderReportPdf(sheet, date) : await renderReportXlsx(sheet);
        const unitName = locale === 'en' ? (report.unit.nameEn ?? report.unit.name) : report.unit.name;
        return reply
          .header('content-type', FILE_TYPES[format])
          .header(
            'content-disposition',
            attachmentHeader(
              `${unitName}-${report.year}-${tcm('file.name', locale)}.${format}`,
              `compliance-report-${report.year}.${format}`,
            ),
          )
          .header('cache-control', 'no-store')
          .send(bytes);
      },
    );
  }
}
