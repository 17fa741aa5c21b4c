// The yearly compliance report built from the audit log, and its PDF/Excel exports.
import { api } from './client';
import type { Answer } from './contract';

/** `labels` names the report's codes in the UI language: the same names the PDF and workbook print. */
export type ComplianceReport = Answer<'/api/v1/compliance/report'>;
export type LabelCategory = keyof ComplianceReport['labels'];

export const complianceApi = {
  report: (query: { unitId?: string; year: number }, signal?: AbortSignal) =>
    api.get<ComplianceReport>('/compliance/report', query, signal),
  export: (query: { unitId: string; year: number }, format: 'pdf' | 'xlsx') =>
    api.download('GET', `/compliance/report.${format}`, `compliance-report-${query.year}.${format}`, { query }),
};
