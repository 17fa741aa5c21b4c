// Cases (一案一清), follow-ups, referrals to partner hospitals, seasonal sweeps and case counts.
import { api } from './client';
import type { SweepSeason } from '@yuxin/core';
import type { Answer, ItemOf, Query, RequestBody } from './contract';
import type { Page } from './types';

const enc = encodeURIComponent;

export {
  ACTION_KINDS,
  CASE_STATES,
  HELPER_ROLES,
  RISK_LEVELS,
  RISK_REASONS,
  SWEEP_SEASONS as SEASONS,
  type CaseState,
  type CaseStep,
} from '@yuxin/core';

export type CaseSummary = ItemOf<Answer<'/api/v1/cases'>>;
export type CaseDetail = Answer<'/api/v1/cases/{id}'>;
export type Person = CaseSummary['openedBy'];
export type StudentRef = CaseSummary['student'];
export type FollowUp = CaseDetail['followUps'][number];
export type Referral = CaseDetail['referrals'][number];
export type TimelineEvent = Answer<'/api/v1/cases/{id}/timeline'>['items'][number];
export type CaseRecord = RequestBody<'/api/v1/cases/{id}/records', 'post'>;
export type ReferralItem = ItemOf<Answer<'/api/v1/referrals'>>;
export type ReferralPacket = Answer<'/api/v1/referrals/{id}'>;
export type SweepSummary = Answer<'/api/v1/sweeps'>['items'][number];
export type SweepDetail = Answer<'/api/v1/sweeps/{id}'>;
export type CaseStats = Answer<'/api/v1/case-stats'>;

type StateResult = Answer<'/api/v1/cases/{id}/transition', 'post'>;

export const casesApi = {
  list: (query: Query<'/api/v1/cases'>, signal?: AbortSignal) =>
    api.get<Page<CaseSummary>>('/cases', { ...query }, signal),
  open: (alertIds: string[], note?: string) =>
    api.post<Answer<'/api/v1/cases', 'post'>>('/cases', { alertIds, ...(note ? { note } : {}) }),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${enc(id)}`, undefined, signal),
  timeline: (id: string, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/cases/{id}/timeline'>>(`/cases/${enc(id)}/timeline`, undefined, signal),
  assess: (id: string, body: RequestBody<'/api/v1/cases/{id}/assessment', 'put'>) =>
    api.put<StateResult>(`/cases/${enc(id)}/assessment`, body),
  plan: (id: string, body: RequestBody<'/api/v1/cases/{id}/plan', 'put'>) =>
    api.put<StateResult>(`/cases/${enc(id)}/plan`, body),
  record: (id: string, body: CaseRecord) => api.post<StateResult>(`/cases/${enc(id)}/records`, body),
  transition: (id: string, body: RequestBody<'/api/v1/cases/{id}/transition', 'post'>) =>
    api.post<StateResult>(`/cases/${enc(id)}/transition`, body),
  decide: (id: string, body: RequestBody<'/api/v1/cases/{id}/decisions', 'post'>) =>
    api.post<StateResult>(`/cases/${enc(id)}/decisions`, body),
  conference: (id: string, body: RequestBody<'/api/v1/cases/{id}/conferences', 'post'>) =>
    api.post<StateResult>(`/cases/${enc(id)}/conferences`, body),
  scheduleFollowUps: (id: string, body: RequestBody<'/api/v1/cases/{id}/follow-ups', 'post'>) =>
    api.post<Answer<'/api/v1/cases/{id}/follow-ups', 'post'>>(`/cases/${enc(id)}/follow-ups`, body),
  refer: (id: string, body: RequestBody<'/api/v1/cases/{id}/referrals', 'post'>) =>
    api.post<Answer<'/api/v1/cases/{id}/referrals', 'post'>>(`/cases/${enc(id)}/referrals`, body),
  candidates: (id: string, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/cases/{id}/candidates'>>(`/cases/${enc(id)}/candidates`, undefined, signal),
  trajectory: (id: string, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/cases/{id}/trajectory'>>(`/cases/${enc(id)}/trajectory`, undefined, signal),
  monitoring: (id: string, weeks: number) =>
    api.post<Answer<'/api/v1/cases/{id}/monitoring', 'post'>>(`/cases/${enc(id)}/monitoring`, { weeks }),
  followUps: (query: Query<'/api/v1/follow-ups'>, signal?: AbortSignal) =>
    api.get<Answer<'/api/v1/follow-ups'>>('/follow-ups', { ...query }, signal),
  completeFollowUp: (id: string, outcome: string) =>
    api.post<Answer<'/api/v1/follow-ups/{id}/complete', 'post'>>(`/follow-ups/${enc(id)}/complete`, { outcome }),
  consent: (referralId: string, body: RequestBody<'/api/v1/referrals/{id}/consent', 'post'>) =>
    api.post<Answer<'/api/v1/referrals/{id}/consent', 'post'>>(`/referrals/${enc(referralId)}/consent`, body),
  correctConsent: (referralId: string, body: RequestBody<'/api/v1/referrals/{id}/consent/correction', 'post'>) =>
    api.post<Answer<'/api/v1/referrals/{id}/consent/correction', 'post'>>(
      `/referrals/${enc(referralId)}/consent/correction`,
      body,
    ),
  cancelReferral: (referralId: string, body: RequestBody<'/api/v1/referrals/{id}/cancel', 'post'>) =>
    api.post<Answer<'/api/v1/referrals/{id}/cancel', 'post'>>(`/referrals/${enc(referralId)}/cancel`, body),
  reroute: (referralId: string, body: RequestBody<'/api/v1/referrals/{id}/reroute', 'post'>) =>
    api.post<Answer<'/api/v1/referrals/{id}/reroute', 'post'>>(`/referrals/${enc(referralId)}/reroute`, body),
  returnToSchool: (referralId: string, body: RequestBody<'/api/v1/referrals/{id}/return', 'post'>) =>
    api.post<StateResult>(`/referrals/${enc(referralId)}/return`, body),
  referrals: (page: number, signal?: AbortSignal) =>
    api.get<Page<ReferralItem>>('/referrals', { page, pageSize: 20 }, signal),
  referral: (id: string, signal?: AbortSignal) => api.get<ReferralPacket>(`/referrals/${enc(id)}`, undefined, signal),
  recordStay: (id: string, body: RequestBody<'/api/v1/referrals/{id}/stay', 'put'>) =>
    api.put<Answer<'/api/v1/referrals/{id}/stay', 'put'>>(`/referrals/${enc(id)}/stay`, body),
  feedback: (id: string, body: RequestBody<'/api/v1/referrals/{id}/feedback', 'post'>) =>
    api.post<Answer<'/api/v1/referrals/{id}/feedback', 'post'>>(`/referrals/${enc(id)}/feedback`, body),
  sweeps: (signal?: AbortSignal) => api.get<Answer<'/api/v1/sweeps'>>('/sweeps', undefined, signal),
  sweep: (id: string, signal?: AbortSignal) => api.get<SweepDetail>(`/sweeps/${enc(id)}`, undefined, signal),
  startSweep: (schoolId: string, season: SweepSeason) => api.post<SweepSummary>('/sweeps', { schoolId, season }),
  checkSweepItem: (id: string, note?: string) =>
    api.post<Answer<'/api/v1/sweep-items/{id}/check', 'post'>>(`/sweep-items/${enc(id)}/check`, note ? { note } : {}),
  stats: (signal?: AbortSignal) => api.get<CaseStats>('/case-stats', undefined, signal),
};
