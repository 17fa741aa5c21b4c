// Screening reports: suppressed aggregates by city, district or school, and their PDF/Excel exports.
import { api } from './client';
import type { Answer } from './contract';

export type ScreeningReport = Answer<'/api/v1/reports/campaigns/{id}'>;
/** A cross-tabulation as the server publishes it: null marks a count hidden by small-cell suppression. */
export type PublishedTable = ScreeningReport['participation'];
export type ReportLevel = ScreeningReport['level'];
export type Breakdown = keyof ScreeningReport['tiers'];
export type Shares = ScreeningReport['comparison']['unit'];

const enc = encodeURIComponent;

export const reportsApi = {
  campaign: (campaignId: string, unitId: string | undefined, signal?: AbortSignal) =>
    api.get<ScreeningReport>(`/reports/campaigns/${enc(campaignId)}`, { unitId }, signal),
  export: (campaignId: string, unitId: string, format: 'pdf' | 'xlsx') =>
    api.download('GET', `/reports/campaigns/${enc(campaignId)}/report.${format}`, `report.${format}`, {
      query: { unitId },
    }),
};
