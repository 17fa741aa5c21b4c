// The yearly compliance report built from the audit log, and its PDF/Excel exports.
import { api } from './client';

export type LabelCategory = 'role' | 'action' | 'target' | 'consent' | 'decision' | 'told' | 'accountKind';

export interface ComplianceReport {
  unit: { id: string; kind: 'city' | 'district' | 'school'; name: string; nameEn: string | null };
  year: number;
  from: string;
  to: string;
  access: { username: string; role: string; targetType: string; events: number }[];
  exports: { action: string; role: string; events: number; users: number }[];
  consents: { kind: string; decision: string; count: number }[];
  consentsHeld: number;
  disclosures: { told: string; count: number }[];
  retention: { action: string; events: number }[];
  accountsDisabled: { kind: string; count: number }[];
  refusals: { action: string; events: number }[];
  /** The codes above named by the server in the UI language: the same names the PDF and workbook print. */
  labels: Record<LabelCategory, Record<string, string>>;
}

export const complianceApi = {
  report: (query: { unitId?: string; year: number }, signal?: AbortSignal) =>
    api.get<ComplianceReport>('/compliance/report', query, signal),
  export: (query: { unitId: string; year: number }, format: 'pdf' | 'xlsx') =>
    api.download('GET', `/compliance/report.${format}`, `compliance-report-${query.year}.${format}`, { query }),
};
