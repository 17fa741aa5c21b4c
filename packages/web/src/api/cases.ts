// Cases (一案一清), follow-ups, referrals to partner hospitals, seasonal sweeps and case counts.
import { api } from './client';
import type { Page } from './types';

const enc = encodeURIComponent;

export const CASE_STATES = [
  'open',
  'assessing',
  'intervening',
  'referred',
  'following_up',
  'closing',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const RISK_LEVELS = ['low', 'moderate', 'high', 'imminent'] as const;
export const RISK_REASONS = [
  'suicidal_ideation',
  'suicide_plan',
  'self_harm',
  'prior_attempt',
  'severe_depression',
  'severe_anxiety',
  'family_crisis',
  'bullying',
  'loss',
  'substance_use',
  'psychotic_signs',
  'other',
] as const;
export const ACTION_KINDS = ['talk', 'group_work', 'guardian_contact', 'home_visit', 'safety_plan'] as const;
export const HELPER_ROLES = ['psych_teacher', 'head_teacher', 'peer', 'guardian'] as const;
export const SEASONS = ['before_exams', 'start_of_year', 'spring', 'before_graduation'] as const;

export interface Person {
  id: string;
  name: string;
}

export interface StudentRef {
  id: string;
  name: string;
  studentNo: string;
  className: string;
  gradeName: string;
}

export interface CaseSummary {
  id: string;
  state: CaseState;
  student: StudentRef;
  riskLevel: string | null;
  openedAt: string;
  openedBy: Person;
  updatedAt: string;
  openFollowUps: number;
  overdueFollowUps: number;
}

export interface FollowUp {
  id: string;
  caseId: string;
  dueAt: string;
  responsible: Person;
  status: 'done' | 'upcoming' | 'due' | 'overdue' | 'escalated';
  doneAt: string | null;
}

export interface Referral {
  id: string;
  hospital: Person;
  status: 'awaiting_consent' | 'sent' | 'answered' | 'returned';
  fastTrack: boolean;
  reason: string;
  summary: string;
  consentRecordedAt: string | null;
  consentGuardianName: string | null;
  visitedAt: string | null;
  recommendation: string | null;
  admitted: boolean | null;
  feedbackAt: string | null;
  certificateRef: string | null;
  reassessment: string | null;
  returnPlan: string | null;
  returnedAt: string | null;
  createdAt: string;
}

/** A step the server offers on a case page, for the signed-in reader (core's `nextSteps`). */
export type CaseStep =
  | 'start_assessment'
  | 'assessment'
  | 'plan'
  | 'start_intervention'
  | 'referral'
  | 'followUps'
  | 'start_follow_up'
  | 'monitoring'
  | 'consent'
  | 'return'
  | 'closure'
  | 'record'
  | 'reopen'
  | 'review'
  | 'approve'
  | 'reject';

export interface CaseDetail extends CaseSummary {
  riskReasons: string[];
  assessment: { interview: string; assessedAt: string } | null;
  plan: { goals: string[]; actions: string[]; note: string | null; plannedAt: string } | null;
  helpers: Array<{ id: string; role: string; userId: string | null; name: string }>;
  alerts: Array<{ id: string; source: string; urgency: string; createdAt: string }>;
  followUps: Array<FollowUp & { outcome: string | null }>;
  referrals: Referral[];
  approvals: Array<{ kind: string; outcome: string; note: string | null; decidedBy: Person; decidedAt: string }>;
  conclusion: string | null;
  guardianInformedAt: string | null;
  closedAt: string | null;
  nextEvents: string[];
  nextSteps: Array<{ step: CaseStep; primary: boolean }>;
}

export interface TimelineEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  note: string | null;
  actor: Person | null;
  at: string;
}

export type CaseRecord =
  | { type: 'action'; kind: (typeof ACTION_KINDS)[number]; note: string; guardianInformed?: boolean }
  | { type: 'conference'; heldAt: string; attendees: Array<{ name: string; role: string }>; conclusions: string }
  | { type: 'disclosure'; told: Array<'head_teacher' | 'guardian'>; reason: string }
  | { type: 'note'; note: string };

export interface ReferralItem {
  id: string;
  student: { name: string; gender: string; birthDate: string | null };
  schoolName: string;
  fastTrack: boolean;
  status: string;
  consentRecordedAt: string;
  createdAt: string;
}

export interface ReferralPacket extends ReferralItem {
  reason: string;
  summary: string;
  screening: Array<{
    instrument: string;
    total: number | null;
    band: string | null;
    bandLabel: string | null;
    critical: boolean;
    at: string;
  }>;
  feedback: { visitedAt: string | null; recommendation: string | null; admitted: boolean | null; at: string } | null;
}

export interface SweepSummary {
  id: string;
  schoolId: string;
  season: string;
  createdAt: string;
  items: number;
  checked: number;
}

export interface SweepDetail extends SweepSummary {
  list: Array<{ id: string; student: StudentRef; reasons: string[]; checkedAt: string | null }>;
}

export interface CaseStats {
  schools: Array<{
    schoolId: string;
    schoolName: string;
    districtId: string;
    active: number;
    byState: Record<string, number>;
    byTier: Record<string, number>;
    overdueFollowUps: number;
  }>;
  total: { active: number; overdueFollowUps: number; byState: Record<string, number>; byTier: Record<string, number> };
}

type StateResult = { id: string; state: CaseState };

export const casesApi = {
  list: (
    query: { mine?: boolean; state?: CaseState; active?: boolean; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<Page<CaseSummary>>('/cases', { ...query }, signal),
  open: (alertIds: string[], note?: string) => api.post<StateResult>('/cases', { alertIds, ...(note ? { note } : {}) }),
  get: (id: string, signal?: AbortSignal) => api.get<CaseDetail>(`/cases/${enc(id)}`, undefined, signal),
  timeline: (id: string, signal?: AbortSignal) =>
    api.get<{ items: TimelineEvent[] }>(`/cases/${enc(id)}/timeline`, undefined, signal),
  assess: (id: string, body: { riskLevel: string; reasons: string[]; interview: string }) =>
    api.put<StateResult>(`/cases/${enc(id)}/assessment`, body),
  plan: (
    id: string,
    body: {
      goals: string[];
      actions: string[];
      note?: string;
      helpers: Array<{ role: string; userId?: string; name?: string }>;
    },
  ) => api.put<StateResult>(`/cases/${enc(id)}/plan`, body),
  record: (id: string, body: CaseRecord) => api.post<StateResult>(`/cases/${enc(id)}/records`, body),
  transition: (id: string, body: { event: string; reason?: string; conclusion?: string }) =>
    api.post<StateResult>(`/cases/${enc(id)}/transition`, body),
  decide: (id: string, body: { kind: 'leader_review' | 'closure'; outcome: string; note?: string }) =>
    api.post<StateResult>(`/cases/${enc(id)}/decisions`, body),
  scheduleFollowUps: (
    id: string,
    body: { responsibleUserId: string; phases?: Array<{ everyDays: number; count: number }> },
  ) => api.post<{ id: string; state: CaseState; dueDates: string[] }>(`/cases/${enc(id)}/follow-ups`, body),
  refer: (id: string, body: { hospitalId: string; reason: string; summary: string }) =>
    api.post<{ id: string; referralId: string; state: CaseState }>(`/cases/${enc(id)}/referrals`, body),
  candidates: (id: string, signal?: AbortSignal) =>
    api.get<{ staff: Array<{ id: string; name: string; roles: string[] }>; hospitals: Person[] }>(
      `/cases/${enc(id)}/candidates`,
      undefined,
      signal,
    ),
  trajectory: (id: string, signal?: AbortSignal) =>
    api.get<{
      studentId: string;
      series: Array<{
        instrument: string;
        points: Array<{
          responseId: string;
          at: string;
          total: number | null;
          band: string | null;
          valid: boolean;
          campaignKind: string | null;
          critical: boolean;
        }>;
      }>;
    }>(`/cases/${enc(id)}/trajectory`, undefined, signal),
  monitoring: (id: string, weeks: number) =>
    api.post<{ campaignId: string; opensAt: string; closesAt: string }>(`/cases/${enc(id)}/monitoring`, { weeks }),
  followUps: (
    query: { view?: 'mine' | 'school'; status?: 'open' | 'due' | 'overdue' | 'done'; page: number; pageSize: number },
    signal?: AbortSignal,
  ) => api.get<Page<FollowUp & { student: StudentRef }>>('/follow-ups', { ...query }, signal),
  completeFollowUp: (id: string, outcome: string) =>
    api.post<{ id: string; doneAt: string }>(`/follow-ups/${enc(id)}/complete`, { outcome }),
  consent: (referralId: string, body: { guardianName: string; method: 'paper' | 'online' | 'in_person' }) =>
    api.post<{ id: string; status: string }>(`/referrals/${enc(referralId)}/consent`, body),
  returnToSchool: (referralId: string, body: { certificateRef?: string; reassessment: string; returnPlan: string }) =>
    api.post<StateResult>(`/referrals/${enc(referralId)}/return`, body),
  referrals: (page: number, signal?: AbortSignal) =>
    api.get<Page<ReferralItem>>('/referrals', { page, pageSize: 20 }, signal),
  referral: (id: string, signal?: AbortSignal) => api.get<ReferralPacket>(`/referrals/${enc(id)}`, undefined, signal),
  feedback: (id: string, body: { visitedAt: string; recommendation: string; admitted: boolean }) =>
    api.post<{ id: string; status: string }>(`/referrals/${enc(id)}/feedback`, body),
  sweeps: (signal?: AbortSignal) => api.get<{ items: SweepSummary[] }>('/sweeps', undefined, signal),
  sweep: (id: string, signal?: AbortSignal) => api.get<SweepDetail>(`/sweeps/${enc(id)}`, undefined, signal),
  startSweep: (schoolId: string, season: string) => api.post<SweepSummary>('/sweeps', { schoolId, season }),
  checkSweepItem: (id: string, note?: string) =>
    api.post<{ id: string; checkedAt: string }>(`/sweep-items/${enc(id)}/check`, note ? { note } : {}),
  stats: (signal?: AbortSignal) => api.get<CaseStats>('/case-stats', undefined, signal),
};
