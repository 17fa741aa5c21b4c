// Screening reports: suppressed aggregates by city, district or school, and their PDF/Excel exports.
import { api } from './client';

/** A cross-tabulation as the server publishes it: null marks a count hidden by small-cell suppression. */
export interface PublishedTable {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export type ReportLevel = 'city' | 'district' | 'school';
export type Breakdown = 'unit' | 'grade' | 'gender' | 'stage' | 'care_tag';
export interface ReportUnitLabel {
  key: string;
  name: string;
  nameEn: string | null;
}
export interface Shares {
  completionRate: number | null;
  tiers: (number | null)[];
}

export interface ScreeningReport {
  campaign: { id: string; name: string; schoolYear: string; term: number | null };
  level: ReportLevel;
  unit: ReportUnitLabel & { kind: ReportLevel };
  parent: (ReportUnitLabel & { kind: ReportLevel }) | null;
  parentReadable: boolean;
  children: (ReportUnitLabel & { drillable: boolean })[];
  labels: Record<Breakdown, Record<string, string>>;
  participation: PublishedTable;
  tiers: Record<Breakdown, PublishedTable>;
  bands: {
    instrument: string;
    columns: string[];
    columnLabels: string[];
    byUnit: PublishedTable;
    byGrade: PublishedTable;
    byGender: PublishedTable;
    byStage: PublishedTable;
    byCareTag: PublishedTable;
  }[];
  comparison: { unit: Shares; parent: Shares | null };
  trend: {
    campaignId: string;
    name: string;
    schoolYear: string;
    term: number | null;
    participation: PublishedTable;
    tiers: PublishedTable;
  }[];
  critical: PublishedTable;
  alerts: PublishedTable;
  casesOpened: PublishedTable;
  meanAckMinutes: (number | null)[];
  students: { id: string; name: string; studentNo: string; className: string; tier: number }[] | null;
}

const enc = encodeURIComponent;

export const reportsApi = {
  campaign: (campaignId: string, unitId: string | undefined, signal?: AbortSignal) =>
    api.get<ScreeningReport>(`/reports/campaigns/${enc(campaignId)}`, { unitId }, signal),
  export: (campaignId: string, unitId: string, format: 'pdf' | 'xlsx') =>
    api.download('GET', `/reports/campaigns/${enc(campaignId)}/report.${format}`, `report.${format}`, {
      query: { unitId },
    }),
};
