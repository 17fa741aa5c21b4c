// Campaigns (普测任务), their completion, reminders and the city's screening settings.
import { api } from './client';
import type { Answer, ItemOf, Query, RequestBody } from './contract';
import type { Page } from './types';

type CampaignsQuery = Query<'/api/v1/campaigns'>;
export type CampaignDetail = Answer<'/api/v1/campaigns/{id}'>;
export type CampaignSummary = ItemOf<Answer<'/api/v1/campaigns'>>;
export type CampaignKind = CampaignSummary['kind'];
export type CampaignStatus = CampaignSummary['status'];
export type UnitRef = CampaignSummary['owner'];
export type CampaignCreate = RequestBody<'/api/v1/campaigns', 'post'>;
export type InstrumentSet = NonNullable<CampaignCreate['instrumentSets']>[number];
export type Respondent = InstrumentSet['respondent'];

export type Completion = Answer<'/api/v1/campaigns/{id}/completion'>;
export type CompletionCounts = Completion['total'];
export type CompletionRow = Completion['rows'][number];
export type CompletionLevel = Completion['level'];
type Unfinished = Answer<'/api/v1/campaigns/{id}/completion/students'>;
export type UnfinishedStudent = Unfinished['items'][number];

export type ScreeningSettings = Answer<'/api/v1/settings/screening'>;
export type InstrumentSummary = Answer<'/api/v1/instruments'>['items'][number];

const enc = encodeURIComponent;

export const campaignsApi = {
  list: (query: CampaignsQuery, signal?: AbortSignal) =>
    api.get<Page<CampaignSummary>>('/campaigns', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CampaignDetail>(`/campaigns/${enc(id)}`, undefined, signal),
  create: (body: CampaignCreate) => api.post<CampaignDetail>('/campaigns', body),
  publish: (id: string) => api.post<Answer<'/api/v1/campaigns/{id}/publish', 'post'>>(`/campaigns/${enc(id)}/publish`),
  cancel: (id: string) => api.post<CampaignDetail>(`/campaigns/${enc(id)}/cancel`),
  completion: (id: string, query: Query<'/api/v1/campaigns/{id}/completion'>, signal?: AbortSignal) =>
    api.get<Completion>(`/campaigns/${enc(id)}/completion`, { ...query }, signal),
  unfinished: (id: string, classId: string, signal?: AbortSignal) =>
    api.get<Unfinished>(`/campaigns/${enc(id)}/completion/students`, { classId }, signal),
  remind: (id: string, classId: string) =>
    api.post<Answer<'/api/v1/campaigns/{id}/reminders', 'post'>>(`/campaigns/${enc(id)}/reminders`, { classId }),
  settings: (signal?: AbortSignal) => api.get<ScreeningSettings>('/settings/screening', undefined, signal),
  instruments: (signal?: AbortSignal) => api.get<Answer<'/api/v1/instruments'>>('/instruments', undefined, signal),
};
