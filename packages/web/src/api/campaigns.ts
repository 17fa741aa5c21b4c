// Campaigns (普测任务), their completion, reminders and the city's screening settings.
import { api } from './client';
import type { Page } from './types';

export type CampaignKind = 'universal' | 'intake' | 'targeted' | 'monitoring';
export type CampaignStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'cancelled';
export type Respondent = 'self' | 'guardian';

export interface UnitRef {
  id: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export interface CampaignSummary {
  id: string;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  owner: UnitRef;
  schoolYear: string;
  term: number | null;
  opensAt: string;
  closesAt: string;
  publishedAt: string | null;
  targets: UnitRef[];
  studentCount: number;
  canManage: boolean;
}

export interface CampaignDetail extends CampaignSummary {
  noticeZh: string;
  noticeEn: string;
  consentRequiredUnderAge: number;
  instrumentSets: Array<{
    gradeFrom: number;
    gradeTo: number;
    respondent: Respondent;
    instruments: Array<{ code: string; version: number; shortName: string; name: { zh: string; en: string } }>;
  }>;
  students: Array<{ id: string; name: string | null }>;
  assignmentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface InstrumentSet {
  gradeFrom: number;
  gradeTo: number;
  respondent: Respondent;
  instruments: string[];
}

export interface CampaignCreate {
  ownerId: string;
  name: string;
  kind: CampaignKind;
  opensAt: string;
  closesAt?: string;
  noticeZh?: string;
  noticeEn?: string;
  targetIds?: string[];
  studentIds?: string[];
  instrumentSets?: InstrumentSet[];
}

export interface CompletionCounts {
  invited: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  declined: number;
  consentPending: number;
  consentRefused: number;
  completionRate: number;
}

export type CompletionLevel = 'district' | 'school' | 'grade' | 'class';

export interface CompletionRow extends CompletionCounts {
  unitId: string;
  kind: string;
  name: string;
  nameEn: string | null;
}

export interface Completion {
  campaignId: string;
  level: CompletionLevel;
  unit: UnitRef | null;
  rows: CompletionRow[];
  total: CompletionCounts;
}

export interface UnfinishedStudent {
  studentId: string;
  name: string;
  studentNo: string;
  respondent: Respondent;
  status: 'pending' | 'in_progress';
  consentStatus: 'not_required' | 'pending' | 'granted' | 'refused';
  lastRemindedAt: string | null;
  reminderCount: number;
}

export interface ScreeningSettings {
  preset: string;
  frequency: 'school_year' | 'term';
  campaignKinds: CampaignKind[];
  defaultInstrumentSets: InstrumentSet[];
  defaultWindowDays: number;
  consentRequiredUnderAge: number;
  hotline: Array<{ nameZh: string; nameEn: string; number: string }>;
}

export interface InstrumentSummary {
  code: string;
  version: number;
  shortName: string;
  name: { zh: string; en: string };
  respondent: Respondent;
  itemCount: number;
  grades: { min: number; max: number } | null;
}

const enc = encodeURIComponent;

export const campaignsApi = {
  list: (
    query: { status?: CampaignStatus; kind?: CampaignKind; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<Page<CampaignSummary>>('/campaigns', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CampaignDetail>(`/campaigns/${enc(id)}`, undefined, signal),
  create: (body: CampaignCreate) => api.post<CampaignDetail>('/campaigns', body),
  publish: (id: string) =>
    api.post<{ campaign: CampaignDetail; created: number; total: number }>(`/campaigns/${enc(id)}/publish`),
  cancel: (id: string) => api.post<CampaignDetail>(`/campaigns/${enc(id)}/cancel`),
  completion: (id: string, query: { level?: CompletionLevel; unitId?: string }, signal?: AbortSignal) =>
    api.get<Completion>(`/campaigns/${enc(id)}/completion`, { ...query }, signal),
  unfinished: (id: string, classId: string, signal?: AbortSignal) =>
    api.get<{ campaignId: string; classId: string; items: UnfinishedStudent[] }>(
      `/campaigns/${enc(id)}/completion/students`,
      { classId },
      signal,
    ),
  remind: (id: string, classId: string) =>
    api.post<{ count: number; skipped: number }>(`/campaigns/${enc(id)}/reminders`, { classId }),
  settings: (signal?: AbortSignal) => api.get<ScreeningSettings>('/settings/screening', undefined, signal),
  instruments: (signal?: AbortSignal) => api.get<{ items: InstrumentSummary[] }>('/instruments', undefined, signal),
};
